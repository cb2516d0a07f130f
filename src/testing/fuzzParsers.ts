// Test helper (not shipped): property-based fuzzing of the file readers, run by fuzz.test.ts inside a
// time-bounded worker thread (bounded.ts), so an input that hangs a reader fails the test instead of
// freezing it. Every input must be accepted or refused with the reader's own DataError.
import fc from 'fast-check';
import { gzipSync, zipSync } from 'fflate';
import { CIFAR_RECORD, parseCifarBins, validateCifarBin } from '../data/cifarFormat';
import { parseCifarUpload } from '../data/cifarUpload';
import { maybeGunzip } from '../data/gzip';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdxImages, parseIdxLabels } from '../data/idx';
import { readTar } from '../data/tar';
import { readImageHeader } from '../data/imageHeader';
import { isSystemFile, planDecode } from '../data/ownImagesPaths';
import { readZip } from '../data/zip';
import { drawShape, pngOf } from './ownImagesFixtures';
import { writeTar } from './testTar';
import { DataError } from '../data/types';

/** Calls `f`; a throw other than a DataError with a short, non-empty message fails the property. */
function acceptedOrDataError(f: () => unknown): void {
  try {
    f();
  } catch (err) {
    if (!(err instanceof DataError)) throw new Error(`threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)} instead of a DataError`, { cause: err });
    if (!err.message || err.message.length > 600) throw new Error(`DataError message of ${err.message.length} characters: ${err.message.slice(0, 200)}`, { cause: err });
  }
}

/** A byte array with some positions overwritten, and maybe cut short or extended. */
function mutated(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.record({
    edits: fc.array(fc.tuple(fc.nat({ max: Math.max(0, base.length - 1) }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    cut: fc.option(fc.nat({ max: base.length }), { nil: undefined }),
    tail: fc.uint8Array({ maxLength: 64 }),
  }).map(({ edits, cut, tail }) => {
    const out = base.slice();
    for (const [at, v] of edits) if (at < out.length) out[at] = v;
    const kept = cut === undefined ? out : out.subarray(0, cut);
    const joined = new Uint8Array(kept.length + (cut === undefined ? tail.length : 0));
    joined.set(kept);
    if (cut === undefined) joined.set(tail, kept.length);
    return joined;
  });
}

const enc = new TextEncoder();

/** A tar header field (size, checksum) as text: octal, signed, spaces, garbage. */
const fieldText = fc.oneof(
  fc.stringMatching(/^-?[0-7]{1,11}$/),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('-1000', '-0001000', '77777777777', ' 12 ', '', '8', '0x10'),
);

function withField(tar: Uint8Array, headerAt: number, offset: number, length: number, text: string, fixSum: boolean): Uint8Array {
  const out = tar.slice();
  if (headerAt + 512 > out.length) return out;
  const h = out.subarray(headerAt, headerAt + 512);
  h.fill(0, offset, offset + length);
  h.set(enc.encode(text).subarray(0, length), offset);
  if (fixSum) {
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
  }
  return out;
}

export function fuzzTar(numRuns: number, seed: number): number {
  const base = writeTar([
    { name: 'cifar-10-batches-bin' },
    { name: 'cifar-10-batches-bin/data_batch_1.bin', bytes: new Uint8Array(700).fill(1) },
    { name: 'cifar-10-batches-bin/test_batch.bin', bytes: new Uint8Array(30) },
  ]);
  const headers = [0, 512, 1024 + 1024];
  const arb = fc.oneof(
    mutated(base),
    fc.tuple(fc.constantFrom(...headers), fieldText, fc.boolean()).map(([h, t, fix]) => withField(base, h, 124, 12, t, fix)),
    fc.tuple(fc.constantFrom(...headers), fc.constantFrom('L', 'x', '0', '5', '7', 'g'), fc.boolean()).map(([h, type, fix]) => withField(base, h, 156, 1, type, fix)),
    fc.uint8Array({ minLength: 512, maxLength: 3000 }).map((b) => { b.set(enc.encode('ustar'), 257); return b; }),
  );
  fc.assert(fc.property(arb, (bytes) => acceptedOrDataError(() => readTar(bytes, 'fuzz.tar', 'fix'))), { numRuns, seed });
  return numRuns;
}

export function fuzzGzip(numRuns: number, seed: number): number {
  const payload = new Uint8Array(5000).map((_, i) => (i * 31) % 7);
  const base = gzipSync(payload, { filename: 'test_batch.bin' });
  // a damaged copy of a known file: what comes back, if anything, must be that file (the CRC's job)
  fc.assert(fc.property(mutated(base), (bytes) => {
    let out: Uint8Array | undefined;
    acceptedOrDataError(() => { out = maybeGunzip(bytes, 'fuzz.gz', 'fix', 1 << 20); });
    if (out && out !== bytes && (out.length !== payload.length || out.some((v, i) => v !== payload[i]))) throw new Error('a damaged file was accepted with other contents');
  }), { numRuns, seed });
  const arb = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((b) => { const o = new Uint8Array(b.length + 2); o.set([0x1f, 0x8b]); o.set(b, 2); return o; }),
    fc.uint8Array({ maxLength: 2000 }).map((b) => gzipSync(b)),
  );
  fc.assert(fc.property(arb, (bytes) => acceptedOrDataError(() => maybeGunzip(bytes, 'fuzz.gz', 'fix', 1 << 20))), { numRuns, seed });
  // a well-formed file always comes back whole
  fc.assert(fc.property(fc.uint8Array({ maxLength: 4000 }), (b) => {
    const out = maybeGunzip(gzipSync(b));
    if (out.length !== b.length || out.some((v, i) => v !== b[i])) throw new Error('round trip changed the bytes');
  }), { numRuns: Math.ceil(numRuns / 4), seed });
  return numRuns;
}

function idxHeader(magic: number, dims: number[], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + body.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, magic);
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d));
  out.set(body, 4 + 4 * dims.length);
  return out;
}

