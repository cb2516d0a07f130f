import * as tf from '@tensorflow/tfjs-core';
import './tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { toyDataset } from '../data/toy2d';
import { LOSSES } from '../losses';
import type { ExperimentConfig } from '../config/config';
import { defaultRun } from '../store/runs';
import { defaultGlobals } from '../config/settings';
import { describeSpec } from './backbone';
import { Trainer } from './trainer';
import { initWasmBackendNode } from './wasm/node';

const spirals = toyDataset('toy-spirals');

function config(extra: Partial<ExperimentConfig> = {}): ExperimentConfig {
  return {
    version: 1, ...defaultGlobals('toy-spirals'), backend: 'wasm', embeddingDim: 2, batchSize: 128, seed: 1, evalSize: 1000,
    runs: LOSSES.map((l) => defaultRun(l.id, l.id)), ...extra,
  };
}

beforeAll(async () => {
  await initWasmBackendNode();
  await tf.setBackend('wasm');
});

describe('Trainer on a toy 2-D set', () => {
  it('chooses the MLP for points, and names it', () => {
    const t = new Trainer(spirals, config({ runs: [defaultRun('softmax', 'a')] }));
    expect(describeSpec(t.spec)).toMatch(/^2 inputs → fc64 ReLU → fc64 ReLU → fc2 \(MLP/);
    t.dispose();
  });

  it('every loss trains on it (loss falls, nothing diverges), and the metrics and predictions come out', async () => {
    const t = new Trainer(spirals, config());
    const first: Record<string, number[]> = {};
    const last: Record<string, number[]> = {};
    const steps = 150;
    for (let i = 0; i < steps; i++) {
      for (const p of await t.trainStep()) {
        expect(Number.isFinite(p.loss), `${p.runId} at step ${i}: ${p.loss}`).toBe(true);
        if (i < 15) (first[p.runId] ??= []).push(p.loss);
        if (i >= steps - 15) (last[p.runId] ??= []).push(p.loss);
      }
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(t.divergedRuns()).toEqual([]);
    for (const id of t.runIds()) {
      expect(mean(last[id]), `${id}: training loss falls`).toBeLessThan(mean(first[id]));
      const s = await t.snapshot(id, true);
      expect(s.points.length).toBe(2 * 1000);
      const m = s.metrics;
      if (!m) throw new Error('no metrics');
      for (const v of [m.accuracy, m.recall[1], m.nmi, m.mapAtR]) expect(Number.isFinite(v), id).toBe(true);
      // nearest neighbours in the embedding are right well above chance (1/5) for every loss (heated-up
      // softmax is the slowest here: ~47 % at step 150)
      expect(m.recall[1], `${id} recall@1`).toBeGreaterThan(0.35);
    }
    // softmax separates the arms within 150 steps (measured: ~90 %)
    expect((await t.snapshot('softmax', false)).accuracy).toBeGreaterThan(0.75);
    t.dispose();
  });
});
