import { describe, expect, it } from 'vitest';
import { defaultConfig } from './store';
import { configFromHash, configToHash } from './urlHash';
import { configProblems, validateConfig } from './validate';
import { defaultRun } from './runs';

describe('config validation', () => {
  it('accepts the default config and round-trips it through the URL hash', () => {
    const c = defaultConfig();
    expect(validateConfig(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(configFromHash(configToHash(c))).toEqual(c);
    expect(configFromHash('')).toBeNull();
  });

  it.each([
    [{ dataset: 'imagenet' }, /^dataset: expected one of mnist, cifar10/],
    [{ batchSize: 0 }, /^batchSize: 0 is outside/],
    [{ embeddingDim: 2.5 }, /^embeddingDim: expected a whole number/],
    [{ backend: 'tpu' }, /^backend:/],
    [{ runs: [] }, /^runs: expected a list of 1 to 6/],
    [{ version: 2 }, /^version: expected 1/],
  ])('rejects %j naming the field', (patch, msg) => {
    expect(() => validateConfig({ ...defaultConfig(), ...patch })).toThrow(msg);
  });

  it('names the bad field inside a run', () => {
    const run = { ...defaultRun('triplet', 'r1'), choices: { mining: 'hardest', distance: 'euclidean' } };
    expect(() => validateConfig({ ...defaultConfig(), runs: [run] })).toThrow(/^runs\[0\]\.choices\.mining: expected one of/);
    const lr = { ...defaultRun('softmax', 'r1'), learningRate: 'fast' };
    expect(() => validateConfig({ ...defaultConfig(), runs: [lr] })).toThrow(/^runs\[0\]\.learningRate: expected a number/);
    const extra = { ...defaultRun('softmax', 'r1'), params: { margin: 1 } };
    expect(() => validateConfig({ ...defaultConfig(), runs: [extra] })).toThrow(/^runs\[0\]\.params\.margin: not a parameter/);
  });

  it('a link with broken JSON says so', () => {
    expect(() => configFromHash('#config=%7Bnot json')).toThrow(/not valid JSON/);
  });

  it('flags the simplex loss without DAM in fewer than C−1 dimensions', () => {
    const run = defaultRun('simplex', 'r1');
    const off = { ...run, choices: { ...run.choices, dam: 'off' } };
    const c = { ...defaultConfig(), runs: [off] };
    expect(configProblems(c, 10).join()).toMatch(/at least 9 dimensions/);
    expect(configProblems({ ...c, embeddingDim: 9 }, 10)).toEqual([]);
    expect(configProblems({ ...c, runs: [run] }, 10)).toEqual([]);
  });
});
