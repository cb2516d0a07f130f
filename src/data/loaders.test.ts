import { describe, expect, it } from 'vitest';
import { clearCifarUpload, isCifarStorageAvailable, loadCifarUpload, saveCifarUpload } from './cifarStorage';
import { loadDataset } from './loaders';
import { diskFetch, TEST_BASE } from '../testing/testFetch';
import { DataError } from './types';

describe('loadDataset', () => {
  it('mnist', async () => {
    const ds = await loadDataset('mnist', TEST_BASE, { fetchFn: diskFetch() });
    expect([ds.id, ds.train.count, ds.test.count]).toEqual(['mnist', 60000, 10000]);
  });

  it('cifar10 without a stored upload or full set: the bundled subset', async () => {
    const ds = await loadDataset('cifar10', TEST_BASE, { fetchFn: diskFetch() });
    expect([ds.id, ds.train.count, ds.test.count]).toEqual(['cifar10', 5085, 1017]);
    expect(ds.description).toMatch(/^CIFAR-10 subset/);
  });
});

describe('cifarStorage outside a browser', () => {
  it('imports and answers without IndexedDB', async () => {
    expect(isCifarStorageAvailable()).toBe(false);
    expect(await loadCifarUpload()).toBeUndefined();
    await expect(clearCifarUpload()).resolves.toBeUndefined();
    const empty = { images: new Uint8Array(0), labels: new Uint8Array(0), count: 0 };
    await expect(saveCifarUpload({ train: empty, test: empty, description: 'x' })).rejects.toBeInstanceOf(DataError);
  });
});
