/**
 * Reads the few header fields the tests (and the video fallback's sanity check) need from exported
 * files: PNG size, WebM magic and duration. Pure byte parsing.
 */

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  return sig.every((v, i) => b[at + i] === v);
}

/** Width and height from the IHDR chunk, or null when this is not a PNG. */
export function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24 || !startsWith(b, PNG_SIGNATURE) || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

export function isWebm(b: Uint8Array): boolean {
  return startsWith(b, EBML_MAGIC) && indexOf(b, [0x77, 0x65, 0x62, 0x6d], 0, 64) >= 0; // DocType "webm"
}

function indexOf(b: Uint8Array, pattern: number[], from: number, to: number): number {
  for (let i = from; i + pattern.length <= Math.min(to, b.length); i++) if (startsWith(b, pattern, i)) return i;
  return -1;
}

/** An EBML variable-length size at `at`: its length in bytes and value. */
function vint(b: Uint8Array, at: number): { len: number; value: number } {
  const first = b[at];
  let len = 1;
  while (len <= 8 && !(first & (0x80 >> (len - 1)))) len++;
  let value = first & (0xff >> len);
  for (let i = 1; i < len; i++) value = value * 256 + b[at + i];
  return { len, value };
}

/**
 * The Segment Info's Duration in seconds (Duration × TimecodeScale), or null when the file has none
 * (MediaRecorder's WebM in Chromium omits it). Only the header before the first Cluster is searched,
 * so frame data cannot fake a match.
 */
export function webmDuration(b: Uint8Array): number | null {
  const cluster = indexOf(b, [0x1f, 0x43, 0xb6, 0x75], 0, b.length);
  const end = cluster < 0 ? b.length : cluster;
  const at = indexOf(b, [0x44, 0x89], 0, end);
  if (at < 0) return null;
  const size = vint(b, at + 2);
  const v = new DataView(b.buffer, b.byteOffset + at + 2 + size.len, size.value);
  const duration = size.value === 4 ? v.getFloat32(0) : size.value === 8 ? v.getFloat64(0) : NaN;
  let scaleNs = 1e6; // Matroska's default TimecodeScale: durations in ms
  const ts = indexOf(b, [0x2a, 0xd7, 0xb1], 0, end);
  if (ts >= 0) {
    const s = vint(b, ts + 3);
    scaleNs = 0;
    for (let i = 0; i < s.value; i++) scaleNs = scaleNs * 256 + b[ts + 3 + s.len + i];
  }
  return Number.isFinite(duration) ? (duration * scaleNs) / 1e9 : null;
}
