import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CIFAR_RECORD, CIFAR_UPLOAD_FIX, parseCifarBin, parseCifarUpload } from './cifar10';
import { checkUploadSizes } from './cifarUpload';
import { miniOfficialArchive, officialBatchHead, subsetTestBin, subsetTrainBin } from '../testing/cifarFixtures';
import { readTar } from './tar';
import { PUBLIC_DIR } from '../testing/testFetch';
import { writeTar } from '../testing/testTar';
import { DataError } from './types';

const train = subsetTrainBin();
const test = subsetTestBin();

function uploadError(files: { name: string; bytes: Uint8Array }[]): DataError {
  try {
    parseCifarUpload(files);
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).fix).toBe(CIFAR_UPLOAD_FIX);
    return err as DataError;
  }
  throw new Error('expected a DataError');
}

describe('parseCifarUpload: the official archive', () => {
  it('reads a cifar-10-binary.tar.gz built from the real batches, records in official order', () => {
    const up = parseCifarUpload([{ name: 'cifar-10-binary.tar.gz', bytes: miniOfficialArchive(10, 20) }]);
    expect(up.train.count).toBe(50);
    expect(up.test.count).toBe(20);
    expect(up.description).toBe('CIFAR-10 (uploaded cifar-10-binary.tar.gz): 50 train / 20 test');
    // batch 3's first record is sample 20, and round-trips pixel for pixel
    const expected = parseCifarBin(officialBatchHead(train, 3, 1), 'data_batch_3.bin', 'x');
    expect(up.train.labels[20]).toBe(expected.labels[0]);
    expect(Buffer.compare(up.train.images.subarray(20 * 3072, 21 * 3072), expected.images)).toBe(0);
    expect([...up.test.labels]).toEqual([...parseCifarBin(test.subarray(0, 20 * CIFAR_RECORD), 't', 'x').labels]);
  });

  it('reads the uncompressed .tar too', () => {
    const tar = gunzipSync(miniOfficialArchive(2, 3));
    expect(parseCifarUpload([{ name: 'cifar-10-binary.tar', bytes: tar }]).train.count).toBe(10);
  });

  it('a missing test batch', () => {
    expect(uploadError([{ name: 'cifar-10-binary.tar.gz', bytes: miniOfficialArchive(2, 3, { omit: 'test_batch.bin' }) }]).message).toBe(
      'No test batch: test_batch.bin is missing from cifar-10-binary.tar.gz.',
    );
  });

  it('a truncated download', () => {
    const gz = miniOfficialArchive(10, 20);
    expect(uploadError([{ name: 'cifar-10-binary.tar.gz', bytes: gz.subarray(0, gz.length - 5000) }]).message).toMatch(
      /^cifar-10-binary\.tar\.gz is not a valid gzip file \(.*\) — corrupt or truncated download\?$/,
    );
  });

  it('a tar cut short inside a batch', () => {
    const tar = gunzipSync(miniOfficialArchive(10, 20));
    expect(uploadError([{ name: 'cifar-10-binary.tar', bytes: tar.subarray(0, 512 * 40) }]).message).toMatch(
      /^cifar-10-binary\.tar is truncated: its entry "cifar-10-batches-bin\/data_batch_\d\.bin" needs 30730 bytes but the archive ends first\.$/,
    );
  });

  it('a damaged tar header', () => {
    const tar = gunzipSync(miniOfficialArchive(2, 3));
    tar[5] ^= 0x20;
    expect(uploadError([{ name: 'cifar-10-binary.tar', bytes: tar }]).message).toBe(
      'cifar-10-binary.tar is not a valid tar archive: the header at byte 0 has a bad checksum — corrupt or not a tar file.',
    );
  });

  it('a bad label inside an archived batch names the entry and record', () => {
    const batch = officialBatchHead(train, 2, 5);
    batch[3 * CIFAR_RECORD] = 200;
    const tar = writeTar([
      { name: 'cifar-10-batches-bin/data_batch_2.bin', bytes: batch },
      { name: 'cifar-10-batches-bin/test_batch.bin', bytes: test.slice(0, CIFAR_RECORD) },
    ]);
    expect(uploadError([{ name: 'my.tar', bytes: tar }]).message).toBe(
      'my.tar: cifar-10-batches-bin/data_batch_2.bin: record 3 has label 200, outside 0–9 — corrupt, or not a CIFAR-10 binary file.',
    );
  });

  it('the Python version is named as such', () => {
    const tar = writeTar([{ name: 'cifar-10-batches-py/data_batch_1', bytes: new Uint8Array(10) }]);
    expect(uploadError([{ name: 'archive.tar', bytes: tar }]).message).toMatch(/Python or Matlab version/);
  });

  it('the tar reader lists regular files only', () => {
    const names = readTar(gunzipSync(miniOfficialArchive(1, 1)), 'a', 'b').map((e) => e.name);
    expect(names).toEqual([
      'cifar-10-batches-bin/batches.meta.txt',
      ...[1, 2, 3, 4, 5].map((k) => `cifar-10-batches-bin/data_batch_${k}.bin`),
      'cifar-10-batches-bin/readme.html',
      'cifar-10-batches-bin/test_batch.bin',
    ]);
  });
});

