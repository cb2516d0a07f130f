// The pure parts of getting CIFAR-10 onto disk, shared by scripts/download-cifar10.mjs and
// scripts/pack-cifar10-subset.mjs and tested on their own: the archive's MD5 check, unpacking the
// official cifar-10-binary.tar.gz, and packing {train,test}.bin into public/cifar10/<set>/ as
// gzip + manifest.json — the form src/data/cifar10.ts loads.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { collectCifarBins, validateCifarBin } from '../src/data/cifar10';
import type { CifarManifest } from '../src/data/cifarManifest';
import { formatCount } from '../src/data/cifarFormat';

export const CIFAR10_URL = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
export const CIFAR10_MD5 = 'c32a1d4ab5d03f1284b67883e8d87530';
export const CIFAR10_ARCHIVE_NAME = 'cifar-10-binary.tar.gz';

export const md5Hex = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');
export const sha256HexSync = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Throws unless `bytes` have the MD5 `expected`; the message gives both digests. */
export function checkMd5(bytes: Uint8Array, expected: string = CIFAR10_MD5, name = CIFAR10_ARCHIVE_NAME): void {
  const actual = md5Hex(bytes);
  if (actual !== expected.toLowerCase()) {
    throw new Error(`${name}: MD5 is ${actual}, expected ${expected} — the download is corrupt or not the official archive.`);
  }
}

export interface CifarRawSplits {
  /** official channel-major records, data_batch_1..5 concatenated in order */
  train: Uint8Array;
  /** test_batch.bin */
  test: Uint8Array;
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Unpacks the official archive: all five training batches and the test batch must be there and valid. */
export function extractOfficialArchive(archive: Uint8Array, name: string = CIFAR10_ARCHIVE_NAME): CifarRawSplits {
  const bins = collectCifarBins([{ name, bytes: archive }]);
  const trainNames = bins.train.map((b) => b.name.slice(b.name.lastIndexOf('/') + 1));
  const expected = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
  const missing = expected.filter((n) => !trainNames.includes(n));
  if (missing.length > 0) throw new Error(`${name} lacks ${missing.join(', ')} — not the complete official archive.`);
  const fix = 'download the archive again';
  for (const b of [...bins.train, ...bins.test]) validateCifarBin(b.bytes, b.name, fix);
  return { train: concat(bins.train.map((b) => b.bytes)), test: bins.test[0].bytes };
}

export const subsetDescription = (train: number, test: number, perBatch: number): string =>
  `CIFAR-10 subset: ${formatCount(train)} train / ${formatCount(test)} test real images (first ${formatCount(perBatch)} of each official batch)`;
export const fullDescription = (train: number, test: number): string =>
  `CIFAR-10 full: ${formatCount(train)} train / ${formatCount(test)} test (official binary archive)`;

/**
 * Writes <outDir>/{train,test}.bin.gz and manifest.json. The manifest is written last and by rename,
 * because the loader takes its presence to mean the set is complete.
 */
export function packCifar(outDir: string, splits: CifarRawSplits, kind: CifarManifest['kind'], description: string): CifarManifest {
  mkdirSync(outDir, { recursive: true });
  const entry = (which: 'train' | 'test') => {
    const bin = splits[which];
    const records = validateCifarBin(bin, `${which}.bin`, 'check the source files');
    const file = `${which}.bin.gz`;
    // fflate at level 9 with its largest window memory packs ~2% smaller than Node's zlib here;
    // mtime 0 keeps the output byte-reproducible, so re-packing the committed subset changes nothing
    writeFileSync(join(outDir, file), gzipSync(bin, { level: 9, mem: 12, mtime: 0 }));
    return { file, records, sha256: sha256HexSync(bin) };
  };
  const manifest: CifarManifest = { format: 'cifar10-binary-gzip', kind, description, train: entry('train'), test: entry('test') };
  const tmp = join(outDir, 'manifest.json.tmp');
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(tmp, join(outDir, 'manifest.json'));
  return manifest;
}
