import * as tf from '@tensorflow/tfjs-core';
import './tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCifar10 } from '../data/cifar10';
import { loadMnist } from '../data/mnist';
import { diskFetch, TEST_BASE } from '../testing/testFetch';
import type { Dataset } from '../data/types';
import type { ExperimentConfig } from '../config/config';
import { defaultGlobals } from '../config/settings';
import { defaultRun } from '../store/runs';
import { Trainer } from './trainer';
import { initWasmBackendNode } from './wasm/node';

let mnist: Dataset;
let cifar: Dataset;

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
  cifar = await loadCifar10(TEST_BASE, { fetchFn: diskFetch(), prefer: 'subset' });
});

/** A run's optimiser (private to the trainer): what an earlier version of exportState read directly. */
function adamOf(t: Trainer, id: string): tf.AdamOptimizer {
  const s = (t as unknown as { runs: Map<string, { optimizer: tf.AdamOptimizer }> }).runs.get(id);
  if (!s) throw new Error(`no run ${id}`);
  return s.optimizer;
}

/** Both trainers' snapshots of a run agree exactly: points, predictions (the loss's own rule), overlay. */
async function expectSameRun(a: Trainer, b: Trainer, id: string): Promise<void> {
  const [sa, sb] = [await a.snapshot(id, false), await b.snapshot(id, false)];
  expect(sb.step).toBe(sa.step);
  expect(Array.from(sb.points)).toEqual(Array.from(sa.points));
  expect(Array.from(sb.predictions)).toEqual(Array.from(sa.predictions));
  expect(sb.overlay ? Array.from(sb.overlay.points) : null).toEqual(sa.overlay ? Array.from(sa.overlay.points) : null);
}

