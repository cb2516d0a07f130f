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

  it('accepts the toy 2-D datasets and your images, and no other new id', () => {
    for (const dataset of ['toy-blobs', 'toy-spirals', 'own-images']) expect(validateConfig({ ...defaultConfig(), dataset }).dataset).toBe(dataset);
    expect(() => validateConfig({ ...defaultConfig(), dataset: 'toy-moons' })).toThrow(/^dataset: expected one of mnist, cifar10, toy-blobs, toy-spirals, own-images, got "toy-moons"/);
  });

  it('reads the name of your image set: 16 hex digits or none; a link without one reads none', () => {
    const { imageSet: _i, ...old } = defaultConfig();
    expect(validateConfig({ ...old, dataset: 'own-images' }).imageSet).toBe('');
    expect(validateConfig({ ...defaultConfig(), dataset: 'own-images', imageSet: '35038ba6951fe232' }).imageSet).toBe('35038ba6951fe232');
    for (const bad of ['35038BA6951FE232', '35038ba6951fe23', '../../etc/passwd', 42]) {
      expect(() => validateConfig({ ...defaultConfig(), imageSet: bad })).toThrow(/^imageSet: expected 16 hex digits, or empty, got /);
    }
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

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('refuses the run id %j (a built-in object member name)', (id) => {
    const c = JSON.parse(JSON.stringify({ ...defaultConfig(), runs: [defaultRun('softmax', id)] }));
    expect(() => validateConfig(c)).toThrow(new RegExp(`^runs\\[0\\]\\.id: "${id}" is a reserved name; use a short identifier such as r1`));
    expect(() => configFromHash(`#config=${encodeURIComponent(JSON.stringify(c))}`)).toThrow(/reserved name/);
  });

  it('echoes a huge bad value only in part, in the error and the banner', () => {
    const huge = 'x'.repeat(1 << 20);
    const cases: unknown[] = [
      { ...defaultConfig(), dataset: huge },
      { ...defaultConfig(), openSet: [huge] },
      { ...defaultConfig(), runs: [{ ...defaultRun('softmax', 'r1'), params: { [huge]: 1 } }] },
      { ...defaultConfig(), runs: [{ ...defaultRun('softmax', 'r1'), learningRate: huge }] },
    ];
    for (const c of cases) {
      const msg = (() => { try { validateConfig(c); } catch (e) { return (e as Error).message; } return 'accepted'; })();
      expect(msg).toMatch(/…/);
      expect(msg.length).toBeLessThan(300);
    }
    expect(() => configFromHash('#config=' + huge)).toThrow(/^The link's config is not valid JSON \(.{0,120}\)$/);
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

  it('refuses held-out classes the dataset does not have, or that leave fewer than two known', () => {
    const c = { ...defaultConfig(), dataset: 'toy-spirals' as const };
    expect(configProblems({ ...c, openSet: [3, 4] }, 5)).toEqual([]);
    expect(configProblems({ ...c, openSet: [6, 7, 8, 9] }, 5).join()).toMatch(/held-out classes 6, 7, 8, 9 do not exist in this dataset \(classes 0–4\)/);
    expect(configProblems({ ...c, openSet: [0, 1, 2, 3] }, 5).join()).toMatch(/fewer than two/);
  });
});
