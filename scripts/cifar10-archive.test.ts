import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CIFAR_RECORD, loadCifar10 } from '../src/data/cifar10';
import { miniOfficialArchive, officialBatchHead, subsetTestBin, subsetTrainBin } from '../src/testing/cifarFixtures';
import { diskFetch, TEST_BASE } from '../src/testing/testFetch';
import { CIFAR10_MD5, checkMd5, extractOfficialArchive, fullDescription, md5Hex, packCifar } from './cifar10-archive';

const archive = miniOfficialArchive(10, 20); // real records: the first 10 of each official batch, 20 of the test batch
const archiveMd5 = createHash('md5').update(archive).digest('hex');

describe('MD5 check', () => {
  it('accepts the right digest', () => {
    expect(md5Hex(archive)).toBe(archiveMd5);
    expect(() => checkMd5(archive, archiveMd5)).not.toThrow();
  });

  it("rejects a wrong digest (this mini archive is not the official one)", () => {
    expect(() => checkMd5(archive, CIFAR10_MD5)).toThrow(
      `cifar-10-binary.tar.gz: MD5 is ${archiveMd5}, expected c32a1d4ab5d03f1284b67883e8d87530 — the download is corrupt or not the official archive.`,
    );
  });

  it('rejects a single flipped byte', () => {
    const bad = archive.slice();
    bad[1000] ^= 1;
    expect(() => checkMd5(bad, archiveMd5)).toThrow(/MD5 is [0-9a-f]{32}, expected/);
  });
});

describe('extractOfficialArchive + packCifar', () => {
  it('extracts the five batches in order and the test batch, byte for byte', () => {
    const { train, test } = extractOfficialArchive(archive);
    const subset = subsetTrainBin();
    expect(train.length).toBe(50 * CIFAR_RECORD);
    for (let k = 1; k <= 5; k++) {
      expect(Buffer.compare(train.subarray((k - 1) * 10 * CIFAR_RECORD, k * 10 * CIFAR_RECORD), officialBatchHead(subset, k, 10))).toBe(0);
    }
    expect(Buffer.compare(test, subsetTestBin().subarray(0, 20 * CIFAR_RECORD))).toBe(0);
  });

  it('refuses an archive without all five training batches', () => {
    expect(() => extractOfficialArchive(miniOfficialArchive(2, 2, { omit: 'data_batch_4.bin' }))).toThrow(
      'cifar-10-binary.tar.gz lacks data_batch_4.bin — not the complete official archive.',
    );
  });

  it('packs into the form loadCifar10 reads, and the records round-trip', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cifar-pack-'));
    const raw = extractOfficialArchive(archive);
    const manifest = packCifar(join(root, 'cifar10', 'full'), raw, 'full', fullDescription(50, 20));
    expect(manifest.train).toMatchObject({ file: 'train.bin.gz', records: 50, sha256: createHash('sha256').update(raw.train).digest('hex') });
    expect(manifest.test.records).toBe(20);
    expect(Buffer.compare(gunzipSync(new Uint8Array(readFileSync(join(root, 'cifar10', 'full', 'train.bin.gz')))), raw.train)).toBe(0);
    const ds = await loadCifar10(TEST_BASE, { fetchFn: diskFetch({ root }) });
    expect(ds.description).toBe('CIFAR-10 full: 50 train / 20 test (official binary archive)');
    expect([ds.train.count, ds.test.count]).toEqual([50, 20]);
    expect(ds.train.labels[10]).toBe(raw.train[10 * CIFAR_RECORD]);
  });
});
