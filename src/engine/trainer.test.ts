import * as tf from '@tensorflow/tfjs-core';
import './tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../data/mnist';
import { diskFetch, TEST_BASE } from '../testing/testFetch';
import type { Dataset } from '../data/types';
import type { ExperimentConfig } from '../config/config';
import { defaultGlobals } from '../config/settings';
import { LOSSES } from '../losses';
import { defaultRun } from '../store/runs';
import { Trainer } from './trainer';
import { initWasmBackendNode } from './wasm/node';

let mnist: Dataset;

function config(runs = [defaultRun('softmax', 'a')], extra: Partial<ExperimentConfig> = {}): ExperimentConfig {
  return { version: 1, ...defaultGlobals('mnist'), backend: 'wasm', embeddingDim: 2, batchSize: 64, seed: 3, evalSize: 500, augment: false, openSet: [], plannedEpochs: 2, lrSchedule: 'cosine', runs, ...extra };
}

beforeAll(async () => {
  await initWasmBackendNode();
  await tf.setBackend('wasm');
  mnist = await loadMnist(TEST_BASE, { fetchFn: diskFetch() });
});

describe('Trainer', () => {
  it('keeps tf.memory().numTensors flat over many lock-step steps and snapshots', async () => {
    // every registered loss, on the wasm backend the page picks on GPU-less machines
    const t = new Trainer(mnist, config(LOSSES.map((l) => defaultRun(l.id, l.id))));
    for (let i = 0; i < 3; i++) {
      for (const p of await t.trainStep()) expect(Number.isFinite(p.loss), `${p.runId} loss ${p.loss}`).toBe(true);
    }
    for (const id of t.runIds()) await t.snapshot(id, true);
    const base = tf.memory().numTensors;
    for (let i = 0; i < 40; i++) {
      await t.trainStep();
      if (i % 10 === 0) for (const id of t.runIds()) await t.snapshot(id, i === 0);
      if (i === 20) t.updateRun({ ...defaultRun('heated', 'heated'), params: { ...defaultRun('heated', 'heated').params, alpha: 4 } });
    }
    expect(tf.memory().numTensors).toBe(base);
    const before = tf.memory().numTensors;
    t.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });

  it('runs in lock-step start from identical weights: two runs with the same settings stay identical', async () => {
    const t = new Trainer(mnist, config([defaultRun('softmax', 'a'), defaultRun('softmax', 'b')]));
    for (let i = 0; i < 5; i++) await t.trainStep();
    const [a, b] = [await t.snapshot('a', false), await t.snapshot('b', false)];
    expect(Array.from(a.points)).toEqual(Array.from(b.points));
    t.dispose();
  });

  it('the same seed gives the same trajectory; another seed does not', async () => {
    const run = async (seed: number) => {
      const t = new Trainer(mnist, config(undefined, { seed }));
      const losses: number[] = [];
      for (let i = 0; i < 5; i++) losses.push((await t.trainStep())[0].loss);
      t.dispose();
      return losses;
    };
    const [x, y, z] = [await run(7), await run(7), await run(8)];
    expect(x).toEqual(y);
    expect(x).not.toEqual(z);
  });

  it('learns MNIST: accuracy on the class-balanced test subset rises well above chance within 300 steps', async () => {
    const t = new Trainer(mnist, config(undefined, { batchSize: 128 }));
    const first = await t.snapshot('a', false);
    for (let i = 0; i < 300; i++) await t.trainStep();
    const last = await t.snapshot('a', true);
    expect(first.accuracy).toBeLessThan(0.3);
    expect(last.accuracy).toBeGreaterThan(0.6);
    expect(last.points.length).toBe(500 * 2);
    expect(last.metrics?.recall[1]).toBeGreaterThan(0.5);
    t.dispose();
  }, 120_000);

  it('a slider change applies at the next step without losing state', async () => {
    const run = defaultRun('center', 'a');
    const t = new Trainer(mnist, config([run]));
    for (let i = 0; i < 5; i++) await t.trainStep();
    const snapBefore = await t.snapshot('a', false);
    t.updateRun({ ...run, learningRate: 1e-4, params: { ...run.params, lambda: 0.1 } });
    expect(t.runStep('a')).toBe(5);
    const snapAfter = await t.snapshot('a', false);
    expect(Array.from(snapAfter.points)).toEqual(Array.from(snapBefore.points)); // weights kept
    await t.trainStep();
    expect(t.runStep('a')).toBe(6);
    t.dispose();
  });

  it('a diverging run is stopped with a message while the others go on', async () => {
    const bad = { ...defaultRun('softmax', 'bad'), learningRate: 0.1 };
    const t = new Trainer(mnist, config([defaultRun('softmax', 'good'), bad], { batchSize: 64 }));
    // poison the bad run: an infinite learning rate turns its weights into NaN on the first step
    t.updateRun({ ...bad, learningRate: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++) await t.trainStep();
    const diverged = t.divergedRuns();
    expect(diverged.map((d) => d.id)).toEqual(['bad']);
    expect(diverged[0].message).toMatch(/loss became NaN|learning rate/);
    expect(t.runStep('good')).toBe(3);
    t.dispose();
  });

  it('a run whose loss turns NaN goes back to its last finite weights and trains again at a lower learning rate', async () => {
    const run = defaultRun('center', 'c');
    const t = new Trainer(mnist, config([defaultRun('softmax', 'other'), run], { batchSize: 64 }));
    for (let i = 0; i < 60; i++) await t.trainStep(); // past the first last-good copy (every 50 steps)
    const before = await t.snapshot('c', false);
    t.updateRun({ ...run, learningRate: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++) await t.trainStep();
    const d = t.divergedRuns();
    expect(d.map((x) => x.id)).toEqual(['c']);
    expect(d[0].message).toMatch(/back at step 50/);
    expect(t.runStep('c')).toBe(50);
    expect(t.runStep('other')).toBe(63);
    // the weights are finite again: the plot shows real points, not NaN
    const back = await t.snapshot('c', false);
    expect(Array.from(back.points).every(Number.isFinite)).toBe(true);
    expect(back.accuracy).toBeGreaterThan(before.accuracy - 0.2);
    // the advice works: a lower learning rate lets the run go on from there
    t.updateRun({ ...run, learningRate: 1e-3 });
    const progress = await t.trainStep();
    const c = progress.find((p) => p.runId === 'c');
    expect(c && Number.isFinite(c.loss)).toBe(true);
    expect(t.divergedRuns()).toEqual([]);
    t.dispose();
  });

  it('open set: held-out classes never reach training, accuracy counts the known ones, AUROC is measured', async () => {
    const t = new Trainer(mnist, config(undefined, { openSet: [8, 9] }));
    for (let i = 0; i < 30; i++) await t.trainStep();
    const seen = new Set<number>();
    const sampler = (t as unknown as { sampler: { next(): Int32Array } }).sampler;
    for (let i = 0; i < 50; i++) for (const j of sampler.next()) seen.add(mnist.train.labels[j]);
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const s = await t.snapshot('a', true);
    expect(t.evalUnknown.reduce((a, b) => a + b, 0)).toBe(100); // 500 balanced points, 2 of 10 classes
    expect(s.metrics?.auroc).not.toBeNull();
    expect(s.metrics?.auroc).toBeGreaterThan(0);
    t.dispose();
  });

  it('snapshots carry gradient norms and mined triplets when asked', async () => {
    const run = defaultRun('triplet', 'tri');
    const t = new Trainer(mnist, config([run]));
    for (let i = 0; i < 5; i++) await t.trainStep();
    const base = tf.memory().numTensors;
    const s = await t.snapshot('tri', false, { gradNorms: true, triplets: true });
    expect(tf.memory().numTensors).toBe(base);
    expect(s.gradNorms?.length).toBe(500);
    expect(Array.from(s.gradNorms ?? []).every((g) => Number.isFinite(g) && g >= 0)).toBe(true);
    const tri = s.triplets as Int32Array;
    expect(tri.length % 3).toBe(0);
    expect(tri.length).toBeGreaterThan(0);
    const labels = t.evalLabels;
    for (let k = 0; k < tri.length; k += 3) {
      expect(labels[tri[k]]).toBe(labels[tri[k + 1]]);
      expect(labels[tri[k]]).not.toBe(labels[tri[k + 2]]);
    }
    const plain = await t.snapshot('tri', false);
    expect(plain.gradNorms).toBeNull();
    expect(plain.triplets).toBeNull();
    t.dispose();
  });

  it('a duplicated run continues from the weights of its source', async () => {
    const t = new Trainer(mnist, config([defaultRun('center', 'a')]));
    for (let i = 0; i < 10; i++) await t.trainStep();
    t.addRun({ ...defaultRun('center', 'b'), name: 'copy' }, 'a');
    expect(t.runStep('b')).toBe(10);
    const [a, b] = [await t.snapshot('a', false), await t.snapshot('b', false)];
    expect(Array.from(b.points)).toEqual(Array.from(a.points));
    expect(Array.from(b.predictions)).toEqual(Array.from(a.predictions));
    t.dispose();
  });
});
