// Test helper: small but real CIFAR-10 archives cut from the shared subset (../shared/data/cifar10).
// train.bin is the first 1 017 records of data_batch_1, then of data_batch_2, …, so the first n
// records of each 1 017-record block are the first n records of that official batch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { CIFAR_RECORD } from '../data/cifarFormat';
import { REPO_ROOT } from './testFetch';
import { writeTar } from './testTar';

export const SHARED_CIFAR = join(REPO_ROOT, '..', 'shared', 'data', 'cifar10');
export const sharedTrainBin = (): Uint8Array => new Uint8Array(readFileSync(join(SHARED_CIFAR, 'train.bin')));
export const sharedTestBin = (): Uint8Array => new Uint8Array(readFileSync(join(SHARED_CIFAR, 'test.bin')));

/** The first `perBatch` records of official batch k (1..5), from the shared train.bin. */
export function officialBatchHead(train: Uint8Array, k: number, perBatch: number): Uint8Array {
  const start = (k - 1) * 1017 * CIFAR_RECORD;
  return train.slice(start, start + perBatch * CIFAR_RECORD);
}

const META = 'airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n';

/** A cifar-10-binary.tar.gz laid out like the official one, `perBatch` train and `testRecords` test records. */
export function miniOfficialArchive(perBatch = 10, testRecords = 20, opts: { omit?: string } = {}): Uint8Array {
  const train = sharedTrainBin();
  const dir = 'cifar-10-batches-bin/';
  const files = [
    { name: dir },
    { name: `${dir}batches.meta.txt`, bytes: new TextEncoder().encode(META) },
    ...[1, 2, 3, 4, 5].map((k) => ({ name: `${dir}data_batch_${k}.bin`, bytes: officialBatchHead(train, k, perBatch) })),
    { name: `${dir}readme.html`, bytes: new TextEncoder().encode('<meta HTTP-EQUIV="REFRESH" content="0; url=http://www.cs.toronto.edu/~kriz/cifar.html">\n') },
    { name: `${dir}test_batch.bin`, bytes: sharedTestBin().slice(0, testRecords * CIFAR_RECORD) },
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
