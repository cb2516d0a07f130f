// One entry point for the worker: a dataset id in, a validated Dataset out.
import type { DatasetId } from '../config/config';
import { cifarDataset, loadCifar10, type CifarLoadOptions } from './cifar10';
import { loadCifarUpload } from './cifarStorage';
import { loadMnist } from './mnist';
import { loadOwnImagesDataset } from './ownImagesLoad';
import { isToyDataset, toyDataset } from './toy2d';
import type { AnyDataset, Dataset } from './types';

export interface DatasetLoadOptions extends CifarLoadOptions {
  /** CIFAR-10: use a set the user uploaded earlier (kept in IndexedDB) before the served files; default true */
  useStoredUpload?: boolean;
  /** your images: the content hash of the set the config names ('' for whichever is stored) */
  imageSet?: string;
}

/**
 * Loads MNIST, or CIFAR-10 from (in order) a stored upload, public/cifar10/full/, the bundled subset,
 * or the user's own images kept in IndexedDB, or generates a toy 2-D set (nothing to fetch).
 */
export async function loadDataset(id: Dataset['id'], baseUrl: string, opts?: DatasetLoadOptions): Promise<Dataset>;
export async function loadDataset(id: DatasetId, baseUrl: string, opts?: DatasetLoadOptions): Promise<AnyDataset>;
export async function loadDataset(id: DatasetId, baseUrl: string, opts: DatasetLoadOptions = {}): Promise<AnyDataset> {
  if (isToyDataset(id)) {
    const dataset = toyDataset(id);
    opts.onProgress?.('Toy 2-D set ready', 1);
    return dataset;
  }
  if (id === 'mnist') return loadMnist(baseUrl, opts);
  if (id === 'own-images') return loadOwnImagesDataset(opts.imageSet ?? '', opts.onProgress);
  if (opts.useStoredUpload !== false) {
    opts.onProgress?.('Reading the uploaded CIFAR-10 set', 0);
    // an unreadable store (private mode, blocked storage) must not keep the bundled data from loading
    const stored = await loadCifarUpload().catch(() => undefined);
    if (stored) {
      const dataset = { ...cifarDataset(stored.train, stored.test, stored.description), uploaded: true };
      opts.onProgress?.('CIFAR-10 ready', 1);
      return dataset;
    }
  }
  return loadCifar10(baseUrl, opts);
}
