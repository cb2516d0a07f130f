/**
 * Animated PNG (APNG) from a series of PNG files of the same size and pixel format, e.g. screenshots
 * of one element at successive training steps. An APNG frame's image data is the same zlib stream as
 * a plain PNG's IDAT for the same IHDR, so the frames are taken over as they are, without decoding:
 * the first frame's IDAT stays IDAT (what a viewer without APNG support shows), the others become
 * fdAT chunks, each announced by an fcTL chunk (format: the APNG specification, W3C PNG 3rd edition).
 */
import { crc32 } from '../../src/util/crc32';

export interface PngChunk { type: string; data: Uint8Array }

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chunks of a PNG file, with their CRCs checked. */
export function pngChunks(png: Uint8Array): PngChunk[] {
  if (png.length < 8 || SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG file (wrong signature)');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: PngChunk[] = [];
  for (let at = 8; at < png.length;) {
    if (at + 12 > png.length) throw new Error(`PNG truncated at byte ${at}`);
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (at + 12 + length > png.length) throw new Error(`PNG chunk ${type} at byte ${at} runs past the end`);
    const data = png.subarray(at + 8, at + 8 + length);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) throw new Error(`PNG chunk ${type} at byte ${at} has a wrong CRC`);
    chunks.push({ type, data });
    at += 12 + length;
  }
  return chunks;
}

function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const u32 = (...values: number[]): Uint8Array => {
  const out = new Uint8Array(4 * values.length);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(4 * i, v));
  return out;
};

/** fcTL: the frame covers the whole canvas, shows for delayMs, and replaces the previous frame. */
function frameControl(sequence: number, width: number, height: number, delayMs: number): Uint8Array {
  const data = new Uint8Array(26);
  const view = new DataView(data.buffer);
  view.setUint32(0, sequence);
  view.setUint32(4, width);
  view.setUint32(8, height);
  view.setUint32(12, 0); // x offset
  view.setUint32(16, 0); // y offset
  view.setUint16(20, Math.round(delayMs)); // delay numerator …
  view.setUint16(22, 1000); // … over 1000: milliseconds
  data[24] = 0; // dispose: none (the next frame covers everything)
  data[25] = 0; // blend: source (replace, alpha included)
  return encodeChunk('fcTL', data);
}

export interface ApngFrame {
  png: Uint8Array;
  /** how long the frame stays, in milliseconds (at most 65 535) */
  delayMs: number;
}

/**
 * One APNG from the frames, looping forever (plays = 0) or `plays` times. Every frame must have the
 * first frame's IHDR (size, bit depth, colour type, interlace); frames with a palette or other
 * ancillary chunks are refused rather than silently shown with the first frame's.
 */
export function assembleApng(frames: ApngFrame[], plays = 0): Uint8Array {
  if (frames.length === 0) throw new Error('an APNG needs at least one frame');
  const parsed = frames.map((f, i) => {
    const chunks = pngChunks(f.png);
    if (chunks[0]?.type !== 'IHDR') throw new Error(`frame ${i}: the first chunk is ${chunks[0]?.type}, not IHDR`);
    const other = chunks.filter((c) => !['IHDR', 'IDAT', 'IEND'].includes(c.type) && c.type !== 'sRGB' && c.type !== 'gAMA' && c.type !== 'pHYs');
    if (other.length > 0) throw new Error(`frame ${i}: chunk ${other[0].type} cannot be carried into an APNG frame`);
    if (!(f.delayMs >= 0 && f.delayMs <= 0xffff)) throw new Error(`frame ${i}: delay ${f.delayMs} ms is outside 0–65 535`);
    return { ihdr: chunks[0].data, idat: chunks.filter((c) => c.type === 'IDAT').map((c) => c.data), delayMs: f.delayMs };
  });
  const ihdr = parsed[0].ihdr;
  parsed.forEach((p, i) => {
    if (p.ihdr.length !== ihdr.length || p.ihdr.some((b, k) => b !== ihdr[k])) throw new Error(`frame ${i}: its IHDR (size or pixel format) differs from frame 0's`);
  });
  const view = new DataView(ihdr.buffer, ihdr.byteOffset, ihdr.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);

  const parts: Uint8Array[] = [SIGNATURE, encodeChunk('IHDR', ihdr), encodeChunk('acTL', u32(frames.length, plays))];
  let sequence = 0;
  parsed.forEach((p, i) => {
    parts.push(frameControl(sequence++, width, height, p.delayMs));
    for (const data of p.idat) {
      if (i === 0) parts.push(encodeChunk('IDAT', data));
      else {
        const fdat = new Uint8Array(4 + data.length);
        fdat.set(u32(sequence++), 0);
        fdat.set(data, 4);
        parts.push(encodeChunk('fdAT', fdat));
      }
    }
  });
  parts.push(encodeChunk('IEND', new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
