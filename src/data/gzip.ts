import { Inflate } from 'fflate';
import { DataError } from './types';
import { crc32 } from '../util/crc32';

/**
 * The most a .gz may unpack to: the official CIFAR-10 tar is 184 MB, MNIST's largest file 47 MB.
 * Output is counted while inflating, so a small file that unpacks to gigabytes stops here.
 */
export const MAX_GUNZIP_BYTES = 256 * 2 ** 20;

/** Input handed to the inflater at a time: bounds what one step can produce (deflate expands at most ~1 000×). */
const CHUNK = 64 * 1024;

/** True when `bytes` start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const mib = (n: number): string => `${Math.round(n / 2 ** 20)} MiB`;

/** Where the deflate data starts, after the RFC 1952 header and its optional fields. */
function headerEnd(bytes: Uint8Array, bad: (why: string) => DataError): number {
  if (bytes.length < 18) throw bad(`only ${bytes.length} bytes, shorter than a gzip header and trailer`);
  if (bytes[2] !== 8) throw bad(`compression method ${bytes[2]}, expected 8 (deflate)`);
  const flags = bytes[3];
  let at = 10;
  if (flags & 4) at += 2 + (bytes[10] | (bytes[11] << 8)); // FEXTRA
  for (const bit of [8, 16]) { // FNAME, FCOMMENT: zero-terminated
    if (!(flags & bit)) continue;
    while (at < bytes.length && bytes[at] !== 0) at++;
    at++;
  }
  if (flags & 2) at += 2; // FHCRC
  if (at > bytes.length - 8) throw bad('its header runs into the trailer');
  return at;
}

/**
 * Gunzips `bytes` if they are gzip, else returns them unchanged: a server that sends `.gz` files with
 * `Content-Encoding: gzip` has already had them decompressed by the browser, so both forms arrive.
 * Single-member gzip (what gzip and tar write). The trailer's size is checked, never used to
 * allocate; the output is capped at `maxBytes` and its CRC-32 checked. `name` and `fix` only go into
 * the error.
 */
export function maybeGunzip(bytes: Uint8Array, name = 'the file', fix = 'download the file again', maxBytes = MAX_GUNZIP_BYTES): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  const corrupt = (why: string) => new DataError(`${name} is not a valid gzip file: ${why} — corrupt or truncated download?`, fix);
  const start = headerEnd(bytes, corrupt);
  const end = bytes.length - 8;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) tooBig = true;
    else chunks.push(chunk);
  });
  try {
    for (let at = start; at < end && !tooBig; at += CHUNK) {
      const stop = Math.min(at + CHUNK, end);
      inflater.push(bytes.subarray(at, stop), stop === end);
    }
    if (start === end) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new DataError(`${name} is not a valid gzip file (${why}; ${bytes.length} bytes) — corrupt or truncated download?`, fix);
  }
  if (tooBig) throw new DataError(`${name} unpacks to more than ${mib(maxBytes)}, more than any CIFAR-10 or MNIST file — not the right file?`, fix);
  const trailer = new DataView(bytes.buffer, bytes.byteOffset + end, 8);
  const isize = trailer.getUint32(4, true);
  if (isize !== total % 2 ** 32) throw corrupt(`its trailer says ${isize} bytes but it holds ${total}`);
  if (trailer.getUint32(0, true) !== crc32(...chunks)) throw corrupt('its checksum (CRC-32) does not match its contents');
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