export function fuzzIdx(numRuns: number, seed: number): number {
  const dim = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom(0xffffffff, 0x80000000, 28, 60000));
  const images = fc.oneof(
    fc.tuple(fc.constantFrom(IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, 0), fc.tuple(dim, dim, dim), fc.uint8Array({ maxLength: 600 }))
      .map(([m, dims, body]) => idxHeader(m, dims, body)),
    fc.uint8Array({ maxLength: 64 }),
  );
  const labels = fc.oneof(
    fc.tuple(fc.constantFrom(IDX_LABELS_MAGIC, IDX_IMAGES_MAGIC), dim, fc.uint8Array({ maxLength: 20 })).map(([m, n, body]) => idxHeader(m, [n], body)),
    fc.uint8Array({ maxLength: 32 }),
  );
  fc.assert(fc.property(images, labels, (im, lb) => {
    acceptedOrDataError(() => parseIdxImages(im, 'fuzz-images', 'fix'));
    acceptedOrDataError(() => parseIdxLabels(lb, 'fuzz-labels', 'fix'));
  }), { numRuns, seed });
  return numRuns;
}

const cifarName = fc.constantFrom(
  'data_batch_1.bin', 'data_batch_5.bin', 'test_batch.bin', 'train.bin', 'test.bin', 'test.bin.gz', 'cifar-10-binary.tar.gz',
  'cifar-10-binary.tar', 'x.tgz', 'cifar-100-binary.tar.gz', 'photo.jpg', 'notes.gz', 'data_batch_1', '',
);

