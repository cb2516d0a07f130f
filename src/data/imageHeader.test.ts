import { describe, expect, it } from 'vitest';
import { pngOf } from '../testing/ownImagesFixtures';
import { MAX_IMAGE_PIXELS, readImageHeader, skipByName } from './imageHeader';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const cat = (...parts: (Uint8Array | number[])[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const le16 = (n: number) => [n & 255, n >> 8];
const be16 = (n: number) => [n >> 8, n & 255];
const le32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];

/** A JPEG's start: SOI, an APP0 segment, then a baseline frame header of w×h. */
const jpeg = (w: number, h: number) => cat([0xff, 0xd8], [0xff, 0xe0], be16(16), ascii('JFIF\0'), new Uint8Array(9), [0xff, 0xc0], be16(17), [8], be16(h), be16(w), [3]);

describe('readImageHeader', () => {
  it('reads the size of PNG, JPEG (past other segments), GIF, BMP and the three WebP kinds', () => {
    expect(readImageHeader(pngOf(new Uint8Array(48 * 40 * 3), 48, 40))).toEqual({ ok: true, header: { format: 'png', width: 48, height: 40 } });
    expect(readImageHeader(jpeg(640, 480))).toEqual({ ok: true, header: { format: 'jpeg', width: 640, height: 480 } });
    expect(readImageHeader(cat(ascii('GIF89a'), le16(7), le16(9), [0, 0, 0]))).toEqual({ ok: true, header: { format: 'gif', width: 7, height: 9 } });
    const bmp = (h: number) => cat(ascii('BM'), new Uint8Array(12), le32(40), le32(5), le32(h), new Uint8Array(8));
    expect(readImageHeader(bmp(-6))).toEqual({ ok: true, header: { format: 'bmp', width: 5, height: 6 } }); // top-down rows
    const riff = (chunk: string, body: number[]) => cat(ascii('RIFF'), le32(100), ascii('WEBP'), ascii(chunk), le32(body.length), body);
    expect(readImageHeader(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(320), ...le16(200)]))).toMatchObject({ header: { width: 320, height: 200 } });
    const bits = (320 - 1) | ((200 - 1) << 14);
    expect(readImageHeader(riff('VP8L', [0x2f, ...le32(bits), 0]))).toMatchObject({ header: { width: 320, height: 200 } });
    expect(readImageHeader(riff('VP8X', [0, 0, 0, 0, 319 & 255, 319 >> 8, 0, 199, 0, 0]))).toMatchObject({ header: { width: 320, height: 200 } });
  });

  it('reads a JPEG\'s EXIF orientation (either byte order), which decoders turn the image by', () => {
    const exif = (le: boolean, orientation: number) => {
      const u16 = (n: number) => (le ? le16(n) : be16(n));
      const tiff = [...ascii(le ? 'II' : 'MM'), ...u16(42), ...(le ? le32(8) : [0, 0, 0, 8]), ...u16(1), ...u16(0x0112), ...u16(3), ...(le ? le32(1) : [0, 0, 0, 1]), ...u16(orientation), 0, 0];
      const body = [...ascii('Exif\0\0'), ...tiff];
      return cat([0xff, 0xd8], [0xff, 0xe1], be16(body.length + 2), body, [0xff, 0xc0], be16(17), [8], be16(480), be16(640), [3]);
    };
    expect(readImageHeader(exif(true, 6))).toEqual({ ok: true, header: { format: 'jpeg', width: 640, height: 480, orientation: 6 } });
    expect(readImageHeader(exif(false, 3))).toMatchObject({ header: { orientation: 3 } });
    expect(readImageHeader(jpeg(640, 480))).toEqual({ ok: true, header: { format: 'jpeg', width: 640, height: 480 } }); // none: upright
  });

  it('skips what is not an image, is cut short, or decodes to an absurd size, with why', () => {
    expect(readImageHeader(new Uint8Array(0))).toEqual({ ok: false, reason: 'empty file' });
    expect(readImageHeader(ascii('hello, these are notes'))).toMatchObject({ ok: false, reason: expect.stringMatching(/^not an image/) });
    expect(readImageHeader(pngOf(new Uint8Array(3), 1, 1).subarray(0, 20))).toMatchObject({ reason: expect.stringMatching(/truncated or corrupt/) });
    expect(readImageHeader(jpeg(640, 480).subarray(0, 24))).toMatchObject({ reason: expect.stringMatching(/without a frame header/) });
    expect(readImageHeader(jpeg(0, 480))).toMatchObject({ reason: expect.stringMatching(/0×480 pixels \(corrupt\)/) });
    expect(readImageHeader(jpeg(60000, 60000))).toMatchObject({ reason: expect.stringMatching(/decodes to 60000×60000 pixels.*resize it/) });
    const side = Math.ceil(Math.sqrt(MAX_IMAGE_PIXELS)) + 1;
    expect(readImageHeader(jpeg(side, side))).toMatchObject({ ok: false });
  });
});

describe('skipByName', () => {
  it('skips notes, archives and image formats the page does not read; reads anything else', () => {
    expect(skipByName('cat/notes.TXT')).toMatch(/^not an image/);
    expect(skipByName('cat/more.zip')).toMatch(/archive inside the set/);
    expect(skipByName('cat/IMG_0001.HEIC')).toMatch(/a HEIC image: .*convert it/);
    expect(skipByName('cat/1.jpg')).toBeNull();
    expect(skipByName('cat/no-extension')).toBeNull();
  });
});
