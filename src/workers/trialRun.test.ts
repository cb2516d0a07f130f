import * as tf from '@tensorflow/tfjs-core';
import '../engine/tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { CIFAR_UPLOAD_FIX, cifarDataset, parseCifarBin } from '../data/cifar10';
import { DataError, type Dataset } from '../data/types';
import { initWasmBackendNode } from '../engine/wasm/node';
import type { ExperimentConfig } from '../config/config';
import { defaultRun } from '../store/runs';
import { defaultConfig } from '../store/store';
import { allZeroRecords, recordsOfClasses, subsetTestBin, subsetTrainBin } from '../testing/cifarFixtures';
import { TRIAL_FIX, trialTrain } from './trialRun';

const config = (...losses: Parameters<typeof defaultRun>[0][]): ExperimentConfig => ({
  ...defaultConfig(), dataset: 'cifar10', backend: 'wasm', batchSize: 32, evalSize: 200, augment: true,
  runs: losses.map((l, i) => defaultRun(l, `r${i + 1}`)),
});

const dataset = (train: Uint8Array, test: Uint8Array): Dataset =>
  ({ ...cifarDataset(parseCifarBin(train, 'train.bin', CIFAR_UPLOAD_FIX), parseCifarBin(test, 'test.bin', CIFAR_UPLOAD_FIX), 'uploaded'), uploaded: true });

/** What trialTrain threw (null when it resolved), and whether it left tensors behind. */
async function outcome(ds: Dataset, cfg: ExperimentConfig, steps?: number): Promise<{ error: DataError | null; leaked: number }> {
  const before = tf.memory().numTensors;
  const error = await trialTrain(ds, cfg, 'upload.bin', steps).then(() => null, (e: unknown) => e as DataError);
  return { error, leaked: tf.memory().numTensors - before };
}

beforeAll(async () => {
  await initWasmBackendNode();
  await tf.setBackend('wasm');
});

describe('trialTrain: the runs take their first steps on an uploaded set before it replaces the session', () => {
  it('real CIFAR-10 images pass, with every loss, and nothing is left on the device', async () => {
    const { error, leaked } = await outcome(dataset(subsetTrainBin(), subsetTestBin()), config('softmax', 'center', 'triplet', 'simplex'));
    expect(error).toBeNull();
    expect(leaked).toBe(0);
  });

  it('all-zero images: the first step\'s loss is NaN, so the set is refused', async () => {
    // a channel without spread normalises to NaN; the CPU backend carries it to the loss (the fused
    // wasm kernels' ReLU turns NaN into 0, and such a set then sits at chance instead)
    await tf.setBackend('cpu');
    // the CPU backend is slow (seconds a step): one small step
    const small = { ...config('softmax'), batchSize: 8, evalSize: 10 };
    const { error, leaked } = await outcome(dataset(allZeroRecords(16), subsetTestBin().slice(0, 3073 * 10)), small, 1)
      .finally(() => tf.setBackend('wasm'));
    expect(error).toBeInstanceOf(DataError);
    expect(error?.message).toBe('upload.bin was not used: training on it gave run "Softmax cross-entropy" a loss of NaN at step 1.');
    expect(error?.fix).toBe(TRIAL_FIX);
    expect(leaked).toBe(0);
  });

  it('two classes with a triplet run: its P×K batches cannot be drawn, so the set is refused; without one it trains', async () => {
    const two = dataset(recordsOfClasses(subsetTrainBin(), [3, 5], 200), recordsOfClasses(subsetTestBin(), [3, 5], 50));
    const { error, leaked } = await outcome(two, config('softmax', 'triplet'));
    expect(error?.message).toMatch(/^upload\.bin was not used: the runs cannot be built on it \(P×K sampling needs P ≤ the number of classes present/);
    expect(leaked).toBe(0);
    expect((await outcome(two, config('softmax', 'center'))).error).toBeNull();
  });
});
