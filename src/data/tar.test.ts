import { describe, expect, it } from 'vitest';
import { runBounded } from '../testing/bounded';
import { dataError } from '../testing/testErrors';
import { writeTar } from '../testing/testTar';
import { readTar } from './tar';

/** Rewrites an entry's size field (and the header checksum, so only the size is wrong). */
function withSizeField(tar: Uint8Array, headerAt: number, field: string): Uint8Array {
  const out = tar.slice();
  const h = out.subarray(headerAt, headerAt + 512);
  h.fill(0, 124, 136);
  h.set(new TextEncoder().encode(field), 124);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
  return out;
}

const archive = () => writeTar([{ name: 'a.bin', bytes: new Uint8Array(700).fill(7) }, { name: 'b.bin', bytes: new Uint8Array(10) }]);

describe('readTar', () => {
  it('reads what writeTar wrote', () => {
    const entries = readTar(archive(), 'x.tar', 'fix');
    expect(entries.map((e) => [e.name, e.bytes.length])).toEqual([['a.bin', 700], ['b.bin', 10]]);
  });

  it('a negative size is refused instead of looping forever', async () => {
    const bad = withSizeField(archive(), 0, '-0001000\0');
    const r = await runBounded(new URL('./tar.ts', import.meta.url), 'readTar', [bad, 'evil.tar', 'fix'], 5000);
    expect(r).toEqual({ kind: 'threw', name: 'DataError', message: 'evil.tar is not a valid tar archive: the entry "a.bin" has a malformed size field "-0001000".' });
  });

  it.each(['12x\0', '0x10\0', '1e3\0', '+17\0', '8\0'])('a size field %j that is not octal digits is refused', (field) => {
    expect(dataError(() => readTar(withSizeField(archive(), 0, field), 'x.tar', 'fix')).message).toMatch(/has a malformed size field/);
  });

  it('a base-256 size with the sign bit (negative) is refused', () => {
    const bad = archive();
    const h = bad.subarray(0, 512);
    h.fill(0xff, 124, 136);
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    expect(dataError(() => readTar(bad, 'x.tar', 'fix')).message).toMatch(/has a malformed size field/);
  });

  it('space- and NUL-padded octal sizes (as other tar writers pad them) are accepted', () => {
    const entries = readTar(withSizeField(archive(), 0, '     1274 \0'), 'x.tar', 'fix');
    expect(entries[0].bytes.length).toBe(700);
  });
});