export function fuzzCifar(numRuns: number, seed: number): number {
  const record = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.nat({ max: 3 })).map(([label, n]) => {
    const b = new Uint8Array(n * CIFAR_RECORD + (label % 3 === 0 ? label : 0));
    for (let r = 0; r < n; r++) b[r * CIFAR_RECORD] = label;
    return b;
  });
  const bytes = fc.oneof(record, fc.uint8Array({ maxLength: 200 }), record.map((b) => gzipSync(b)),
    fc.tuple(record, record).map(([tr, te]) => gzipSync(writeTar([{ name: 'd/data_batch_1.bin', bytes: tr }, { name: 'd/test_batch.bin', bytes: te }]))));
  fc.assert(fc.property(bytes, (b) => {
    acceptedOrDataError(() => validateCifarBin(b, 'fuzz.bin', 'fix'));
    acceptedOrDataError(() => parseCifarBins([{ name: 'fuzz.bin', bytes: b }], 'fix'));
  }), { numRuns, seed });
  fc.assert(fc.property(fc.array(fc.record({ name: cifarName, bytes }), { maxLength: 4 }), (files) => {
    acceptedOrDataError(() => parseCifarUpload(files));
  }), { numRuns: Math.ceil(numRuns / 2), seed });
  return numRuns;
}

/** Reads a zip and every entry in it; each step accepted or refused with a DataError. */
function readWholeZip(bytes: Uint8Array): void {
  let listing: ReturnType<typeof readZip> | undefined;
  acceptedOrDataError(() => { listing = readZip(bytes, 'fuzz.zip'); });
  for (const e of listing?.entries ?? []) {
    let out: Uint8Array | undefined;
    acceptedOrDataError(() => { out = e.read(); });
    if (out && out.length !== e.size) throw new Error(`${e.path}: read ${out.length} bytes, its directory says ${e.size}`);
  }
}

export function fuzzZip(numRuns: number, seed: number): number {
  const rng = () => 0.37;
  const base = zipSync({
    'set/cat/1.png': [pngOf(drawShape('disc', rng, 8, 6), 8, 6), { level: 0 }],
    'set/dog/2.png': pngOf(drawShape('cross', rng, 6, 6), 6, 6),
    'set/notes.txt': new TextEncoder().encode('notes '.repeat(40)),
    'set/empty/': new Uint8Array(0),
  });
  const v = new DataView(base.buffer);
  const cd = v.getUint32(base.length - 22 + 16, true);
  // the directory's fields (sizes, offsets, name lengths, method, flags) and the end record's
  const fields = [cd + 8, cd + 10, cd + 16, cd + 20, cd + 24, cd + 28, cd + 30, cd + 42, base.length - 22 + 10, base.length - 22 + 12, base.length - 22 + 16, base.length - 22 + 20];
  const arb = fc.oneof(
    mutated(base),
    fc.tuple(fc.constantFrom(...fields), fc.constantFrom(0, 1, 0xff, 0xffff, 0xffffffff, 0x7fffffff, 22, 46), fc.constantFrom(2, 4)).map(([at, value, width]) => {
      const out = base.slice();
      const w = new DataView(out.buffer);
      if (at + width > out.length) return out;
      if (width === 2) w.setUint16(at, value & 0xffff, true);
      else w.setUint32(at, value >>> 0, true);
      return out;
    }),
    fc.uint8Array({ maxLength: 400 }).map((b) => { const o = new Uint8Array(b.length + 22); o.set(b); o.set([0x50, 0x4b, 0x05, 0x06], b.length); return o; }),
    fc.uint8Array({ maxLength: 200 }),
  );
  fc.assert(fc.property(arb, readWholeZip), { numRuns, seed });
  // a well-formed zip always reads back whole
  fc.assert(fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,6}(\/[a-z]{1,6}){0,2}\.png$/), fc.uint8Array({ maxLength: 300 }), { maxKeys: 5 }), (files) => {
    const listing = readZip(zipSync(files));
    for (const e of listing.entries) if (!e.read().every((b, i) => b === files[e.path][i])) throw new Error(`${e.path} changed`);
    if (listing.entries.length !== Object.keys(files).length) throw new Error('an entry went missing');
  }), { numRuns: Math.ceil(numRuns / 4), seed });
  return numRuns;
}

