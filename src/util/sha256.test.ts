import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from './sha256';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const node = (...parts: Uint8Array[]) => { const h = createHash('sha256'); for (const p of parts) h.update(p); return h.digest('hex'); };

describe('sha256', () => {
  it('matches Node\'s crypto at every length around the block and padding boundaries', () => {
    for (const n of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70_000]) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 255);
      expect(hex(sha256(b)), `length ${n}`).toBe(node(b));
    }
  });

  it('hashes parts as one stream, however they are cut', () => {
    const b = Uint8Array.from({ length: 300 }, (_, i) => i & 255);
    expect(hex(sha256(b.subarray(0, 7), b.subarray(7, 200), new Uint8Array(0), b.subarray(200)))).toBe(node(b));
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
