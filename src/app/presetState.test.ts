import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets';
import { emptyRunView, type RunView } from '../store/store';
import { dict } from '../util/dict';
import { figuresFrom, matchesPreset, plannedSteps, presetConfig } from './presetState';
import type { RunMetrics } from '../workers/protocol';

const preset = PRESETS.find((p) => p.id === 'nirvana-open');
if (!preset) throw new Error('nirvana-open preset missing');
const metrics = (accuracy: number): RunMetrics => ({ accuracy, trunkAccuracy: null, recall: { 1: 0.9, 2: 0.95, 4: 0.97, 8: 0.99 }, mapAtR: 0.8, nmi: 0.7, auroc: 0.85, unseen: { recall: { 1: 0.6, 2: 0.7, 4: 0.8, 8: 0.9 }, mapAtR: 0.3 }, perClass: [], confusion: [] });
const view = (patch: Partial<RunView>): RunView => ({ ...emptyRunView(), ...patch });

describe('the preset on show', () => {
  it('keeps the machine\'s backend and notices any other change', () => {
    const mine = { ...preset.config, backend: 'cpu' as const };
    expect(presetConfig(preset, mine).backend).toBe('cpu');
    expect(matchesPreset(preset, mine)).toBe(true);
    expect(matchesPreset(preset, { ...mine, plannedEpochs: 1 })).toBe(false);
    expect(matchesPreset(preset, { ...mine, runs: mine.runs.map((r) => ({ ...r, learningRate: 0.002 })) })).toBe(false);
  });

  it('counts the plan in steps over the known classes: from the class share, then from the trainer\'s own step/epoch', () => {
    const dataset = { trainCount: 60000, classNames: Array.from({ length: 10 }, (_, i) => String(i)) } as Parameters<typeof plannedSteps>[1]['dataset'];
    // 2 epochs × 36 000 known images / 128 = 562.5 → 563 before training
    expect(plannedSteps(preset.config, { dataset, runs: dict() })).toBe(563);
    // the Trainer's 36 017 images of digits 0–5: step 100 at epoch 100·128/36017
    const runs = dict<RunView>({ r1: view({ step: 100, epoch: (100 * 128) / 36017 }) });
    expect(plannedSteps(preset.config, { dataset, runs })).toBe(Math.round((2 * 36017) / 128));
  });

  it('reads each run\'s latest metrics at their step, none before the first', () => {
    const runs = dict<RunView>({ r1: view({ metrics: metrics(0.9), metricsStep: 40 }), r2: view({}) });
    expect(figuresFrom({ runs })).toEqual({
      r1: { step: 40, values: { accuracy: 0.9, recall1: 0.9, nmi: 0.7, mapAtR: 0.8, auroc: 0.85, trunkAccuracy: null, unseenRecall1: 0.6, unseenMapAtR: 0.3 } },
      r2: null,
    });
  });
});
