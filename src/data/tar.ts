// A small reader for tar archives (POSIX ustar, with the GNU and pax long-name extensions), enough for
// the official cifar-10-binary.tar.gz. 512-byte blocks: a header block, then the file's data padded to
// a whole block; two zero blocks end the archive.
import { clip } from '../util/clip';
import { DataError } from './types';

export interface TarEntry {
  /** path inside the archive, e.g. "cifar-10-batches-bin/data_batch_1.bin" */
  name: string;
  /** a view into the archive bytes (no copy) */
  bytes: Uint8Array;
}

const BLOCK = 512;
const ascii = new TextDecoder('latin1');
const utf8 = new TextDecoder();

function text(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return utf8.decode(end < 0 ? field : field.subarray(0, end));
}

/**
 * A numeric header field: octal digits padded with spaces or NULs, or GNU base-256 (top bit of the
 * first byte set) for sizes of 8 GiB and more. Anything else — a sign, a non-octal digit, a negative
 * base-256 value — is undefined: a size taken on trust could move the reader backwards forever.
 */
function octal(block: Uint8Array, start: number, length: number): number | undefined {
  const first = block[start];
  if (first & 0x80) {
    if (first & 0x40) return undefined; // base-256 with the sign bit: negative
    let n = first & 0x3f;
    for (let i = 1; i < length; i++) n = n * 256 + block[start + i];
    return Number.isSafeInteger(n) ? n : undefined;
  }
  const s = ascii.decode(block.subarray(start, start + length)).replace(/[\0 ]+$/, '').replace(/^ +/, '');
  if (s === '') return 0;
  return /^[0-7]+$/.test(s) ? parseInt(s, 8) : undefined;
}

/** True when `bytes` start with a tar header ("ustar" magic at offset 257). */
export function isTar(bytes: Uint8Array): boolean {
  return bytes.length >= BLOCK && ascii.decode(bytes.subarray(257, 262)) === 'ustar';
}

/**
 * Lists the regular files of a tar archive; directories, links and other entries are skipped.
 * `name` (of the archive) and `fix` go into the DataError thrown for a corrupt or truncated archive.
 */
export function readTar(bytes: Uint8Array, name: string, fix: string): TarEntry[] {
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  let offset = 0;
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return entries; // end-of-archive marker
    const stored = octal(header, 148, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
    if (sum !== stored) {
      throw new DataError(`${name} is not a valid tar archive: the header at byte ${offset} has a bad checksum — corrupt or not a tar file.`, fix);
    }
    const size = octal(header, 124, 12);
    if (size === undefined) {
      const field = ascii.decode(header.subarray(124, 136)).replace(/[\0 ]+$/, '');
      throw new DataError(`${name} is not a valid tar archive: the entry "${clip(text(header, 0, 100))}" has a malformed size field ${JSON.stringify(clip(field))}.`, fix);
    }
    const type = String.fromCharCode(header[156] || 0x30);
    const dataStart = offset + BLOCK;
    if (dataStart + size > bytes.length) {
      throw new DataError(`${name} is truncated: its entry "${clip(text(header, 0, 100))}" needs ${size} bytes but the archive ends first.`, fix);
    }
    const data = bytes.subarray(dataStart, dataStart + size);
    if (type === 'L') {
      longName = text(data, 0, data.length); // GNU: the next entry's full name
    } else if (type === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(utf8.decode(data));
      if (path) longName = path[1];
    } else {
      const prefix = text(header, 345, 155);
      const entryName = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
      longName = undefined;
      if (type === '0' || type === '7') entries.push({ name: entryName, bytes: data });
    }
    // every step moves forward by at least the header block, whatever the size field said
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  // GNU tar always writes the two zero blocks; an archive that stops without them was cut short.
  throw new DataError(`${name} is truncated: the tar archive ends without its end-of-archive marker.`, fix);
}
