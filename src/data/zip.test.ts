import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DataError } from './types';
import { MAX_ENTRY_BYTES, readZip } from './zip';

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7) & 255);
const readAll = (z: Uint8Array) => {
  const l = readZip(z, 'set.zip');
  return { files: Object.fromEntries(l.entries.map((e) => [e.path, e.read()])), unreadable: l.unreadable };
};
const message = (f: () => unknown): string => {
  try { f(); } catch (e) { if (e instanceof DataError) return e.message; throw e; }
  throw new Error('no DataError');
};

describe('readZip', () => {
  it('reads stored and deflated entries, in nested folders, and leaves folder entries out', () => {
    const a = bytes(5000);
    const b = strToU8('hello '.repeat(500));
    const stored = zipSync({ 'set/cat/1.png': [a, { level: 0 }], 'set/dog/deep/2.txt': b, 'set/empty/': new Uint8Array(0) });
    const { files, unreadable } = readAll(stored);
    expect(Object.keys(files)).toEqual(['set/cat/1.png', 'set/dog/deep/2.txt']);
    expect(files['set/cat/1.png']).toEqual(a);
    expect(files['set/dog/deep/2.txt']).toEqual(b);
    expect(unreadable).toEqual([]);
  });

  it('reads an empty zip and an empty file', () => {
    expect(readZip(zipSync({})).entries).toEqual([]);
    expect(readAll(zipSync({ 'x.png': new Uint8Array(0) })).files['x.png']).toEqual(new Uint8Array(0));
  });

  it('refuses what is not a zip, or is cut short, saying so', () => {
    expect(message(() => readZip(strToU8('just some text, not a zip at all'), 'notes.zip'))).toMatch(/^notes\.zip is not a readable zip: no end-of-directory record/);
    expect(message(() => readZip(new Uint8Array(5), 'tiny.zip'))).toMatch(/shorter than the end record/);
    const z = zipSync({ 'a/1.png': bytes(3000), 'b/2.png': bytes(3000, 2) }, { level: 0 });
    // cut in the middle: the end record (and with it the directory) is gone
    expect(message(() => readZip(z.subarray(0, 4000)))).toMatch(/not a readable zip/);
  });

  it('a damaged entry is refused when read (CRC-32, damaged deflate data), the others still read', () => {
    const z = zipSync({ 'a/1.png': bytes(3000), 'b/2.png': bytes(3000, 2) }, { level: 0 });
    const at = z.indexOf(bytes(3000)[100], 60); // a byte inside the first entry's data
    const bad = z.slice();
    bad[at] ^= 0xff;
    const l = readZip(bad);
    expect(() => l.entries[0].read()).toThrow(/a\/1\.png in the \.zip is corrupt: its checksum/);
    expect(l.entries[1].read()).toEqual(bytes(3000, 2));

    const d = zipSync({ 'a.bin': strToU8('abc'.repeat(3000)) }, { level: 6 });
    const broken = d.slice();
    broken[40] ^= 0x55; // inside the deflate stream (local header 30 + name 5)
    broken[41] ^= 0x55;
    expect(() => readZip(broken).entries[0].read()).toThrow(DataError);
  });

  it('lists encrypted entries and unknown compression methods as unreadable instead of failing', () => {
    const z = zipSync({ 'a.png': [bytes(100), { level: 0 }], 'b.png': [bytes(100), { level: 0 }] });
    const v = new DataView(z.buffer);
    // central directory entries: the flags (encrypted) of the first, the method of the second
    let cd = z.length - 22;
    cd = v.getUint32(cd + 16, true);
    v.setUint16(cd + 8, 1, true);
    const second = cd + 46 + v.getUint16(cd + 28, true) + v.getUint16(cd + 30, true) + v.getUint16(cd + 32, true);
    v.setUint16(second + 10, 14, true); // LZMA
    const l = readZip(z);
    expect(l.entries).toEqual([]);
    expect(l.unreadable.map((u) => u.reason)).toEqual([expect.stringMatching(/^encrypted/), expect.stringMatching(/method 14/)]);
  });

  it('refuses entries whose data overlap (the overlapping-files zip bomb)', () => {
    const z = zipSync({ 'a.png': [bytes(200), { level: 0 }], 'b.png': [bytes(200, 3), { level: 0 }] });
    const v = new DataView(z.buffer);
    const cd = v.getUint32(z.length - 22 + 16, true);
    const second = cd + 46 + v.getUint16(cd + 28, true) + v.getUint16(cd + 30, true) + v.getUint16(cd + 32, true);
    v.setUint32(second + 42, 0, true); // b's local header: the same as a's
    expect(message(() => readZip(z))).toMatch(/overlap/);
  });

  it('refuses an entry that declares more than an image may unpack to, before inflating it', () => {
    const z = zipSync({ 'huge.png': [bytes(100), { level: 0 }] });
    const v = new DataView(z.buffer);
    const cd = v.getUint32(z.length - 22 + 16, true);
    v.setUint32(cd + 24, MAX_ENTRY_BYTES + 1, true);
    expect(() => readZip(z).entries[0].read()).toThrow(/more than an image of the set may/);
  });

  it('stops inflating at the cap when the sizes lie (a small file that unpacks to much more)', () => {
    const z = zipSync({ 'bomb.png': new Uint8Array(32 * 2 ** 20) }, { level: 9 });
    expect(z.length).toBeLessThan(100_000);
    const v = new DataView(z.buffer);
    const cd = v.getUint32(z.length - 22 + 16, true);
    v.setUint32(cd + 24, 1000, true); // declares 1 000 bytes
    expect(() => readZip(z).entries[0].read()).toThrow(/unpacks to more than the 1000 bytes its directory says/);
  });

  it('reads names written as UTF-8 (with or without the flag) and backslashes as folders', () => {
    const z = zipSync({ 'Käse\\1.png': [bytes(10), { level: 0 }], 'chat/été.png': [bytes(10), { level: 0 }] });
    expect(readZip(z).entries.map((e) => e.path)).toEqual(['Käse/1.png', 'chat/été.png']);
  });
});
