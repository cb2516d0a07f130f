/**
 * Issue 11, "fairness of the comparison": every run is measured on what it plots, evaluation-only
 * choices do not reset a run, duplicates keep the head's state, and the epoch counts what is drawn.
 */
import * as tf from '@tensorflow/tfjs-core';
import './tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../data/mnist';
import { diskFetch, TEST_BASE } from '../testing/testFetch';
import type { Dataset } from '../data/types';
import type { ExperimentConfig, RunConfig } from '../config/config';
import { defaultGlobals } from '../config/settings';
import { defaultRun } from '../store/runs';
import { Trainer } from './trainer';
import type { LossHead } from '../losses/lossHead';
import { initWasmBackendNode } from './wasm/node';

let mnist: Dataset;

function config(runs: RunConfig[], extra: Partial<ExperimentConfig> = {}): ExperimentConfig {
  return { version: 1, ...defaultGlobals('mnist'), backend: 'wasm', embeddingDim: 2, batchSize: 64, seed: 3, evalSize: 500, augment: false, openSet: [], plannedEpochs: 2, lrSchedule: 'cosine', runs, ...extra };
}

/** The trainer's own state of a run (private; the tests look at the head and optimiser objects). */
function runState(t: Trainer, id: string): { head: LossHead; optimizer: tf.Optimizer } {
  const s = (t as unknown as { runs: Map<string, { head: LossHead; optimizer: tf.Optimizer }> }).runs.get(id);
  if (!s) throw new Error(`no run ${id}`);
  return s;
}

const values = (head: LossHead) => head.variables.map((v) => Array.from(v.dataSync()));

beforeAll(async () => {
  await initWasmBackendNode();
  await tf.setBackend('wasm');
  mnist = await loadMnist(TEST_BASE, { fetchFn: diskFetch() });
});

