import { gunzipSync } from 'fflate';
import { DataError } from './types';

/** True when `bytes` start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Gunzips `bytes` if they are gzip, else returns them unchanged: a server that sends `.gz` files with
 * `Content-Encoding: gzip` has already had them decompressed by the browser, so both forms arrive.
 * `name` and `fix` only go into the error.
 */
export function maybeGunzip(bytes: Uint8Array, name = 'the file', fix = 'download the file again'): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new DataError(`${name} is not a valid gzip file (${why}; ${bytes.length} bytes) — corrupt or truncated download?`, fix);
  }
}
