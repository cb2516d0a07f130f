/**
 * What kind of image a file is and how large it decodes, read from its first bytes before anything
 * decodes it: a file that is not an image, or that would decode to gigapixels (a decompression bomb, a
 * panorama), is skipped with a reason instead of filling the decoder's memory. PNG, JPEG, GIF, BMP
 * and WebP: what browsers decode everywhere. Pure; every read is bounds-checked.
 */

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp';

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
  /** JPEG: the EXIF orientation (1 upright … 8), when the file has one; decoders turn the image by it */
  orientation?: number;
}

/** Decoded size past which an image is "absurd": 16 384 pixels a side, 64 megapixels (a 48 MP phone photo fits). */
export const MAX_IMAGE_SIDE = 16_384;
export const MAX_IMAGE_PIXELS = 64 * 2 ** 20;
/** Largest image file read at all (a 64 MP PNG is rarely half of this). */
export const MAX_IMAGE_FILE_BYTES = 64 * 2 ** 20;

export const IMAGE_FORMATS = 'PNG, JPEG, GIF, BMP or WebP';

/** Why a file cannot be one of the set's images, or its header. */
export type HeaderResult = { ok: true; header: ImageHeader } | { ok: false; reason: string };

const u16be = (b: Uint8Array, at: number): number => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8);
const u24le = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
const u32be = (b: Uint8Array, at: number): number => ((b[at] << 24) >>> 0) + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
const i32le = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
const ascii = (b: Uint8Array, at: number, text: string): boolean => {
  if (at + text.length > b.length) return false;
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

function png(b: Uint8Array): HeaderResult {
  // the signature, then the IHDR chunk: length, "IHDR", width, height (big-endian)
  if (b.length < 24 || !ascii(b, 12, 'IHDR')) return { ok: false, reason: 'a PNG without its header (truncated or corrupt)' };
  return sized('png', u32be(b, 16), u32be(b, 20));
}

/** The orientation tag (0x0112) of an EXIF block: "Exif\0\0", a TIFF header, IFD0's entries. */
function exifOrientation(b: Uint8Array, start: number, end: number): number | undefined {
  if (!ascii(b, start, 'Exif\0\0') || start + 14 > end) return undefined;
  const tiff = start + 6;
  const le = b[tiff] === 0x49;
  if (!le && b[tiff] !== 0x4d) return undefined;
  const u16 = (at: number) => (le ? u16le(b, at) : u16be(b, at));
  const u32 = (at: number) => (le ? (u16le(b, at) + u16le(b, at + 2) * 65536) : u32be(b, at));
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > end) return undefined;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const e = ifd + 2 + 12 * i;
    if (e + 12 > end) return undefined;
    if (u16(e) === 0x0112) return u16(e + 8);
  }
  return undefined;
}

/** JPEG: walk the marker segments to the first start-of-frame, which holds the size. */
function jpeg(b: Uint8Array): HeaderResult {
  let at = 2;
  let orientation: number | undefined;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return { ok: false, reason: 'a JPEG whose structure is broken (corrupt)' };
    const marker = b[at + 1];
    // fill bytes, and markers without a length (restart, TEM)
    if (marker === 0xff) { at++; continue; }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { at += 2; continue; }
    if (marker === 0xd9 || marker === 0xda) break; // end of image or start of scan before a frame
    const length = u16be(b, at + 2);
    if (length < 2) return { ok: false, reason: 'a JPEG whose structure is broken (corrupt)' };
    const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (sof) {
      if (at + 9 > b.length) break;
      const r = sized('jpeg', u16be(b, at + 7), u16be(b, at + 5));
      if (r.ok && orientation !== undefined) r.header.orientation = orientation;
      return r;
    }
    if (marker === 0xe1 && orientation === undefined) orientation = exifOrientation(b, at + 4, Math.min(b.length, at + 2 + length));
    at += 2 + length;
  }
  return { ok: false, reason: 'a JPEG without a frame header (truncated or corrupt)' };
}

function gif(b: Uint8Array): HeaderResult {
  if (b.length < 10) return { ok: false, reason: 'a GIF without its header (truncated)' };
  return sized('gif', u16le(b, 6), u16le(b, 8));
}

function bmp(b: Uint8Array): HeaderResult {
  if (b.length < 26) return { ok: false, reason: 'a BMP without its header (truncated)' };
  const dib = b[14] | (b[15] << 8) | (b[16] << 16) | (b[17] << 24);
  if (dib === 12) return sized('bmp', u16le(b, 18), u16le(b, 20));
  if (dib < 40 || b.length < 26) return { ok: false, reason: 'a BMP of a kind browsers do not read' };
  // a negative height means rows stored top-down; the size is its magnitude
  return sized('bmp', Math.abs(i32le(b, 18)), Math.abs(i32le(b, 22)));
}

function webp(b: Uint8Array): HeaderResult {
  const broken = { ok: false, reason: 'a WebP without its header (truncated or corrupt)' } as const;
  if (ascii(b, 12, 'VP8 ')) {
    // lossy: a key frame's start code 9d 01 2a, then 14-bit width and height
    if (b.length < 30 || b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return broken;
    return sized('webp', u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  if (ascii(b, 12, 'VP8L')) {
    // lossless: signature 0x2f, then width − 1 and height − 1 in 14 bits each
    if (b.length < 25 || b[20] !== 0x2f) return broken;
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (ascii(b, 12, 'VP8X')) {
    if (b.length < 30) return broken;
    return sized('webp', u24le(b, 24) + 1, u24le(b, 27) + 1);
  }
  return broken;
}

function sized(format: ImageFormat, width: number, height: number): HeaderResult {
  if (!(width > 0 && height > 0)) return { ok: false, reason: `a ${format.toUpperCase()} of ${width}×${height} pixels (corrupt)` };
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    return { ok: false, reason: `decodes to ${width}×${height} pixels, more than the ${MAX_IMAGE_SIDE} a side or ${MAX_IMAGE_PIXELS / 2 ** 20} megapixels the page decodes — resize it` };
  }
  return { ok: true, header: { format, width, height } };
}

/** Reads a file's first bytes (the whole file is fine): its format and size, or why it is skipped. */
export function readImageHeader(b: Uint8Array): HeaderResult {
  if (b.length === 0) return { ok: false, reason: 'empty file' };
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 'PNG\r\n\x1a\n')) return png(b);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return gif(b);
  if (ascii(b, 0, 'BM') && b.length >= 18) return bmp(b);
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return webp(b);
  return { ok: false, reason: `not an image (${IMAGE_FORMATS})` };
}

/**
 * Why a file is skipped by its name alone, without reading it; null when it is read and sniffed (an
 * unknown extension or none at all may still be an image).
 */
export function skipByName(name: string): string | null {
  const ext = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (/^(zip|gz|tgz|tar|7z|rar)$/.test(ext)) return 'an archive inside the set: unpack it and load its images';
  if (/^(heic|heif|avif|tiff?|svg|psd|raw|cr2|nef|dng|jxl)$/.test(ext)) return `a ${ext.toUpperCase()} image: the page reads ${IMAGE_FORMATS} — convert it`;
  if (/^(txt|md|json|csv|tsv|xml|html?|pdf|docx?|xlsx?|pptx?|bin|exe|dll|js|ts|py|ipynb|mp4|mov|avi|mkv|webm|mp3|wav|ogg)$/.test(ext)) return `not an image (${IMAGE_FORMATS})`;
  return null;
}
