// Test helper: small but real CIFAR-10 archives cut from the subset the app ships
// (public/cifar10/subset/, described in test-data/README.md). Its train.bin is the first 1 017 records
// of data_batch_1, then of data_batch_2, …, so the first n records of each 1 017-record block are the
// first n records of that official batch.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'fflate';
import { CIFAR_RECORD } from '../data/cifarFormat';
import { PUBLIC_DIR } from './testFetch';
import { writeTar } from './testTar';

/**
 * sha256 of the subset's unpacked train.bin and test.bin, as published with it (test-data/README.md).
 * Written here rather than read from the manifest, so that a changed subset fails the tests that
 * read it instead of quietly becoming their new reference.
 */
export const SUBSET_SHA256 = {
  train: '9350d8ad5e080874998a7bfd36d95b7a52ce8d8c676c0061f7b47361669d6585',
  test: 'c77ad46116beb3508f55d38aa34893560beae9515f9aca4a4dd0ea3617ac289e',
} as const;

const cache = new Map<keyof typeof SUBSET_SHA256, Uint8Array>();

function subsetBin(which: keyof typeof SUBSET_SHA256): Uint8Array {
  let bin = cache.get(which);
  if (!bin) {
    const file = join(PUBLIC_DIR, 'cifar10', 'subset', `${which}.bin.gz`);
    bin = gunzipSync(new Uint8Array(readFileSync(file)));
    const sha = createHash('sha256').update(bin).digest('hex');
    if (sha !== SUBSET_SHA256[which]) throw new Error(`${file} unpacks to sha256 ${sha}, not the subset's ${SUBSET_SHA256[which]}`);
    cache.set(which, bin);
  }
  return bin.slice(); // callers may change their copy
}

/** The subset's train.bin: 5 085 real records, the first 1 017 of each official training batch. */
export const subsetTrainBin = (): Uint8Array => subsetBin('train');
/** The subset's test.bin: the first 1 017 records of the official test batch. */
export const subsetTestBin = (): Uint8Array => subsetBin('test');

/** The first `perBatch` records of official batch k (1..5), from the subset's train.bin. */
export function officialBatchHead(train: Uint8Array, k: number, perBatch: number): Uint8Array {
  const start = (k - 1) * 1017 * CIFAR_RECORD;
  return train.slice(start, start + perBatch * CIFAR_RECORD);
}

const META = 'airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n';

/** A cifar-10-binary.tar.gz laid out like the official one, `perBatch` train and `testRecords` test records. */
export function miniOfficialArchive(perBatch = 10, testRecords = 20, opts: { omit?: string } = {}): Uint8Array {
  const train = subsetTrainBin();
  const dir = 'cifar-10-batches-bin/';
  const files = [
    { name: dir },
    { name: `${dir}batches.meta.txt`, bytes: new TextEncoder().encode(META) },
    ...[1, 2, 3, 4, 5].map((k) => ({ name: `${dir}data_batch_${k}.bin`, bytes: officialBatchHead(train, k, perBatch) })),
    { name: `${dir}readme.html`, bytes: new TextEncoder().encode('<meta HTTP-EQUIV="REFRESH" content="0; url=http://www.cs.toronto.edu/~kriz/cifar.html">\n') },
    { name: `${dir}test_batch.bin`, bytes: subsetTestBin().slice(0, testRecords * CIFAR_RECORD) },
  ].filter((f) => !opts.omit || !f.name.endsWith(opts.omit));
  return gzipSync(writeTar(files), { level: 1 });
}

/** The records of `bin` whose label is one of `classes` (at most `max` of them), as one .bin. */
export function recordsOfClasses(bin: Uint8Array, classes: number[], max = Infinity): Uint8Array {
  const keep: number[] = [];
  for (let r = 0; r * CIFAR_RECORD < bin.length && keep.length < max; r++) if (classes.includes(bin[r * CIFAR_RECORD])) keep.push(r);
  const out = new Uint8Array(keep.length * CIFAR_RECORD);
  keep.forEach((r, k) => out.set(bin.subarray(r * CIFAR_RECORD, (r + 1) * CIFAR_RECORD), k * CIFAR_RECORD));
  return out;
}

/** `n` records whose pixels are all 0 (every channel without spread), labels cycling through the ten classes. */
export function allZeroRecords(n: number): Uint8Array {
  const out = new Uint8Array(n * CIFAR_RECORD);
  for (let r = 0; r < n; r++) out[r * CIFAR_RECORD] = r % 10;
  return out;
}
