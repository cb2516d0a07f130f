import * as tf from '@tensorflow/tfjs-core';
import '../engine/tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import type { StoredOwnImages } from '../data/ownImagesStorage';
import { DataError } from '../data/types';
import { initWasmBackendNode } from '../engine/wasm/node';
import { defaultRun } from '../store/runs';
import { defaultConfig } from '../store/store';
import { shapeSet } from '../testing/ownImagesFixtures';
import { acceptOwnImages, type OwnImagesPayload } from './ownImagesUpload';
import { trialTrain } from './trialRun';

const payload = (set = shapeSet(4, 10)): OwnImagesPayload => ({ classNames: set.classNames, images: set.images.slice().buffer, labels: set.labels });

beforeAll(async () => {
  await initWasmBackendNode();
  await tf.setBackend('wasm');
});

describe('acceptOwnImages: the training worker\'s half of "Use these images"', () => {
  it('names the set by its hash, splits it, and keeps it only when asked (once the runs trained on it)', async () => {
    const saved: Omit<StoredOwnImages, 'savedAt'>[] = [];
    const out = await acceptOwnImages(payload(), async (s) => { saved.push(s); });
    expect(out.hash).toMatch(/^[0-9a-f]{16}$/);
    expect([out.dataset.id, out.dataset.train.count, out.dataset.test.count, out.dataset.imageSet]).toEqual(['own-images', 32, 8, out.hash]);
    expect(saved).toHaveLength(0);
    // every loss builds on it and takes its first steps on the CIFAR-10 network, augmented
    const config = { ...defaultConfig(), dataset: 'own-images' as const, imageSet: out.hash, batchSize: 16, evalSize: 100, augment: true,
      runs: (['softmax', 'heated', 'center', 'triplet', 'pair', 'simplex'] as const).map((l, i) => defaultRun(l, `r${i + 1}`)) };
    const before = tf.memory().numTensors;
    await trialTrain(out.dataset, config, 'Your images');
    expect(tf.memory().numTensors).toBe(before);
    expect(await out.keep()).toBeNull();
    expect(saved.map((s) => [s.hash, s.count, s.classNames.length])).toEqual([[out.hash, 40, 4]]);
  });

  it('refuses what cannot train, saying what is missing, and stores nothing', async () => {
    const refuse = async (p: OwnImagesPayload) => acceptOwnImages(p, async () => { throw new Error('must not store'); }).then(() => null, (e: unknown) => e);
    const small = shapeSet(2, 4);
    expect(await refuse(payload(small))).toEqual(new DataError('disc has 4 images: each class needs at least 5 (1 more), or remove it. square has 4 images: each class needs at least 5 (1 more), or remove it.', expect.any(String)));
    const one = shapeSet(1, 10);
    expect(String(await refuse(payload(one)))).toMatch(/Only one class \(disc\) has images/);
    const flat = shapeSet(2, 10);
    flat.images.fill(0);
    expect(String(await refuse(payload(flat)))).toMatch(/same red value everywhere.*covered camera/);
    expect(String(await refuse({ ...payload(), images: new ArrayBuffer(100) }))).toMatch(/malformed/);
  });

  it('a store that fails is reported, not thrown: the set still trains this session', async () => {
    const out = await acceptOwnImages(payload(), async () => { throw new DataError('quota exceeded', 'fix'); });
    expect((await out.keep())?.message).toBe('quota exceeded');
  });
});
