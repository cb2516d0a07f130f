import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CIFAR10_CLASSES, CIFAR_FULL_FIX, CIFAR_RECORD, CIFAR_SUBSET_FIX, loadCifar10, parseCifarBin } from './cifar10';
import { SUBSET_SHA256, subsetTestBin, subsetTrainBin } from '../testing/cifarFixtures';
import { diskFetch, PUBLIC_DIR, TEST_BASE } from '../testing/testFetch';
import { dataError, loadError } from '../testing/testErrors';

const trainBin = subsetTrainBin();
const testBin = subsetTestBin();
const FIX = 'test fix';

function classCounts(labels: Uint8Array): number[] {
  const c = new Array<number>(10).fill(0);
  for (const l of labels) c[l]++;
  return c;
}



describe('CIFAR-10 binary parser on the real subset', () => {
  it('train.bin: 5 085 records with the class counts of test-data/README.md', () => {
    const split = parseCifarBin(trainBin, 'train.bin', FIX);
    expect(split.count).toBe(5085);
    expect(split.images.length).toBe(5085 * 32 * 32 * 3);
    expect(classCounts(split.labels)).toEqual([517, 524, 490, 493, 537, 475, 503, 516, 529, 501]);
  });

  it('test.bin: 1 017 records with the class counts of test-data/README.md', () => {
    const split = parseCifarBin(testBin, 'test.bin', FIX);
    expect(split.count).toBe(1017);
    expect(classCounts(split.labels)).toEqual([105, 93, 100, 104, 92, 87, 114, 102, 110, 110]);
  });

  it('converts channel-major planes to HWC: one pixel checked against the raw bytes', () => {
    const split = parseCifarBin(trainBin, 'train.bin', FIX);
    const [sample, row, col] = [1234, 17, 5];
    const rec = sample * CIFAR_RECORD;
    const p = row * 32 + col;
    const raw = [trainBin[rec + 1 + p], trainBin[rec + 1 + 1024 + p], trainBin[rec + 1 + 2048 + p]];
    const hwc = (sample * 1024 + p) * 3;
    expect([...split.images.subarray(hwc, hwc + 3)]).toEqual(raw);
    expect(split.labels[sample]).toBe(trainBin[rec]);
    // a real photo's channels differ somewhere, so a swapped R/B would not pass unnoticed
    expect(raw[0] !== raw[2] || raw[0] !== raw[1]).toBe(true);
  });

  it('truncated copy', () => {
    const err = dataError(() => parseCifarBin(testBin.subarray(0, testBin.length - 100), 'test.bin', FIX));
    expect(err.message).toBe('test.bin is 3125141 bytes, not a whole number of 3 073-byte records — truncated?');
    expect(err.fix).toBe(FIX);
  });

  it('bad label names the record', () => {
    const bad = testBin.slice();
    bad[500 * CIFAR_RECORD] = 10;
    expect(dataError(() => parseCifarBin(bad, 'test.bin', FIX)).message).toBe(
      'test.bin: record 500 has label 10, outside 0–9 — corrupt, or not a CIFAR-10 binary file.',
    );
  });
});

