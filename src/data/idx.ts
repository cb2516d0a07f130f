// Parser for the idx format of the original MNIST files (LeCun et al.):
//   magic (u32 BE: 0x00000803 = 2051 for 3-D ubyte images, 0x00000801 = 2049 for 1-D ubyte labels),
//   then one u32 BE size per dimension, then the ubyte data, row-major.
import { DataError } from './types';

export const IDX_IMAGES_MAGIC = 2051;
export const IDX_LABELS_MAGIC = 2049;

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count×rows×cols bytes, a view into the input (no copy) */
  pixels: Uint8Array;
}

function header(bytes: Uint8Array, name: string, fix: string, expectedMagic: number, headerBytes: number): DataView {
  if (bytes.length < headerBytes) {
    throw new DataError(`${name} is ${bytes.length} bytes, shorter than its ${headerBytes}-byte idx header — truncated or empty file.`, fix);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== expectedMagic) {
    const kind = expectedMagic === IDX_IMAGES_MAGIC ? 'idx3 image' : 'idx1 label';
    throw new DataError(
      `${name} has magic number ${magic} (0x${magic.toString(16).padStart(8, '0')}), expected ${expectedMagic} for an ${kind} file — not the right file, or corrupt.`,
      fix,
    );
  }
  return view;
}

function checkSize(bytes: Uint8Array, expected: number, name: string, fix: string, what: string): void {
  if (bytes.length === expected) return;
  const problem = bytes.length < expected ? 'is truncated' : `has ${bytes.length - expected} extra bytes at the end`;
  throw new DataError(`${name} is ${bytes.length} bytes but its header (${what}) needs exactly ${expected} — the file ${problem}.`, fix);
}

/** Parses an idx3-ubyte image file; `name` (the file name) and `fix` go into every error. */
export function parseIdxImages(bytes: Uint8Array, name: string, fix: string): IdxImages {
  const view = header(bytes, name, fix, IDX_IMAGES_MAGIC, 16);
  const count = view.getUint32(4);
  const rows = view.getUint32(8);
  const cols = view.getUint32(12);
  if (rows === 0 || cols === 0) throw new DataError(`${name} declares ${rows}×${cols} images — corrupt header.`, fix);
  checkSize(bytes, 16 + count * rows * cols, name, fix, `${count} images of ${rows}×${cols}`);
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

/** Parses an idx1-ubyte label file and checks every label is a class index below `numClasses`. */
export function parseIdxLabels(bytes: Uint8Array, name: string, fix: string, numClasses = 10): Uint8Array {
  const view = header(bytes, name, fix, IDX_LABELS_MAGIC, 8);
  const count = view.getUint32(4);
  checkSize(bytes, 8 + count, name, fix, `${count} labels`);
  const labels = bytes.subarray(8);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= numClasses) {
      throw new DataError(`${name}: label ${labels[i]} at index ${i} is outside 0–${numClasses - 1} — corrupt file.`, fix);
    }
  }
  return labels;
}

/** Checks an image file and its label file describe the same number of samples. */
export function checkIdxPair(images: IdxImages, labels: Uint8Array, imagesName: string, labelsName: string, fix: string): void {
  if (images.count !== labels.length) {
    throw new DataError(
      `${imagesName} holds ${images.count} images but ${labelsName} holds ${labels.length} labels — the two files do not belong together.`,
      fix,
    );
  }
}
