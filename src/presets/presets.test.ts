import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOY_TRAIN } from '../data/toy2d';
import { DATASET_CLASSES, type DatasetId } from '../config/config';
import { configProblems, validateConfig } from '../store/validate';
import { PRESETS } from './index';
import { parsePreset, PresetError, recordedSummary, recordedVerdicts } from './preset';
import { ruleRuns } from './rules';

const dir = join(__dirname);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const raw = (id: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as Record<string, unknown>;

describe('the preset files', () => {
  it('are all in the menu, in order, with the ids the issue names', () => {
    expect(PRESETS.map((p) => `${p.id}.json`).sort()).toEqual([...files].sort());
    for (const id of ['heated-up', 'ranking-regularizer', 'category-binary', 'nirvana-closed', 'nirvana-open', 'nirvana-dam', 'cosface', 'toy-2d']) {
      expect(PRESETS.map((p) => p.id)).toContain(id);
    }
    const orders = PRESETS.map((p) => p.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it.each(files.map((f) => f.slice(0, -5)))('%s is a valid config file, its runs can train, and its rule reads its runs', (id) => {
    const json = raw(id);
    // the same file loads through "Load config…": the config part alone, as validateConfig reads it
    const cfg = validateConfig(json);
    expect(configProblems(cfg, DATASET_CLASSES[cfg.dataset])).toEqual([]); // as the page checks it, against the dataset's classes
    // what the file says is what the run gets: no parameter left to a default it did not state
    for (const [i, run] of (json.runs as { params: object; choices: object }[]).entries()) {
      expect(cfg.runs[i].params).toEqual(run.params);
      expect(cfg.runs[i].choices).toEqual(run.choices);
    }
    const p = parsePreset(id, json);
    // a preset runs in the page in at most ~10 minutes: at most ~1 300 steps (2 MNIST epochs, 10 of the CIFAR-10 subset at batch 40)
    // no preset can ship the user's own images: one that names them fails here
    const train: Record<DatasetId, number> = { mnist: 60000, cifar10: 5085, 'toy-blobs': TOY_TRAIN, 'toy-spirals': TOY_TRAIN, 'own-images': Infinity };
    const steps = (p.config.plannedEpochs * train[p.config.dataset]) / p.config.batchSize;
    expect(p.config.plannedEpochs).toBeGreaterThanOrEqual(0.5);
    expect(steps).toBeLessThanOrEqual(1300);
    for (const r of ruleRuns(p.verdict)) expect(p.config.runs.map((x) => x.id)).toContain(r);
  });
});

describe('parsePreset', () => {
  const good = raw('category-binary');
  const meta = good.preset as Record<string, unknown>;
  const bad = (patch: Record<string, unknown>, metaPatch: Record<string, unknown> = {}) => ({ ...good, ...patch, preset: { ...meta, ...metaPatch } });

  it.each([
    [bad({ dataset: 'svhn' }), 'config: dataset'],
    [bad({}, { verdict: { compare: { metric: 'nmi', run: 'r5', greaterThan: 'r1' } } }), 'preset.verdict.compare.run'],
    [bad({}, { verdict: { compare: { metric: 'auroc', run: 'r2', greaterThan: 'r1' } } }), 'need held-out classes'],
    [bad({}, { verdict: { compare: { metric: 'unseenRecall1', run: 'r2', greaterThan: 'r1' } } }), 'need held-out classes'],
    [bad({}, { colourBy: 'rainbow' }), 'preset.colourBy'],
    [bad({}, { claim: '' }), 'preset.claim'],
    [bad({}, { quickEpochs: 50 }), 'preset.quickEpochs'],
    [bad({}, { differences: [''] }), 'preset.differences'],
    [bad({}, { recorded: { epochs: 1, seeds: [{ seed: 1, command: 'made up', date: '2026-12-06', holds: true, figures: {} }] } }), 'preset.recorded.seeds[0].command'],
    [bad({}, { verdit: {} }), 'preset.verdit: unknown field'],
    [bad({}, { show: ['histogram'] }), 'preset.show'],
    [{ ...good, preset: undefined }, '"preset" object'],
  ])('refuses a bad file, naming the field (%#)', (json, message) => {
    expect(() => parsePreset('x', json)).toThrow(PresetError);
    expect(() => parsePreset('x', json)).toThrow(message);
  });

  it('refuses an id that is not a plain file name', () => {
    expect(() => parsePreset('../etc', good)).toThrow('the id');
  });
});

describe('recorded verdicts', () => {
  const good = JSON.parse(readFileSync(join(dir, 'nirvana-open.json'), 'utf8')) as Record<string, unknown>;
  const meta = good.preset as Record<string, unknown>;
  const seed = (n: number, r1: number, r2: number) => ({
    seed: n, command: `npm run eval -- --preset nirvana-open --seed ${n}`, date: '2026-12-06', holds: true, figures: { r1: { auroc: r1 }, r2: { auroc: r2 } },
  });

  it('re-reads each seed\'s figures with the rule as it is now, and counts the seeds that hold', () => {
    // the rule: r2's AUROC > r1's + 0.01; seed 2 is within the margin, so it does not hold whatever was written then
    const p = parsePreset('nirvana-open', { ...good, preset: { ...meta, recorded: { epochs: 2, seeds: [seed(1, 0.8, 0.9), seed(2, 0.8, 0.805), seed(3, 0.7, 0.95)] } } });
    expect(recordedVerdicts(p).map((s) => s.holds)).toEqual([true, false, true]);
    expect(recordedSummary(p)).toBe('holds on 2 of 3 seeds here (headless, at the planned length)');
    const quick = parsePreset('nirvana-open', { ...good, preset: { ...meta, recorded: { epochs: 0.5, seeds: [seed(1, 0.8, 0.9)] } } });
    expect(recordedSummary(quick)).toBe('holds on 1 of 1 seed here (headless, at a shorter plan of 0.5 epochs (--quick))');
    expect(recordedSummary(parsePreset('nirvana-open', { ...good, preset: { ...meta, recorded: undefined } }))).toBeNull();
  });
});