/** The next lock-step step of both trainers gives the same losses, to the last bit. */
async function expectSameNextStep(a: Trainer, b: Trainer): Promise<void> {
  const [na, nb] = [await a.trainStep(), await b.trainStep()];
  expect(nb.map((p) => [p.runId, p.step, p.loss])).toEqual(na.map((p) => [p.runId, p.step, p.loss]));
}

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

  it('keeps the heads\' non-trainable state: center-loss centers and their mask, the triplet run\'s class means', async () => {
    // nearest-center prediction and the triplet run's nearest-class-mean accuracy read that state
    const center = { ...defaultRun('center', 'c'), choices: { prediction: 'nearest' } };
    const cfg = { ...config(), runs: [center, defaultRun('triplet', 't')] };
    const a = new Trainer(mnist, cfg);
    for (let i = 0; i < 6; i++) await a.trainStep();
    const state = await a.exportState();
    expect(state.version).toBe(2);
    expect(state.runs.map((r) => r.head?.map((h) => [h.name, h.shape]))).toEqual([
      [['centers', [10, 2]], ['seen', [10, 1]]],
      [['classMeans', [10, 2]], ['classBatches', [10]]],
    ]);
    expect(Array.from(state.runs[0].head?.[1].data ?? [])).toEqual(Array(10).fill(1)); // every class seen by step 6

    const b = new Trainer(mnist, cfg);
    expect(await b.importState(state)).toEqual({ restored: ['c', 't'], skipped: [], why: [] });
    for (const id of ['c', 't']) await expectSameRun(a, b, id);
    // the center loss's term reads the centers: the next step's loss agrees only with them restored
    await expectSameNextStep(a, b);
    for (const id of ['c', 't']) await expectSameRun(a, b, id);

    // a version-1 state, as the page wrote it before: no head state, Adam's weights in Adam's own
    // order. The weights and moments come back; centers and means restart from the next batch.
    const now = await a.exportState();
    const runs = await Promise.all(now.runs.map(async ({ head: _, ...r }) => {
      const named = await adamOf(a, r.id).getWeights();
      const optimizer = await Promise.all(named.map(async (w) => ({ name: w.name, shape: w.tensor.shape.slice(), data: Float32Array.from(await w.tensor.data()) })));
      return { ...r, optimizer };
    }));
    const c = new Trainer(mnist, cfg);
    expect(await c.importState({ globalStep: now.globalStep, samplesDrawn: now.samplesDrawn, runs })).toEqual({ restored: ['c', 't'], skipped: [], why: [] });
    const overlay = (await c.snapshot('c', false)).overlay;
    expect(Array.from(overlay?.points ?? [1])).toEqual(Array(20).fill(0));
    const [na, nc] = [await a.trainStep(), await c.trainStep()];
    expect(nc[1].loss).toBe(na[1].loss); // the triplet run's loss does not read its class means
    expect(nc[0].loss).not.toBe(na[0].loss); // the center loss's does
    [a, b, c].forEach((t) => t.dispose());
  });

  it('a run whose loss was changed (its head built after its backbone) resumes with its optimiser moments on the right variables', async () => {
    const cfg = { ...config(), runs: [defaultRun('softmax', 'r')] };
    const a = new Trainer(mnist, cfg);
    await a.trainStep();
    const changed = { ...defaultRun('center', 'r'), choices: { prediction: 'nearest' } };
    a.updateRun(changed); // a new head: its variables come after the backbone's in Adam's order
    for (let i = 0; i < 3; i++) await a.trainStep();
    const state = await a.exportState();
    const b = new Trainer(mnist, { ...cfg, runs: [changed] }); // built afresh: head first
    expect((await b.importState(state)).restored).toEqual(['r']);
    await expectSameNextStep(a, b);
    await expectSameRun(a, b, 'r');
    a.dispose();
    b.dispose();
  });

  it('SGD with momentum: the buffers go into the checkpoint and back, and the run goes on as if never stopped', async () => {
    const sgd: ExperimentConfig = { ...config(), optimizer: 'sgd', momentum: 0.9, weightDecay: 5e-4, runs: [defaultRun('softmax', 'a'), defaultRun('center', 'b')] };
    const a = new Trainer(mnist, sgd);
    // a head rebuilt after the backbone: its buffers come last in the optimiser's own order
    a.updateRun({ ...defaultRun('center', 'b'), choices: { prediction: 'nearest' } });
    for (let i = 0; i < 4; i++) await a.trainStep();
    const state = await a.exportState();
    expect(state.runs.map((r) => r.optimizerKind)).toEqual(['sgd', 'sgd']);
    // the iteration count, then one momentum buffer per trainable variable
    expect(state.runs[0].optimizer.length).toBe(1 + state.runs[0].variables.length);
    const cfgB = { ...sgd, runs: [sgd.runs[0], { ...defaultRun('center', 'b'), choices: { prediction: 'nearest' } }] };
    const b = new Trainer(mnist, cfgB);
    expect((await b.importState(state)).restored).toEqual(['a', 'b']);
    await expectSameNextStep(a, b);
    await expectSameNextStep(a, b);
    await expectSameRun(a, b, 'a');
    await expectSameRun(a, b, 'b');
    // the buffers matter: the same weights with fresh buffers take another step
    const later = await a.exportState();
    const c = new Trainer(mnist, cfgB);
    await c.importState({ ...later, runs: later.runs.map((r) => ({ ...r, optimizer: [] })) });
    const [na, nc] = [await a.trainStep(), await c.trainStep()];
    expect(na[0].loss).toBe(nc[0].loss); // the same weights before the update
    const [ma, mc] = [await a.trainStep(), await c.trainStep()];
    expect(mc[0].loss).not.toBe(ma[0].loss); // but another update
    a.dispose();
    b.dispose();
    c.dispose();
  });

  it('a checkpoint from before the Optimizer setting (no optimizerKind) is Adam\'s: it resumes an Adam run, not an SGD run', async () => {
    const a = new Trainer(mnist, config());
    for (let i = 0; i < 3; i++) await a.trainStep();
    const state = await a.exportState();
    const old = { ...state, runs: state.runs.map(({ optimizerKind: _kind, ...r }) => r) };
    const b = new Trainer(mnist, config());
    expect((await b.importState(old)).restored).toEqual(['a', 'b']);
    await expectSameNextStep(a, b);
    const c = new Trainer(mnist, { ...config(), optimizer: 'sgd' });
    const res = await c.importState(old);
    expect(res.skipped).toEqual(['a', 'b']);
    expect(res.why[0]).toMatch(/optimiser state is Adam's, the run trains with SGD/);
    // a damaged kind is refused before anything changes
    await expect(c.importState({ ...state, runs: state.runs.map((r) => ({ ...r, optimizerKind: 'rmsprop' as 'adam' })) })).rejects.toThrow(/optimizerKind/);
    a.dispose();
    b.dispose();
    c.dispose();
  });

  it('continues the augmentation draws where they were (CIFAR-10 with augmentation)', async () => {
    const cfg: ExperimentConfig = { ...config(), dataset: 'cifar10', augment: true, runs: [defaultRun('softmax', 'a')] };
    const a = new Trainer(cifar, cfg);
    for (let i = 0; i < 3; i++) await a.trainStep();
    const state = await a.exportState();
    const b = new Trainer(cifar, cfg);
    await b.importState(state);
    await expectSameNextStep(a, b);
    await expectSameRun(a, b, 'a');
    a.dispose();
    b.dispose();
  });

  it('refuses a damaged state before changing any run, and says why a run does not fit', async () => {
    const cfg = { ...config(), runs: [defaultRun('center', 'c')] };
    const a = new Trainer(mnist, cfg);
    await a.trainStep();
    const state = await a.exportState();
    const b = new Trainer(mnist, cfg);
    const before = await b.snapshot('c', false);
    const nan = structuredClone(state);
    nan.runs[0].variables[3].data[7] = NaN;
    await expect(b.importState(nan)).rejects.toThrow('The saved state is damaged: runs[0].variables[3] holds NaN at position 7 (only finite numbers are kept).');
    await expect(b.importState({ ...state, globalStep: 1e12 })).rejects.toThrow('globalStep is not a whole number from 0 to 10000000');
    await expect(b.importState({ ...state, version: 3 })).rejects.toThrow('The saved state has version 3; this page reads versions 1 and 2.');
    const centers = structuredClone(state);
    centers.runs[0].head![0].data[0] = Infinity;
    await expect(b.importState(centers)).rejects.toThrow('runs[0].head[0] holds Infinity at position 0');
    expect(Array.from((await b.snapshot('c', false)).points)).toEqual(Array.from(before.points)); // untouched
    expect(b.globalStep).toBe(0);

    // well-formed, but the head state is laid out for another run: skipped, with the reason
    const wrong = structuredClone(state);
    wrong.runs[0].head = wrong.runs[0].head!.slice(0, 1);
    expect(await b.importState(wrong)).toEqual({
      restored: [], skipped: ['c'], why: ['c: its center state (centers) does not match the run\'s (centers, seen)'],
    });
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
    expect(out.restored).toEqual(['a']);
    expect(out.skipped).toEqual(['c']);
    expect(out.why).toEqual(['c: its 11 trainable tensors do not match the run\'s 12']);
    // what is new: run a's imported Adam moments (the fresh optimiser had none yet), nothing else
    expect(tf.memory().numTensors).toBe(base + state.runs[0].optimizer.length - 1);
    b.dispose();
  });
});