export function fuzzImageHeader(numRuns: number, seed: number): number {
  const rng = () => 0.61;
  const png = pngOf(drawShape('square', rng, 5, 4), 5, 4);
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...new Array(14).fill(1), 0xff, 0xc0, 0, 17, 8, 1, 224, 2, 128, 3, 0, 0]);
  const gif = new TextEncoder().encode('GIF89a\x05\x00\x04\x00');
  const webp = Uint8Array.from([...new TextEncoder().encode('RIFF'), 0, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 '), 0, 0, 0, 0, 0, 0, 0, 0x9d, 1, 0x2a, 5, 0, 4, 0]);
  // a JPEG with an EXIF block (big-endian TIFF, IFD0 holding the orientation tag) before its frame
  const exifJpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, 0, 30, ...new TextEncoder().encode('Exif\0\0MM'), 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0,
    0xff, 0xc0, 0, 17, 8, 1, 224, 2, 128, 3, 0, 0]);
  const arb = fc.oneof(mutated(png), mutated(jpeg), mutated(exifJpeg), mutated(gif), mutated(webp), fc.uint8Array({ maxLength: 64 }));
  fc.assert(fc.property(arb, (b) => {
    const r = readImageHeader(b);
    if (r.ok) {
      const { width, height, orientation } = r.header;
      if (orientation !== undefined && !(Number.isInteger(orientation) && orientation >= 0 && orientation <= 0xffff)) throw new Error(`orientation ${orientation}`);
      if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width * height <= 64 * 2 ** 20)) throw new Error(`accepted ${width}×${height}`);
    } else if (!r.reason || r.reason.length > 300) {
      throw new Error(`a reason of ${r.reason.length} characters`);
    }
  }), { numRuns, seed });
  return numRuns;
}

/** Every loaded path is decoded in one class, skipped with a reason, dropped as a system file, or over the limit. */
export function fuzzOwnPaths(numRuns: number, seed: number): number {
  const part = fc.oneof(fc.constantFrom('cat', 'dog', 'set', '.hidden', '__MACOSX', 'Thumbs.db', '', ' ', '..', 'a b', 'Käse'), fc.string({ maxLength: 6 }));
  const path = fc.tuple(fc.array(part, { maxLength: 4 }), fc.constantFrom('1.png', 'x.jpg', 'notes.txt', 'a.zip', 'IMG.HEIC', 'noext', '')).map(([d, f]) => [...d, f].join('/'));
  const entry = fc.record({ path, root: fc.constantFrom('', 'a.zip', 'b.zip', 'cat', 'set'), fallback: fc.constantFrom('Class 1', 'a', '', '/') });
  fc.assert(fc.property(fc.array(entry, { maxLength: 30 }), fc.option(fc.string({ maxLength: 40 }), { nil: undefined }), fc.nat({ max: 4 }), fc.nat({ max: 25 }), (entries, list, maxClasses, maxImages) => {
    const paths = entries.map((e) => e.path);
    const p = planDecode(entries, list, maxClasses, maxImages);
    const seen = new Map<number, string>();
    const mark = (i: number, where: string) => { if (seen.has(i)) throw new Error(`${paths[i]} is both ${seen.get(i)} and ${where}`); seen.set(i, where); };
    p.classes.forEach((c) => c.members.forEach((i) => mark(i, `in ${c.name}`)));
    p.skipped.forEach((s) => { if (!s.reason) throw new Error('a skip without a reason'); mark(s.index, 'skipped'); });
    if (p.classes.length > maxClasses) throw new Error(`${p.classes.length} classes past the limit ${maxClasses}`);
    const decoded = p.classes.reduce((n, c) => n + c.members.length, 0);
    if (decoded > maxImages) throw new Error(`${decoded} images past the limit ${maxImages}`);
    if (p.classes.some((c) => !c.name || new Set(p.classes.map((x) => x.name)).size !== p.classes.length)) throw new Error('an empty or repeated class name');
    const unaccounted = paths.filter((q, i) => !seen.has(i) && !isSystemFile(q)).length;
    const extra = p.extraClasses.reduce((n, c) => n + c.count, 0);
    if (unaccounted !== p.overLimit + extra) throw new Error(`${unaccounted} paths unaccounted for, ${p.overLimit} over the limit, ${extra} in extra classes`);
  }), { numRuns, seed });
  return numRuns;
}
