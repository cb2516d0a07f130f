import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dataError } from '../testing/testErrors';
import { maybeGunzip } from './gzip';

/** A 23-byte gzip file (empty deflate stream) whose trailer claims `isize` bytes of output. */
function lyingTrailer(isize: number): Uint8Array {
  const gz = gzipSync(new Uint8Array(0));
  new DataView(gz.buffer, gz.byteOffset, gz.byteLength).setUint32(gz.length - 4, isize, true);
  return gz;
}

describe('maybeGunzip', () => {
  it('gunzips a real gzip file and passes other bytes through', () => {
    const data = new Uint8Array(100_000).map((_, i) => (i * 7) % 251);
    expect(maybeGunzip(gzipSync(data))).toEqual(data);
    expect(maybeGunzip(data)).toBe(data);
  });

  it('does not trust the trailer size for allocation: a 23-byte file claiming 2 GiB is refused cheaply', () => {
    const gz = lyingTrailer(0x8000_0000);
    expect(gz.length).toBe(20); // fflate writes no file name: 10 header + 2 deflate + 8 trailer
    const t0 = performance.now();
    const err = dataError(() => maybeGunzip(gz, 'evil.gz', 'fix'));
    expect(performance.now() - t0).toBeLessThan(200);
    expect(err.message).toBe('evil.gz is not a valid gzip file: its trailer says 2147483648 bytes but it holds 0 — corrupt or truncated download?');
  });

  it('refuses output past the size limit while inflating, before holding it all', () => {
    const bomb = gzipSync(new Uint8Array(8 << 20)); // 8 MiB of zeros in a few KiB
    expect(bomb.length).toBeLessThan(20_000);
    expect(dataError(() => maybeGunzip(bomb, 'bomb.gz', 'fix', 1 << 20)).message).toBe(
      'bomb.gz unpacks to more than 1 MiB, more than any CIFAR-10 or MNIST file — not the right file?',
    );
    expect(maybeGunzip(bomb, 'bomb.gz', 'fix', 8 << 20)).toHaveLength(8 << 20);
  });

  it('checks the CRC', () => {
    const gz = gzipSync(new Uint8Array(1000).fill(3));
    gz[gz.length - 8] ^= 0xff;
    expect(dataError(() => maybeGunzip(gz, 'x.gz', 'fix')).message).toBe(
      'x.gz is not a valid gzip file: its checksum (CRC-32) does not match its contents — corrupt or truncated download?',
    );
  });

  it('a truncated file says so', () => {
    const gz = gzipSync(new Uint8Array(100_000).map((_, i) => (i * 13) % 256));
    expect(dataError(() => maybeGunzip(gz.subarray(0, gz.length - 500), 'cut.gz', 'fix')).message).toMatch(
      /^cut\.gz is not a valid gzip file \(.*\) — corrupt or truncated download\?$/,
    );
  });

  it('reads a header with a file name and comment', () => {
    const data = new Uint8Array([1, 2, 3]);
    const gz = gzipSync(data, { filename: 'train.bin' });
    expect(maybeGunzip(gz)).toEqual(data);
  });
});
