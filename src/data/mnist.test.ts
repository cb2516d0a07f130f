import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMnist, MNIST_FIX } from './mnist';
import { diskFetch, PUBLIC_DIR, TEST_BASE } from '../testing/testFetch';
import { loadError } from '../testing/testErrors';


describe('loadMnist from the real public/mnist/*.gz', () => {
  it('loads 60 000 / 10 000 with the known first labels and the well-known mean/std', async () => {
    const stages: [string, number][] = [];
    const ds = await loadMnist(TEST_BASE, { fetchFn: diskFetch(), onProgress: (s, f) => stages.push([s, f]) });
    expect(ds.id).toBe('mnist');
    expect(ds.description).toBe('MNIST: 60\u00a0000 train / 10\u00a0000 test (original idx files)');
    expect([ds.height, ds.width, ds.channels]).toEqual([28, 28, 1]);
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(ds.train.count).toBe(60000);
    expect(ds.train.images.length).toBe(60000 * 784);
    expect(ds.train.labels[0]).toBe(5);
    expect(ds.test.count).toBe(10000);
    expect(ds.test.labels[0]).toBe(7);
    expect(ds.mean[0]).toBeCloseTo(0.1307, 4);
    expect(ds.std[0]).toBeCloseTo(0.3081, 4);
    // progress only goes forward and ends at 1
    const fractions = stages.map(([, f]) => f);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(fractions.at(-1)).toBe(1);
  });

  it('accepts files that arrive already decompressed (server sent Content-Encoding: gzip)', async () => {
    const { gunzipSync } = await import('fflate');
    const plain = gunzipSync(new Uint8Array(readFileSync(join(PUBLIC_DIR, 'mnist', 't10k-labels-idx1-ubyte.gz'))));
    const ds = await loadMnist(TEST_BASE, { fetchFn: diskFetch({ overrides: { 't10k-labels-idx1-ubyte.gz': plain } }) });
    expect(ds.test.labels[0]).toBe(7);
  });
});

describe('loadMnist when a file is missing or wrong', () => {
  it('404 names the file and the fix', async () => {
    const err = await loadError(loadMnist(TEST_BASE, { fetchFn: diskFetch({ overrides: { 't10k-images-idx3-ubyte.gz': 404 } }) }));
    expect(err.message).toBe(
      'public/mnist/t10k-images-idx3-ubyte.gz is missing: http://localhost:5173/mnist/t10k-images-idx3-ubyte.gz answered HTTP 404 Not Found.',
    );
    expect(err.fix).toBe(MNIST_FIX);
  });

  it('an HTML page in place of the file (SPA fallback, no content-type) is recognised by its content', async () => {
    const err = await loadError(loadMnist(TEST_BASE, { fetchFn: diskFetch({ overrides: { 'train-labels-idx1-ubyte.gz': 'html' } }) }));
    expect(err.message).toMatch(/^public\/mnist\/train-labels-idx1-ubyte\.gz is missing: .* returned an HTML page instead of the file/);
    expect(err.fix).toBe(MNIST_FIX);
  });

  it('a whole missing folder behind an SPA fallback', async () => {
    const err = await loadError(loadMnist(TEST_BASE, { fetchFn: diskFetch({ root: '/nonexistent', spaFallback: true }) }));
    expect(err.message).toMatch(/is missing: .* returned an HTML page/);
  });

  it('network error', async () => {
    const err = await loadError(loadMnist(TEST_BASE, { fetchFn: diskFetch({ overrides: { 'train-images-idx3-ubyte.gz': 'network' } }) }));
    expect(err.message).toMatch(/^Could not fetch public\/mnist\/train-images-idx3-ubyte\.gz from .* \(Failed to fetch\)\.$/);
  });

  it('corrupt gzip', async () => {
    const gz = new Uint8Array(readFileSync(join(PUBLIC_DIR, 'mnist', 't10k-labels-idx1-ubyte.gz')));
    const err = await loadError(
      loadMnist(TEST_BASE, { fetchFn: diskFetch({ overrides: { 't10k-labels-idx1-ubyte.gz': gz.subarray(0, 1000) } }) }),
    );
    expect(err.message).toMatch(/^public\/mnist\/t10k-labels-idx1-ubyte\.gz is not a valid gzip file \(.*; 1000 bytes\) — corrupt or truncated download\?$/);
    expect(err.fix).toBe(MNIST_FIX);
  });
});