describe('Trainer: fairness of the comparison', () => {
  it('changing the center loss Prediction keeps its weights, centers and optimiser; the new rule applies', async () => {
    const run = defaultRun('center', 'c');
    const t = new Trainer(mnist, config([run]));
    for (let i = 0; i < 8; i++) await t.trainStep();
    const before = await t.snapshot('c', false);
    const { head, optimizer } = runState(t, 'c');
    const weights = values(head);
    t.updateRun({ ...run, choices: { ...run.choices, prediction: 'nearest' } });
    const after = await t.snapshot('c', false);
    expect(runState(t, 'c').head).toBe(head);
    expect(runState(t, 'c').optimizer).toBe(optimizer);
    expect(values(head)).toEqual(weights);
    expect(Array.from(after.overlay!.points)).toEqual(Array.from(before.overlay!.points)); // centers
    expect(Array.from(after.overlay!.points).some((v) => v !== 0)).toBe(true);
    expect(Array.from(after.points)).toEqual(Array.from(before.points));
    // predictions now come from the nearest center
    const c = after.overlay!.points;
    const nearest = Array.from({ length: after.points.length / 2 }, (_, i) => {
      let best = 0, bestD = Infinity;
      for (let k = 0; k < 10; k++) {
        const d = (after.points[2 * i] - c[2 * k]) ** 2 + (after.points[2 * i + 1] - c[2 * k + 1]) ** 2;
        if (d < bestD) { bestD = d; best = k; }
      }
      return best;
    });
    expect(Array.from(after.predictions)).toEqual(nearest);
    t.dispose();
  });

  it('changing the triplet Mining, Distance or Embedding keeps its head and optimiser; a structural choice still rebuilds', async () => {
    const tri = defaultRun('triplet', 't');
    const heated = defaultRun('heated', 'h');
    const t = new Trainer(mnist, config([tri, heated]));
    for (let i = 0; i < 4; i++) await t.trainStep();
    const { head, optimizer } = runState(t, 't');
    const weights = values(head);
    t.updateRun({ ...tri, choices: { ...tri.choices, mining: 'batch_hard' } });
    t.updateRun({ ...tri, choices: { ...tri.choices, mining: 'batch_hard', distance: 'squared', embedding: 'l2' } });
    expect(runState(t, 't').head).toBe(head);
    expect(runState(t, 't').optimizer).toBe(optimizer);
    expect(values(head)).toEqual(weights);
    await t.trainStep(); // trains with the new choices
    expect(t.runStep('t')).toBe(5);
    const shown = await t.snapshot('t', false);
    for (let i = 0; i < 20; i++) expect(Math.hypot(shown.points[2 * i], shown.points[2 * i + 1])).toBeCloseTo(1, 3);
    // the learnable α adds a variable: that choice rebuilds
    const hh = runState(t, 'h').head;
    t.updateRun({ ...heated, choices: { schedule: 'learnable' } });
    expect(runState(t, 'h').head).not.toBe(hh);
    t.dispose();
  });

  it('a duplicated center-loss run continues from the source\'s centers, not the origin', async () => {
    const t = new Trainer(mnist, config([defaultRun('center', 'a')]));
    for (let i = 0; i < 10; i++) await t.trainStep();
    t.addRun({ ...defaultRun('center', 'b'), name: 'copy' }, 'a');
    const [a, b] = [await t.snapshot('a', false), await t.snapshot('b', false)];
    expect(Array.from(a.overlay!.points).some((v) => v !== 0)).toBe(true);
    expect(Array.from(b.overlay!.points)).toEqual(Array.from(a.overlay!.points));
    expect(Array.from(b.predictions)).toEqual(Array.from(a.predictions));
    t.dispose();
  });

  it('the epoch counts the samples drawn over the known-class training samples', async () => {
    const t = new Trainer(mnist, config([defaultRun('triplet', 't')], { batchSize: 100, openSet: [9] }));
    const known = mnist.train.labels.filter((y) => y !== 9).length;
    expect(known).toBeLessThan(mnist.train.count);
    // count what the sampler hands out, whatever its batch shape (P×K may differ from the batch size)
    const inner = t as unknown as { sampler: { next(): Int32Array } };
    const sampler = inner.sampler;
    // batches of 100, 90 and 64 samples, as a sampler with another batch shape would hand out
    const sizes = [100, 90, 64];
    let calls = 0, drawn = 0;
    inner.sampler = { next: () => { const b = sampler.next().slice(0, sizes[calls++]); drawn += b.length; return b; } };
    const items = [];
    for (let i = 0; i < 3; i++) items.push(...await t.trainStep());
    expect(drawn).toBe(254);
    expect(t.epoch).toBeCloseTo(drawn / known, 12);
    expect(t.epoch).not.toBeCloseTo((3 * 100) / mnist.train.count, 6);
    // each report includes its own step, as its step count does
    expect(items.map((p) => p.epoch)).toEqual([100, 190, 254].map((k) => k / known));
    t.dispose();
  });

  it('the triplet run reports the plotted embedding\'s nearest-class-mean accuracy, with the trunk classifier\'s beside it', async () => {
    const t = new Trainer(mnist, config([defaultRun('triplet', 't'), defaultRun('softmax', 's')], { openSet: [9] }));
    for (let i = 0; i < 60; i++) await t.trainStep();
    const snap = await t.snapshot('t', true);
    const m = snap.metrics!;
    expect(m.trunkAccuracy).not.toBeNull();
    expect(m.accuracy).toBeCloseTo(snap.accuracy, 12);
    // the predictions are the nearest of the head's running class means of the plotted points
    const means = (runState(t, 't').head as unknown as { classMeans: { means: tf.Tensor2D; batches: tf.Tensor1D } }).classMeans;
    const [mu, seen] = [await means.means.data(), await means.batches.data()];
    expect(seen[9]).toBe(0); // the held-out class never has a mean
    const n = snap.points.length / 2;
    for (let i = 0; i < n; i++) {
      let best = -1, bestD = Infinity;
      for (let k = 0; k < 10; k++) {
        if (seen[k] === 0) continue;
        const d = (snap.points[2 * i] - mu[2 * k]) ** 2 + (snap.points[2 * i + 1] - mu[2 * k + 1]) ** 2;
        if (d < bestD) { bestD = d; best = k; }
      }
      expect(snap.predictions[i]).toBe(best);
    }
    // the open-set score is the distance to that mean: finite and non-negative
    expect(m.auroc).not.toBeNull();
    expect(m.accuracy).toBeGreaterThan(0.3);
    const soft = await t.snapshot('s', true);
    expect(soft.metrics!.trunkAccuracy).toBeNull();
    t.dispose();
  }, 120_000);
});
