import { describe, expect, it, vi } from 'vitest';
import { shapeSet } from '../testing/ownImagesFixtures';
import { checkOwnImageSet, cleanClassName, ownImagesDataset, perClassSplit, splitOwnImages, testCount, trainingProblems } from './ownImages';
import { ownImagesHash } from './ownImagesHash';
import { DataError } from './types';

describe('the rules of your images', () => {
  it('keeps 20 % of each class for testing, at least one, seeded by the set\'s hash', () => {
    expect([5, 7, 10, 12, 50, 1].map(testCount)).toEqual([1, 1, 2, 2, 10, 0]);
    const labels = Uint8Array.from([...Array(10).fill(0), ...Array(7).fill(1), ...Array(50).fill(2)]);
    const a = splitOwnImages(labels, 3, 'aaaaaaaaaaaaaaaa');
    const count = (idx: Int32Array, c: number) => Array.from(idx).filter((i) => labels[i] === c).length;
    expect([0, 1, 2].map((c) => count(a.test, c))).toEqual([2, 1, 10]);
    expect(a.train.length + a.test.length).toBe(labels.length);
    expect(new Set([...a.train, ...a.test]).size).toBe(labels.length);
    expect(splitOwnImages(labels, 3, 'aaaaaaaaaaaaaaaa')).toEqual(a); // the same set splits the same way
    expect(Array.from(splitOwnImages(labels, 3, 'bbbbbbbbbbbbbbbb').test)).not.toEqual(Array.from(a.test));
    expect(perClassSplit([10, 10])).toBe('train 8 / test 2 per class');
    expect(perClassSplit([10, 50])).toBe('train 8–40 / test 2–10 per class');
  });

  it('says what is missing before a set can train', () => {
    expect(trainingProblems([])).toEqual([expect.stringMatching(/^No class has images yet/)]);
    expect(trainingProblems([{ name: 'mug', count: 12 }, { name: 'Class 2', count: 0 }])).toEqual([
      'Only one class (mug) has images: add a second class of at least 5 images.',
      'Class 2 has 0 images: each class needs at least 5 (5 more), or remove it.',
    ]);
    expect(trainingProblems([{ name: 'a', count: 3 }, { name: 'b', count: 9 }])).toEqual(['a has 3 images: each class needs at least 5 (2 more), or remove it.']);
    expect(trainingProblems([{ name: 'a', count: 5 }, { name: 'a', count: 5 }])).toEqual(['Two classes are named a: rename one.']);
    expect(trainingProblems(Array.from({ length: 21 }, (_, i) => ({ name: `c${i}`, count: 5 })))).toEqual(['21 classes: at most 20 fit (remove 1).']);
    expect(trainingProblems([{ name: 'a', count: 6000 }, { name: 'b', count: 5000 }])).toEqual(['11\u00a0000 images: at most 10\u00a0000 fit.']);
  });

  it('cleans names for a legend and a path', () => {
    expect(cleanClassName('  my/\\cat\u0007 ')).toBe('my cat');
    expect(cleanClassName('x'.repeat(100))).toHaveLength(40);
  });

  it('builds the Dataset the CIFAR-10 network trains on, and refuses a malformed set', async () => {
    const set = shapeSet(3, 10);
    const hash = await ownImagesHash(set);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(await ownImagesHash(shapeSet(3, 10))).toBe(hash);
    expect(await ownImagesHash({ ...set, classNames: ['a', 'b', 'c'] })).not.toBe(hash); // the names are part of the set
    // without Web Crypto (a page on plain http) the JavaScript SHA-256 gives the same name
    vi.stubGlobal('crypto', undefined);
    try { expect(await ownImagesHash(set)).toBe(hash); } finally { vi.unstubAllGlobals(); }
    const ds = ownImagesDataset(set, hash);
    expect([ds.id, ds.height, ds.width, ds.channels, ds.train.count, ds.test.count, ds.imageSet]).toEqual(['own-images', 32, 32, 3, 24, 6, hash]);
    expect(ds.classNames).toEqual(['disc', 'square', 'triangle']);
    expect(ds.description).toBe('Your images: 3 classes, 24 train / 6 test (train 8 / test 2 per class)');
    expect(() => checkOwnImageSet({ ...set, labels: set.labels.subarray(1) })).toThrow(DataError);
    expect(() => checkOwnImageSet({ ...set, labels: set.labels.map(() => 7) })).toThrow(/outside the 3 classes/);
    expect(() => checkOwnImageSet({ ...set, classNames: ['a/b', 'c', 'd'] })).toThrow(/characters a name cannot/);
  });
});
