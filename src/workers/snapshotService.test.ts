import * as tf from '@tensorflow/tfjs-core';
import '../engine/tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../data/mnist';
import type { Dataset } from '../data/types';
import { Trainer } from '../engine/trainer';
import { initWasmBackendNode } from '../engine/wasm/node';
import type { ExperimentConfig } from '../config/config';
import { defaultRun } from '../store/runs';
import { defaultGlobals } from '../config/settings';
import { diskFetch, TEST_BASE } from '../testing/testFetch';
import { decisionRegions } from './regions';
import { evaluationCopy, replyBuffers, SnapshotService } from './snapshotService';

let mnist: Dataset;

function config(runs = [defaultRun('center', 'a'), defaultRun('heated', 'b'), defaultRun('triplet', 'c')]): ExperimentConfig {
  return {
    version: 1, ...defaultGlobals('mnist'), backend: 'wasm', embeddingDim: 2, batchSize: 40, seed: 3, evalSize: 120, augment: false,
    openSet: [9], plannedEpochs: 2, lrSchedule: 'cosine', runs,
  };
}

beforeAll(async () => {
  await initWasmBackendNode();
  await tf.setBackend('wasm');
  mnist = await loadMnist(TEST_BASE, { fetchFn: diskFetch() });
});

describe('SnapshotService (the snapshot worker)', () => {
  it('gives every run exactly the snapshot the training Trainer takes itself, regions and extras included', async () => {
    const trainer = new Trainer(mnist, config());
    const service = new SnapshotService();
    try {
      for (let i = 0; i < 6; i++) await trainer.trainStep();
      // a slider moved while training: the service must evaluate with the run's current settings
      const heated = config().runs[1];
      trainer.updateRun({ ...heated, params: { ...heated.params, featureEps: 10 } });
      const view = { c: { triplets: true, gradNorms: true } };
      const state = await trainer.exportState({ optimizer: false });
      expect(state.runs.every((r) => r.optimizer.length === 0)).toBe(true);
      const reply = await service.capture({ datasetId: 1, dataset: evaluationCopy(mnist), config: trainer.currentConfig(), state, view });
      if (reply.kind !== 'captured') throw new Error(reply.kind);
      expect(reply.runs.map((r) => r.snapshot.runId)).toEqual(['a', 'b', 'c']);
      for (const got of reply.runs) {
        const id = got.snapshot.runId;
        const want = await trainer.capture(id, id === 'c' ? view.c : {});
        const s = want.snapshot;
        expect(got.snapshot.step).toBe(s.step);
        expect(got.snapshot.epoch).toBe(s.epoch);
        expect(got.snapshot.points).toEqual(s.points);
        expect(got.snapshot.predictions).toEqual(s.predictions);
        expect(got.snapshot.accuracy).toBe(s.accuracy);
        expect(got.snapshot.alpha).toBe(s.alpha);
        expect(got.snapshot.overlay).toEqual(s.overlay);
        expect(got.snapshot.gradNorms).toEqual(s.gradNorms);
        expect(got.snapshot.triplets).toEqual(s.triplets);
        expect(got.metricsInput).toEqual(want.metricsInput);
        const head = trainer.headOf(id);
        if (!head) throw new Error('no head');
        expect(got.snapshot.regions).toEqual(await decisionRegions(head, s.points));
      }
      expect(replyBuffers(reply).length).toBeGreaterThan(10);
    } finally {
      trainer.dispose();
      service.dispose();
    }
  });

  it('asks for the dataset it lacks, follows runs added and removed, and leaves no tensors behind', async () => {
    const trainer = new Trainer(mnist, config());
    const service = new SnapshotService();
    try {
      await trainer.trainStep();
      const state = await trainer.exportState({ optimizer: false });
      expect(await service.capture({ datasetId: 7, config: trainer.currentConfig(), state, view: {} })).toEqual({ kind: 'needDataset' });
      const before = tf.memory().numTensors;
      const first = await service.capture({ datasetId: 7, dataset: evaluationCopy(mnist), config: trainer.currentConfig(), state, view: {} });
      expect(first.kind === 'captured' && first.runs.length).toBe(3);
      // snapshot after snapshot into the same evaluating Trainer: no tensor is left behind
      const settled = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) await service.capture({ datasetId: 7, config: trainer.currentConfig(), state, view: { c: { gradNorms: true, triplets: true } } });
      expect(tf.memory().numTensors).toBe(settled);
      trainer.syncRuns([defaultRun('softmax', 'd'), config().runs[0]]);
      await trainer.trainStep();
      const again = await service.capture({ datasetId: 7, config: trainer.currentConfig(), state: await trainer.exportState({ optimizer: false }), view: {} });
      if (again.kind !== 'captured') throw new Error(again.kind);
      expect(again.runs.map((r) => [r.snapshot.runId, r.snapshot.step])).toEqual([['a', 2], ['d', 1]]);
      expect(again.runs[1].snapshot.points).toEqual((await trainer.capture('d')).snapshot.points);
      service.dispose();
      // the service's own Trainer (network, evaluation images, runs) is gone with it
      expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    } finally {
      trainer.dispose();
      service.dispose();
    }
  });

  it('a frame while training embeds an evenly spread part of the shown points, exactly as the Trainer does, with coarser regions', async () => {
    const trainer = new Trainer(mnist, config());
    const service = new SnapshotService();
    try {
      for (let i = 0; i < 3; i++) await trainer.trainStep();
      const state = await trainer.exportState({ optimizer: false });
      const frame = { points: 60, grid: 48 };
      const reply = await service.capture({ datasetId: 2, dataset: evaluationCopy(mnist), config: trainer.currentConfig(), state, view: {}, frame });
      if (reply.kind !== 'captured') throw new Error(reply.kind);
      // every run was new here: their first captures say nothing of what a frame costs
      expect(reply.workMs).toBeNull();
      const again = await service.capture({ datasetId: 2, config: trainer.currentConfig(), state, view: {}, frame });
      if (again.kind !== 'captured') throw new Error(again.kind);
      expect(again.workMs).toBeGreaterThan(0);
      const full = await trainer.capture('a');
      for (const got of reply.runs) {
        const id = got.snapshot.runId;
        const want = await trainer.capture(id, {}, undefined, { points: 60 });
        expect(got.snapshot.shown).toEqual(want.snapshot.shown);
        expect(got.snapshot.points).toEqual(want.snapshot.points);
        expect(got.metricsInput).toEqual(want.metricsInput);
        const head = trainer.headOf(id);
        if (!head) throw new Error('no head');
        expect(got.snapshot.regions).toEqual(await decisionRegions(head, want.snapshot.points, 48));
      }
      // 60 of the 120 shown: every second one, so the classes keep their shares
      const a = reply.runs[0].snapshot;
      expect(Array.from(a.shown ?? [])).toEqual(Array.from({ length: 60 }, (_, k) => 2 * k));
      for (let k = 0; k < 60; k++) {
        expect(a.points[2 * k]).toBe(full.snapshot.points[4 * k]);
        expect(a.predictions[k]).toBe(full.snapshot.predictions[2 * k]);
      }
      expect(a.regions?.size).toBe(48);
      expect(full.snapshot.shown).toBeNull();
    } finally {
      trainer.dispose();
      service.dispose();
    }
  });

  it('warming added runs (onlyNew) captures only the runs it has not captured before', async () => {
    const two = config([defaultRun('center', 'a'), defaultRun('heated', 'b')]);
    const trainer = new Trainer(mnist, two);
    const service = new SnapshotService();
    try {
      const frame = { points: 60, grid: 48 };
      const first = await service.capture({ datasetId: 5, dataset: evaluationCopy(mnist), config: two, state: await trainer.exportState({ optimizer: false }), view: {}, frame });
      if (first.kind !== 'captured') throw new Error(first.kind);
      expect(first.runs.map((r) => r.snapshot.runId)).toEqual(['a', 'b']);
      const three = { ...two, runs: [...two.runs, defaultRun('triplet', 'c')] };
      trainer.syncRuns(three.runs);
      const warm = await service.capture({ datasetId: 5, config: three, state: await trainer.exportState({ optimizer: false }), view: {}, frame: { ...frame, onlyNew: true } });
      if (warm.kind !== 'captured') throw new Error(warm.kind);
      expect(warm.runs.map((r) => r.snapshot.runId)).toEqual(['c']);
      const next = await service.capture({ datasetId: 5, config: three, state: await trainer.exportState({ optimizer: false }), view: {}, frame });
      if (next.kind !== 'captured') throw new Error(next.kind);
      // every run warm now: the frame's cost is known
      expect(next.runs.map((r) => r.snapshot.runId)).toEqual(['a', 'b', 'c']);
      expect(next.workMs).toBeGreaterThan(0);
    } finally {
      trainer.dispose();
      service.dispose();
    }
  });
});
