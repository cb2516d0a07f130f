import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeRgbaPng, toBase64 } from './pngEncode';

describe('PNG encoder', () => {
  it('writes signature, IHDR, zlib scanlines with filter 0 and IEND, with valid CRCs', () => {
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 9, 9, 9, 9]);
    const png = encodeRgbaPng(2, 2, rgba);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer);
    const chunks: { type: string; data: Uint8Array }[] = [];
    for (let o = 8; o < png.length;) {
      const len = view.getUint32(o);
      chunks.push({ type: String.fromCharCode(...png.subarray(o + 4, o + 8)), data: png.subarray(o + 8, o + 8 + len) });
      o += 12 + len;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset);
    expect([ihdr.getUint32(0), ihdr.getUint32(4), chunks[0].data[8], chunks[0].data[9]]).toEqual([2, 2, 8, 6]);
    expect(Array.from(unzlibSync(chunks[1].data))).toEqual([0, ...rgba.slice(0, 8), 0, ...rgba.slice(8)]);
    // CRC of "IEND" with no data is the well-known AE 42 60 82
    expect(Array.from(png.subarray(png.length - 4))).toEqual([0xae, 0x42, 0x60, 0x82]);
    expect(() => encodeRgbaPng(3, 2, rgba)).toThrow();
    expect(toBase64(Uint8Array.from([77, 97, 110]))).toBe('TWFu');
  });
});
