import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeRgbaPng } from '../../src/export/pngEncode';
import { assembleApng, pngChunks } from './apng';

const frame = (v: number): Uint8Array => encodeRgbaPng(2, 2, Uint8Array.from({ length: 16 }, (_, i) => (i * 17 + v) % 256));
const u32 = (d: Uint8Array, at = 0): number => new DataView(d.buffer, d.byteOffset, d.byteLength).getUint32(at);
const u16 = (d: Uint8Array, at: number): number => new DataView(d.buffer, d.byteOffset, d.byteLength).getUint16(at);

describe('assembleApng', () => {
  it('keeps frame 0 as IDAT, turns the others into numbered fdAT chunks, and counts frames and plays', () => {
    const pngs = [frame(0), frame(50), frame(100)];
    const apng = assembleApng([{ png: pngs[0], delayMs: 100 }, { png: pngs[1], delayMs: 250 }, { png: pngs[2], delayMs: 2000 }]);
    const chunks = pngChunks(apng); // checks every CRC
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'acTL', 'fcTL', 'IDAT', 'fcTL', 'fdAT', 'fcTL', 'fdAT', 'IEND']);
    expect([u32(chunks[1].data, 0), u32(chunks[1].data, 4)]).toEqual([3, 0]);

    const controls = chunks.filter((c) => c.type === 'fcTL');
    expect(controls.map((c) => u32(c.data, 0))).toEqual([0, 1, 3]); // one sequence for fcTL and fdAT; IDAT takes none
    expect(controls.map((c) => [u32(c.data, 4), u32(c.data, 8)])).toEqual([[2, 2], [2, 2], [2, 2]]);
    expect(controls.map((c) => u16(c.data, 20) / u16(c.data, 22))).toEqual([0.1, 0.25, 2]);
    const data = chunks.filter((c) => c.type === 'fdAT');
    expect(data.map((c) => u32(c.data, 0))).toEqual([2, 4]);

    // each frame's pixels travel unchanged: the same zlib stream as in its own PNG
    const idatOf = (png: Uint8Array): Uint8Array => pngChunks(png).find((c) => c.type === 'IDAT')!.data;
    expect(unzlibSync(chunks[3].data)).toEqual(unzlibSync(idatOf(pngs[0])));
    expect(unzlibSync(data[0].data.subarray(4))).toEqual(unzlibSync(idatOf(pngs[1])));
    expect(unzlibSync(data[1].data.subarray(4))).toEqual(unzlibSync(idatOf(pngs[2])));
    expect(unzlibSync(data[0].data.subarray(4))).not.toEqual(unzlibSync(idatOf(pngs[0])));
  });

  it('refuses frames of another size, and a PNG with a broken CRC', () => {
    const other = encodeRgbaPng(3, 2, new Uint8Array(24));
    expect(() => assembleApng([{ png: frame(0), delayMs: 100 }, { png: other, delayMs: 100 }])).toThrow(/frame 1: its IHDR/);
    const broken = frame(0).slice();
    broken[20] ^= 1; // inside IHDR's data
    expect(() => pngChunks(broken)).toThrow(/IHDR .* wrong CRC/);
    expect(() => assembleApng([])).toThrow(/at least one frame/);
  });
});
