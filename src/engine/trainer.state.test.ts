import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../data/mnist';
import { diskFetch, TEST_BASE } from '../testing/testFetch';
import type { Dataset } from '../data/types';
import type { ExperimentConfig } from '../store/config';
import { defaultGlobals } from '../store/settings';
import { defaultRun } from '../store/runs';
import { Trainer } from './trainer';
import { initWasmBackendNode } from './wasm/node';

let mnist: Dataset;

function config(): ExperimentConfig {
  return {
    version: 1, ...defaultGlobals('mnist'), backend: 'wasm', embeddingDim: 2, batchSize: 32, seed: 5, evalSize: 200, augment: false,
    openSet: [], plannedEpochs: 2, lrSchedule: 'cosine', runs: [defaultRun('softmax', 'a'), defaultRun('heated', 'b')],
  };
}

beforeAll(async () => {
  await initWasmBackendNode();
  await tf.setBackend('wasm');
  mnist = await loadMnist(TEST_BASE, { fetchFn: diskFetch() });
});

describe('Trainer.exportState / importState', () => {
  it('a round trip into a new Trainer gives identical predictions, steps, and the same next step', async () => {
    const a = new Trainer(mnist, config());
    for (let i = 0; i < 4; i++) await a.trainStep();
    const state = await a.exportState();
    expect(state.globalStep).toBe(4);
    expect(state.runs.map((r) => r.step)).toEqual([4, 4]);
    // Adam's weights: iterations, then a first and a second moment per trainable variable
    expect(state.runs[0].optimizer.length).toBe(1 + 2 * state.runs[0].variables.length);

    const b = new Trainer(mnist, config());
    const before = await b.snapshot('a', false);
    const { restored, skipped } = await b.importState(state);
    expect(restored).toEqual(['a', 'b']);
    expect(skipped).toEqual([]);
    expect(b.globalStep).toBe(4);
    for (const id of ['a', 'b']) {
      const [sa, sb] = [await a.snapshot(id, false), await b.snapshot(id, false)];
      expect(sb.step).toBe(4);
      expect(Array.from(sb.predictions)).toEqual(Array.from(sa.predictions));
      expect(Array.from(sb.points)).toEqual(Array.from(sa.points));
    }
    // not trivially equal: the fresh trainer's weights differed before the import
    expect(Array.from((await b.snapshot('a', false)).points)).not.toEqual(Array.from(before.points));

    // optimiser moments and the batch sequence carried over: the next step's losses agree
    const [na, nb] = [await a.trainStep(), await b.trainStep()];
    expect(nb.map((p) => p.step)).toEqual([5, 5]);
    nb.forEach((p, i) => expect(p.loss).toBeCloseTo(na[i].loss, 5));
    a.dispose();
    b.dispose();
  });

  it('skips runs that are missing or shaped differently and leaves no stray tensors', async () => {
    const a = new Trainer(mnist, config());
    await a.trainStep();
    const held = tf.memory().numTensors;
    const state = await a.exportState();
    expect(tf.memory().numTensors).toBe(held); // exporting leaves nothing behind (it runs every few seconds)
    a.dispose();
    const other = { ...config(), runs: [defaultRun('softmax', 'a'), defaultRun('softmax', 'c')] };
    const b = new Trainer(mnist, other);
    const base = tf.memory().numTensors;
    const broken = { ...state, runs: [state.runs[0], { ...state.runs[1], id: 'c' }] }; // a heated head's variables into a softmax run
    const out = await b.importState(broken);
    expect(out).toEqual({ restored: ['a'], skipped: ['c'] });
    // what is new: run a's imported Adam moments (the fresh optimiser had none yet), nothing else
    expect(tf.memory().numTensors).toBe(base + state.runs[0].optimizer.length - 1);
    b.dispose();
  });
});
