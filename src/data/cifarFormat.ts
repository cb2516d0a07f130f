// The official CIFAR-10 binary format (Krizhevsky, 2009): records of 1 label byte + 3 072 pixel bytes,
// 1 024 red, then 1 024 green, then 1 024 blue, each channel row-major 32×32.
import { channelStats } from './stats';
import { DataError, type Dataset, type ImageSplit } from './types';

export const CIFAR_SIDE = 32;
export const CIFAR_PIXELS = CIFAR_SIDE * CIFAR_SIDE;
export const CIFAR_RECORD = 1 + 3 * CIFAR_PIXELS; // 3 073
export const CIFAR10_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** "50000" -> "50 000" with a no-break space, the way the UI writes counts. */
export const formatCount = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

/** Checks a .bin file's size and labels without converting it; returns the record count. */
export function validateCifarBin(bytes: Uint8Array, name: string, fix: string): number {
  if (bytes.length % CIFAR_RECORD !== 0) {
    // CIFAR-100's binary records carry two label bytes: the most likely wrong file, so say so.
    const hint = bytes.length % (CIFAR_RECORD + 1) === 0 ? ' (its size fits CIFAR-100’s 3 074-byte records — the wrong dataset?)' : '';
    throw new DataError(`${name} is ${bytes.length} bytes, not a whole number of 3 073-byte records — truncated?${hint}`, fix);
  }
  const count = bytes.length / CIFAR_RECORD;
  if (count === 0) throw new DataError(`${name} is empty: it holds no CIFAR-10 records.`, fix);
  for (let r = 0; r < count; r++) {
    const label = bytes[r * CIFAR_RECORD];
    if (label > 9) {
      throw new DataError(`${name}: record ${r} has label ${label}, outside 0–9 — corrupt, or not a CIFAR-10 binary file.`, fix);
    }
  }
  return count;
}

/**
 * Parses one or more .bin files (in order) into one split, pixels converted from the format's
 * channel-major planes to our sample-major HWC layout.
 */
export function parseCifarBins(files: { name: string; bytes: Uint8Array }[], fix: string): ImageSplit {
  const counts = files.map((f) => validateCifarBin(f.bytes, f.name, fix));
  const count = counts.reduce((a, b) => a + b, 0);
  const images = new Uint8Array(count * 3 * CIFAR_PIXELS);
  const labels = new Uint8Array(count);
  let sample = 0;
  files.forEach((file, i) => {
    const src = file.bytes;
    for (let r = 0; r < counts[i]; r++, sample++) {
      const rec = r * CIFAR_RECORD;
      labels[sample] = src[rec];
      const out = sample * 3 * CIFAR_PIXELS;
      for (let p = 0; p < CIFAR_PIXELS; p++) {
        images[out + 3 * p] = src[rec + 1 + p];
        images[out + 3 * p + 1] = src[rec + 1 + CIFAR_PIXELS + p];
        images[out + 3 * p + 2] = src[rec + 1 + 2 * CIFAR_PIXELS + p];
      }
    }
  });
  return { images, labels, count };
}

export const parseCifarBin = (bytes: Uint8Array, name: string, fix: string): ImageSplit => parseCifarBins([{ name, bytes }], fix);

/** Wraps two parsed splits as a Dataset; the normalisation constants come from the training pixels. */
export function cifarDataset(train: ImageSplit, test: ImageSplit, description: string): Dataset {
  const { mean, std } = channelStats(train.images, 3);
  return {
    id: 'cifar10',
    description,
    height: CIFAR_SIDE,
    width: CIFAR_SIDE,
    channels: 3,
    classNames: [...CIFAR10_CLASSES],
    mean,
    std,
    train,
    test,
  };
}
