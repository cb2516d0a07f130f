import { describe, expect, it } from 'vitest';
import { CIFAR_UPLOAD_FIX } from '../data/cifar10';
import { miniOfficialArchive, subsetTestBin, subsetTrainBin } from '../testing/cifarFixtures';
import type { StoredCifar } from '../data/cifarStorage';
import { DataError } from '../data/types';
import { acceptCifarUpload, type CifarUploadFile } from './cifarUpload';

const file = (name: string, bytes: Uint8Array): CifarUploadFile => ({ name, bytes: bytes.slice().buffer });

describe('acceptCifarUpload (real CIFAR-10 files: the shipped subset)', () => {
  it('train.bin + test.bin become an uploaded dataset, and are handed to storage', async () => {
    const saved: Omit<StoredCifar, 'savedAt'>[] = [];
    const stages: string[] = [];
    const out = await acceptCifarUpload(
      [file('train.bin', subsetTrainBin()), file('test.bin', subsetTestBin())],
      (s) => stages.push(s),
      async (u) => { saved.push(u); },
    );
    expect([out.dataset.id, out.dataset.train.count, out.dataset.test.count, out.dataset.channels]).toEqual(['cifar10', 5085, 1017, 3]);
    expect(out.dataset.uploaded).toBe(true);
    expect(out.dataset.description).toBe('CIFAR-10 (uploaded 2 files): 5\u00a0085 train / 1\u00a0017 test');
    expect(saved).toHaveLength(0); // kept only once the runs trained on it
    expect(await out.keep()).toBeNull();
    expect(saved).toHaveLength(1);
    expect(saved[0].train.count).toBe(5085);
    expect(stages[0]).toContain('train.bin, test.bin');
  });

  it('the official archive layout works too', async () => {
    const out = await acceptCifarUpload([file('cifar-10-binary.tar.gz', miniOfficialArchive(30, 40))], undefined, async () => undefined);
    expect([out.dataset.train.count, out.dataset.test.count]).toEqual([150, 40]);
  });

  it('a truncated file is refused with what is wrong and the fix, and nothing is stored', async () => {
    let stored = false;
    const cut = subsetTestBin().slice(0, 3073 * 10 + 100);
    const err = await acceptCifarUpload([file('data_batch_1.bin', subsetTrainBin()), file('test_batch.bin', cut)], undefined, async () => { stored = true; })
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).message).toMatch(/test_batch\.bin is 30830 bytes.*truncated/);
    expect((err as DataError).fix).toBe(CIFAR_UPLOAD_FIX);
    expect(stored).toBe(false);
  });

  it('flat images (a channel without spread: NaN at the first step) are refused and not stored', async () => {
    let stored = false;
    const rec = (label: number) => { const r = new Uint8Array(3073); r[0] = label; return r; };
    const flat = new Uint8Array(3073 * 4);
    [0, 1, 2, 3].forEach((k) => flat.set(rec(k % 2), k * 3073));
    const err = await acceptCifarUpload([file('data_batch_1.bin', flat), file('test_batch.bin', subsetTestBin().slice(0, 3073))], undefined, async () => { stored = true; })
      .then(() => null, (e: unknown) => e);
    expect((err as DataError).message).toBe('data_batch_1.bin, test_batch.bin: every training image has the same red value everywhere, so there is nothing to learn — not real CIFAR-10 images?');
    expect(stored).toBe(false);
  });

  it('a training set of one class is refused and not stored', async () => {
    let stored = false;
    const train = subsetTrainBin();
    const cats = new Uint8Array(3073 * 3);
    let k = 0;
    for (let r = 0; k < 3; r++) if (train[r * 3073] === 3) cats.set(train.subarray(r * 3073, (r + 1) * 3073), 3073 * k++);
    const err = await acceptCifarUpload([file('data_batch_1.bin', cats), file('test_batch.bin', subsetTestBin().slice(0, 3073))], undefined, async () => { stored = true; })
      .then(() => null, (e: unknown) => e);
    expect((err as DataError).message).toBe('data_batch_1.bin, test_batch.bin: the training images are all of one class (cat); training needs at least two.');
    expect(stored).toBe(false);
  });

  it('storage that refuses (here: Node has no IndexedDB) leaves the set usable for this session', async () => {
    const out = await acceptCifarUpload([file('train.bin', subsetTrainBin()), file('test.bin', subsetTestBin())]);
    expect(out.dataset.test.count).toBe(1017);
    const notStored = await out.keep();
    expect(notStored).toBeInstanceOf(DataError);
    expect(notStored?.message).toMatch(/IndexedDB/);
  });
});