describe('parseCifarUpload: loose .bin files', () => {
  it('data_batch_k.bin in any order go to train in batch order; test_batch.bin to test', () => {
    const up = parseCifarUpload([
      { name: 'test_batch.bin', bytes: test.slice(0, 7 * CIFAR_RECORD) },
      { name: 'data_batch_3.bin', bytes: officialBatchHead(train, 3, 4) },
      { name: 'data_batch_1.bin', bytes: officialBatchHead(train, 1, 4) },
    ]);
    expect([up.train.count, up.test.count]).toEqual([8, 7]);
    expect(up.train.labels[0]).toBe(train[0]);
    expect(up.train.labels[4]).toBe(train[2 * 1017 * CIFAR_RECORD]);
    expect(up.description).toBe('CIFAR-10 (uploaded 3 files): 8 train / 7 test');
  });

  it("our own train.bin / test.bin (the real subset), plain or gzipped", () => {
    const up = parseCifarUpload([
      { name: 'train.bin', bytes: train },
      { name: 'test.bin.gz', bytes: new Uint8Array(readFileSync(join(PUBLIC_DIR, 'cifar10', 'subset', 'test.bin.gz'))) },
    ]);
    expect([up.train.count, up.test.count]).toEqual([5085, 1017]);
  });

  it('a .gz whose name is not a CIFAR-10 file is not inflated at all', () => {
    // broken deflate data: inflating it would fail with a gzip error instead of naming the file
    const notCifar = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(uploadError([{ name: 'notes.txt.gz', bytes: notCifar }]).message).toBe(
      'notes.txt.gz: not CIFAR-10 binary files (expected names like data_batch_1.bin or test_batch.bin, or the archive).',
    );
  });

  it('files larger in total than the official set are refused before any parsing', () => {
    const files = [{ name: 'a.bin', size: 200 * 2 ** 20 }, { name: 'b.bin', size: 100 * 2 ** 20 }];
    expect(() => checkUploadSizes(files)).toThrow(
      new DataError('a.bin, b.bin: 300 MiB in all, more than the 256 MiB the official CIFAR-10 files take — not the right files?', CIFAR_UPLOAD_FIX),
    );
    expect(() => checkUploadSizes([{ name: 'cifar-10-binary.tar.gz', size: 170_052_171 }])).not.toThrow();
  });

  it('a wrong file', () => {
    expect(uploadError([{ name: 'photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) }]).message).toBe(
      'photo.jpg: not CIFAR-10 binary files (expected names like data_batch_1.bin or test_batch.bin, or the archive).',
    );
  });

  it('training batches without a test batch', () => {
    expect(uploadError([{ name: 'data_batch_1.bin', bytes: officialBatchHead(train, 1, 2) }]).message).toBe(
      'No test batch: test_batch.bin is missing from data_batch_1.bin.',
    );
  });

  it('a truncated batch', () => {
    expect(
      uploadError([
        { name: 'data_batch_1.bin', bytes: officialBatchHead(train, 1, 2).subarray(0, 5000) },
        { name: 'test_batch.bin', bytes: test.slice(0, CIFAR_RECORD) },
      ]).message,
    ).toBe('data_batch_1.bin is 5000 bytes, not a whole number of 3 073-byte records — truncated?');
  });
});
