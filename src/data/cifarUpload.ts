// What a user can hand the page for CIFAR-10: the official cifar-10-binary.tar.gz (or .tar), or its .bin
// files (data_batch_1..5.bin, test_batch.bin), or our own train.bin / test.bin (also gzipped).
import { formatCount, parseCifarBins } from './cifarFormat';
import { isGzip, maybeGunzip } from './gzip';
import { clip } from '../util/clip';
import { isTar, readTar } from './tar';
import { DataError, type ImageSplit } from './types';

export const CIFAR_UPLOAD_FIX =
  'choose the official binary archive cifar-10-binary.tar.gz (“CIFAR-10 binary version” on the CIFAR-10 page), or its data_batch_1.bin … data_batch_5.bin and test_batch.bin';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export interface CifarBins {
  /** in official order: data_batch_1..5 (those given), or train.bin */
  train: NamedBytes[];
  test: NamedBytes[];
}

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

type Role = { split: 'train'; order: number } | { split: 'test'; order: number };

function roleOf(fileName: string): Role | undefined {
  const m = /^data_batch_([1-5])\.bin$/.exec(fileName);
  if (m) return { split: 'train', order: Number(m[1]) };
  if (fileName === 'test_batch.bin' || fileName === 'test.bin') return { split: 'test', order: 0 };
  if (fileName === 'train.bin') return { split: 'train', order: 0 };
  return undefined;
}

/** The official cifar-10-binary.tar.gz is 170 MB (184 MB unpacked); anything much larger is not it. */
export const MAX_UPLOAD_BYTES = 256 * 2 ** 20;

const mib = (n: number): string => `${Math.round(n / 2 ** 20)} MiB`;

/**
 * Refuses files too large to be CIFAR-10 before they are read: the page calls it with the files'
 * sizes, the parser again with the bytes it got.
 */
export function checkUploadSizes(files: { name: string; size: number }[]): void {
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_UPLOAD_BYTES) {
    throw new DataError(`${clip(files.map((f) => f.name).join(', '))}: ${mib(total)} in all, more than the ${mib(MAX_UPLOAD_BYTES)} the official CIFAR-10 files take — not the right files?`, CIFAR_UPLOAD_FIX);
  }
}

/** The name a gzipped file has once unpacked: x.tar.gz → x.tar, x.tgz → x.tar, x.bin.gz → x.bin. */
const gunzippedName = (name: string): string => name.replace(/\.t?gz$/i, (ext) => (ext.toLowerCase() === '.tgz' ? '.tar' : ''));

/** Unpacks archives and sorts the .bin files into train and test, without parsing the records. */
export function collectCifarBins(files: NamedBytes[]): CifarBins {
  const found: (NamedBytes & { role: Role; base: string })[] = [];
  const ignored: string[] = [];
  for (const file of files) {
    const lower = file.name.toLowerCase();
    if (/cifar-100/.test(lower)) {
      throw new DataError(`${file.name} is CIFAR-100, not CIFAR-10.`, CIFAR_UPLOAD_FIX);
    }
    if (/python|matlab|-py\b|\.mat$/.test(lower)) {
      throw new DataError(`${file.name} looks like the Python or Matlab version of CIFAR-10; the page reads the binary version.`, CIFAR_UPLOAD_FIX);
    }
    const gz = isGzip(file.bytes);
    const plainName = gz ? gunzippedName(file.name) : file.name;
    // the name decides before any inflating: a .gz that cannot be CIFAR-10 costs nothing
    if (gz && !roleOf(baseName(plainName)) && !/\.tar$/i.test(plainName)) {
      ignored.push(file.name);
      continue;
    }
    const plain = gz ? maybeGunzip(file.bytes, file.name, CIFAR_UPLOAD_FIX) : file.bytes;
    if (isTar(plain)) {
      const entries = readTar(plain, file.name, CIFAR_UPLOAD_FIX);
      if (entries.some((e) => /cifar-10-batches-py|data_batch_1$|\.mat$/.test(e.name))) {
        throw new DataError(`${file.name} is the Python or Matlab version of CIFAR-10; the page reads the binary version.`, CIFAR_UPLOAD_FIX);
      }
      for (const e of entries) {
        const role = roleOf(baseName(e.name));
        if (role) found.push({ name: `${file.name}: ${e.name}`, bytes: e.bytes, role, base: baseName(e.name) });
      }
      continue;
    }
    const role = roleOf(baseName(plainName));
    if (role) found.push({ name: file.name, bytes: plain, role, base: baseName(plainName) });
    else ignored.push(file.name);
  }
  if (ignored.length > 0 && found.length === 0) {
    throw new DataError(`${clip(ignored.join(', '))}: not CIFAR-10 binary files (expected names like data_batch_1.bin or test_batch.bin, or the archive).`, CIFAR_UPLOAD_FIX);
  }
  const seen = new Map<string, string>();
  for (const f of found) {
    const other = seen.get(f.base);
    if (other) throw new DataError(`${f.base} was given twice (${other} and ${f.name}); give each file once.`, CIFAR_UPLOAD_FIX);
    seen.set(f.base, f.name);
  }
  const train = found.filter((f) => f.role.split === 'train').sort((a, b) => a.role.order - b.role.order);
  const test = found.filter((f) => f.role.split === 'test');
  if (train.some((f) => f.role.order === 0) && train.length > 1) {
    throw new DataError(`Both train.bin and data_batch_*.bin were given; they hold the same kind of data — give one or the other.`, CIFAR_UPLOAD_FIX);
  }
  if (test.length > 1) throw new DataError(`Both test.bin and test_batch.bin were given; give one test file.`, CIFAR_UPLOAD_FIX);
  if (test.length === 0) {
    throw new DataError(`No test batch: test_batch.bin is missing from ${files.map((f) => f.name).join(', ')}.`, CIFAR_UPLOAD_FIX);
  }
  if (train.length === 0) {
    throw new DataError(`No training batches: data_batch_1.bin … data_batch_5.bin are missing from ${files.map((f) => f.name).join(', ')}.`, CIFAR_UPLOAD_FIX);
  }
  const strip = ({ name, bytes }: NamedBytes): NamedBytes => ({ name, bytes });
  return { train: train.map(strip), test: test.map(strip) };
}

/** Parses what the user dropped on the page; throws a DataError saying what is wrong with it. */
export function parseCifarUpload(files: NamedBytes[]): { train: ImageSplit; test: ImageSplit; description: string } {
  if (files.length === 0) throw new DataError('No file was given.', CIFAR_UPLOAD_FIX);
  checkUploadSizes(files.map((f) => ({ name: f.name, size: f.bytes.length })));
  const bins = collectCifarBins(files);
  const train = parseCifarBins(bins.train, CIFAR_UPLOAD_FIX);
  const test = parseCifarBins(bins.test, CIFAR_UPLOAD_FIX);
  const isFull = train.count === 50000 && test.count === 10000;
  const counts = `${formatCount(train.count)} train / ${formatCount(test.count)} test`;
  const from = files.length === 1 ? files[0].name : `${files.length} files`;
  const description = `CIFAR-10${isFull ? ' full' : ''} (uploaded ${from}): ${counts}`;
  return { train, test, description };
}