describe('loadCifar10', () => {
  it('loads the committed subset (no full set present) and verifies it', async () => {
    const stages: string[] = [];
    const ds = await loadCifar10(TEST_BASE, { fetchFn: diskFetch(), onProgress: (s) => stages.push(s) });
    expect(ds.id).toBe('cifar10');
    expect(ds.description).toBe('CIFAR-10 subset: 5\u00a0085 train / 1\u00a0017 test real images (first 1\u00a0017 of each official batch)');
    expect([ds.height, ds.width, ds.channels]).toEqual([32, 32, 3]);
    expect(ds.classNames).toEqual(CIFAR10_CLASSES);
    expect(ds.train.count).toBe(5085);
    expect(ds.test.count).toBe(1017);
    expect(classCounts(ds.train.labels)).toEqual([517, 524, 490, 493, 537, 475, 503, 516, 529, 501]);
    // per-channel stats of real CIFAR-10 photos: close to the full set's well-known (0.491, 0.482, 0.447) / (0.247, 0.243, 0.262)
    [0.491, 0.482, 0.447].forEach((m, c) => expect(Math.abs(ds.mean[c] - m)).toBeLessThan(0.01));
    [0.247, 0.243, 0.262].forEach((s, c) => expect(Math.abs(ds.std[c] - s)).toBeLessThan(0.01));
    expect(stages.at(-1)).toBe('CIFAR-10 subset ready');
  });

  it('the committed manifest names the published subset (its sha256 and record counts)', () => {
    const manifest = JSON.parse(readFileSync(join(PUBLIC_DIR, 'cifar10', 'subset', 'manifest.json'), 'utf8')) as Record<'train' | 'test', { sha256: string; records: number }>;
    expect([manifest.train.sha256, manifest.test.sha256]).toEqual([SUBSET_SHA256.train, SUBSET_SHA256.test]);
    expect([manifest.train.records, manifest.test.records]).toEqual([trainBin.length / CIFAR_RECORD, testBin.length / CIFAR_RECORD]);
  });

  it('reports a corrupt subset file by its sha256', async () => {
    const bad = testBin.slice();
    bad[100] ^= 0xff; // a pixel: size and labels still look fine, only the digest can tell
    const err = await loadError(loadCifar10(TEST_BASE, { fetchFn: diskFetch({ overrides: { 'subset/test.bin.gz': gzipSync(bad) } }) }));
    expect(err.message).toMatch(/^public\/cifar10\/subset\/test\.bin\.gz is corrupt: its contents have sha256 [0-9a-f]{64}, but public\/cifar10\/subset\/manifest\.json expects c77ad461/);
    expect(err.fix).toBe(CIFAR_SUBSET_FIX);
  });

  it('reports a missing subset (HTML fallback page)', async () => {
    const err = await loadError(loadCifar10(TEST_BASE, { fetchFn: diskFetch({ root: '/nonexistent', spaFallback: true }) }));
    expect(err.message).toMatch(/^public\/cifar10\/subset\/manifest\.json is missing: .* returned an HTML page/);
    expect(err.fix).toBe(CIFAR_SUBSET_FIX);
  });

  it('prefers public/cifar10/full/ when its manifest is there, unless told to use the subset', async () => {
    // stand-in "full" dir: the real subset files under full/ with kind and description changed
    const root = mkdtempSync(join(tmpdir(), 'cifar-full-'));
    cpSync(join(PUBLIC_DIR, 'cifar10', 'subset'), join(root, 'cifar10', 'subset'), { recursive: true });
    cpSync(join(PUBLIC_DIR, 'cifar10', 'subset'), join(root, 'cifar10', 'full'), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(root, 'cifar10', 'full', 'manifest.json'), 'utf8'));
    writeFileSync(join(root, 'cifar10', 'full', 'manifest.json'), JSON.stringify({ ...manifest, kind: 'full', description: 'FULL' }));
    const full = await loadCifar10(TEST_BASE, { fetchFn: diskFetch({ root }) });
    expect(full.description).toBe('FULL');
    const subset = await loadCifar10(TEST_BASE, { fetchFn: diskFetch({ root }), prefer: 'subset' });
    expect(subset.description).toMatch(/^CIFAR-10 subset/);
    // a full set whose data file is gone is an error to fix, not a silent fallback
    const err = await loadError(loadCifar10(TEST_BASE, { fetchFn: diskFetch({ root, overrides: { 'full/train.bin.gz': 404 } }) }));
    expect(err.message).toMatch(/^public\/cifar10\/full\/train\.bin\.gz is missing/);
    expect(err.fix).toBe(CIFAR_FULL_FIX);
  });
});
