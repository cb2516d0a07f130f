/**
 * A .zip reader for the user's image sets (PKWARE APPNOTE 6.3: the central directory, stored and
 * deflated entries, ZIP64 sizes). What the user's zip tool wrote is outside input: every offset is
 * bounds-checked, entries whose data overlap (the "overlapping files" zip bomb) are refused, nothing
 * is allocated from a size the file declares, and what the entries unpack to is counted against a
 * budget. Entries unpack one at a time, when asked, so a large set never sits unpacked in memory.
 * Errors are DataErrors that name the file and say what is wrong.
 */
import { Inflate } from 'fflate';
import { crc32 } from '../util/crc32';
import { DataError } from './types';

export const ZIP_FIX = 'Make the .zip again with your system\'s "Compress" (or load the folder itself); the page reads stored and deflated entries.';

/** Largest .zip read at all: the file is read whole into memory. A folder has no such limit. */
export const MAX_ZIP_BYTES = 1024 * 2 ** 20;
/** More entries than any set of 10 000 images with its folders and notes needs. */
export const MAX_ZIP_ENTRIES = 100_000;
/** What one entry may unpack to (an image file is read whole). */
export const MAX_ENTRY_BYTES = 64 * 2 ** 20;
/** What all entries together may unpack to. */
export const MAX_UNZIPPED_BYTES = 4 * 1024 * 2 ** 20;

export interface ZipEntry {
  /** the path inside the zip, '/'-separated */
  path: string;
  /** uncompressed size as the directory declares it (checked when read) */
  size: number;
  /**
   * The entry's bytes, unpacked and checked (size, CRC-32); throws a DataError for a corrupt or
   * unreadable entry, which the caller reports and skips.
   */
  read(): Uint8Array;
}

export interface ZipListing {
  /** files in the directory's order (folders left out) */
  entries: ZipEntry[];
  /** entries that cannot be read at all (encrypted, an unknown compression), as "path: why" */
  unreadable: { path: string; reason: string }[];
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function entryName(bytes: Uint8Array): string {
  // Many tools write UTF-8 without setting the flag that says so; older ones write code page 437,
  // which reads close enough as Latin-1 for a class folder's name
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

interface Directory { offset: number; size: number; count: number }

/** The end-of-central-directory record (and its ZIP64 form when the classic one overflows). */
function findDirectory(b: Uint8Array, v: DataView, bad: (why: string) => DataError): Directory {
  if (b.length < 22) throw bad(`only ${b.length} bytes, shorter than the end record every zip has`);
  const lowest = Math.max(0, b.length - 22 - 0xffff);
  let at = -1;
  for (let i = b.length - 22; i >= lowest; i--) {
    if (v.getUint32(i, true) === SIG_EOCD && i + 22 + v.getUint16(i + 20, true) <= b.length) { at = i; break; }
  }
  if (at < 0) throw bad('no end-of-directory record: not a zip, or cut short');
  let count = v.getUint16(at + 10, true);
  let size = v.getUint32(at + 12, true);
  let offset = v.getUint32(at + 16, true);
  if (v.getUint16(at + 4, true) !== 0 || v.getUint16(at + 6, true) !== 0) throw bad('it is split over several disks');
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    if (at < 20 || v.getUint32(at - 20, true) !== SIG_LOCATOR64) throw bad('its end record overflows but has no ZIP64 record');
    const rec = big(v, at - 12, bad);
    if (rec + 56 > b.length || v.getUint32(rec, true) !== SIG_EOCD64) throw bad('its ZIP64 end record is missing or out of place');
    count = big(v, rec + 32, bad);
    size = big(v, rec + 40, bad);
    offset = big(v, rec + 48, bad);
  }
  if (count > MAX_ZIP_ENTRIES) throw bad(`it lists ${count} entries, more than the ${MAX_ZIP_ENTRIES} a set of images needs`);
  if (offset + size > b.length) throw bad('its directory lies outside the file (cut short?)');
  return { offset, size, count };
}

/** A 64-bit little-endian size or offset; beyond 2^53 no file this page reads can reach it. */
function big(v: DataView, at: number, bad: (why: string) => DataError): number {
  if (at < 0 || at + 8 > v.byteLength) throw bad('a ZIP64 field lies outside the file');
  const n = Number(v.getBigUint64(at, true));
  if (!Number.isSafeInteger(n)) throw bad('a ZIP64 size is beyond any file');
  return n;
}

interface Raw { path: string; flags: number; method: number; crc: number; csize: number; usize: number; local: number }

/** The ZIP64 extra field's 8-byte values, for those fields whose 32-bit form is all ones. */
function zip64Extra(v: DataView, at: number, end: number, r: Raw, bad: (why: string) => DataError): void {
  while (at + 4 <= end) {
    const id = v.getUint16(at, true);
    const len = v.getUint16(at + 2, true);
    const body = at + 4;
    if (body + len > end) throw bad(`the extra data of ${r.path} runs past its entry`);
    if (id === 0x0001) {
      let p = body;
      const take = (): number => {
        if (p + 8 > body + len) throw bad(`the ZIP64 data of ${r.path} is too short`);
        const n = big(v, p, bad);
        p += 8;
        return n;
      };
      if (r.usize === 0xffffffff) r.usize = take();
      if (r.csize === 0xffffffff) r.csize = take();
      if (r.local === 0xffffffff) r.local = take();
    }
    at = body + len;
  }
}

/**
 * Lists a zip's files. Throws a DataError when the zip itself is unreadable (not a zip, cut short,
 * overlapping entries); an entry that cannot be read is listed as unreadable, not thrown.
 */
export function readZip(b: Uint8Array, name = 'the .zip'): ZipListing {
  const bad = (why: string) => new DataError(`${name} is not a readable zip: ${why}.`, ZIP_FIX);
  if (b.length > MAX_ZIP_BYTES) throw new DataError(`${name} is ${Math.round(b.length / 2 ** 20)} MiB, more than the ${MAX_ZIP_BYTES / 2 ** 20} MiB the page reads as one .zip.`, 'Load the folder itself instead (dropped on the page, it is read one image at a time), or resize the photos.');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dir = findDirectory(b, v, bad);
  const raws: Raw[] = [];
  let at = dir.offset;
  const end = dir.offset + dir.size;
  for (let i = 0; i < dir.count; i++) {
    if (at + 46 > end || v.getUint32(at, true) !== SIG_CENTRAL) throw bad(`its directory is damaged at entry ${i + 1} of ${dir.count}`);
    const nameLen = v.getUint16(at + 28, true);
    const extraLen = v.getUint16(at + 30, true);
    const commentLen = v.getUint16(at + 32, true);
    const next = at + 46 + nameLen + extraLen + commentLen;
    if (next > end) throw bad(`its directory entry ${i + 1} runs past the directory`);
    const r: Raw = {
      path: entryName(b.subarray(at + 46, at + 46 + nameLen)).replace(/\\/g, '/'),
      flags: v.getUint16(at + 8, true), method: v.getUint16(at + 10, true), crc: v.getUint32(at + 16, true),
      csize: v.getUint32(at + 20, true), usize: v.getUint32(at + 24, true), local: v.getUint32(at + 42, true),
    };
    zip64Extra(v, at + 46 + nameLen, at + 46 + nameLen + extraLen, r, bad);
    raws.push(r);
    at = next;
  }
  // each entry's data from its local header; no two may share bytes
  const spans = raws.map((r) => {
    if (r.local + 30 > b.length || v.getUint32(r.local, true) !== SIG_LOCAL) throw bad(`the entry ${r.path} is not where its directory says (cut short?)`);
    const start = r.local + 30 + v.getUint16(r.local + 26, true) + v.getUint16(r.local + 28, true);
    if (start + r.csize > b.length) throw bad(`the data of ${r.path} runs past the end of the file (cut short?)`);
    return { r, start };
  });
  const byOffset = [...spans].sort((x, y) => x.r.local - y.r.local);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1];
    if (prev.start + prev.r.csize > byOffset[i].r.local) throw bad(`the entries ${prev.r.path} and ${byOffset[i].r.path} overlap (a "zip bomb"?)`);
  }
  let budget = MAX_UNZIPPED_BYTES;
  const entries: ZipEntry[] = [];
  const unreadable: ZipListing['unreadable'] = [];
  for (const { r, start } of spans) {
    if (r.path.endsWith('/')) continue; // a folder
    if (r.flags & 1) { unreadable.push({ path: r.path, reason: 'encrypted (the page cannot read password-protected entries)' }); continue; }
    if (r.method !== 0 && r.method !== 8) { unreadable.push({ path: r.path, reason: `compressed with method ${r.method}; the page reads stored and deflated entries` }); continue; }
    const data = b.subarray(start, start + r.csize);
    entries.push({
      path: r.path,
      size: r.usize,
      read: () => {
        if (r.usize > budget) throw new DataError(`${name} unpacks to more than ${MAX_UNZIPPED_BYTES / 2 ** 30} GiB in all; ${r.path} and the entries after it were not read.`, ZIP_FIX);
        const out = unpack(data, r, name, Math.min(MAX_ENTRY_BYTES, budget));
        budget -= out.length;
        return out;
      },
    });
  }
  return { entries, unreadable };
}

function unpack(data: Uint8Array, r: Raw, zipName: string, max: number): Uint8Array {
  const corrupt = (why: string) => new DataError(`${r.path} in ${zipName} is corrupt: ${why}.`, ZIP_FIX);
  if (r.usize > max) throw new DataError(`${r.path} in ${zipName} unpacks to ${Math.round(r.usize / 2 ** 20)} MiB, more than an image of the set may (${Math.round(max / 2 ** 20)} MiB).`, ZIP_FIX);
  let out: Uint8Array;
  if (r.method === 0) {
    if (data.length !== r.usize) throw corrupt(`stored with ${data.length} bytes where its directory says ${r.usize}`);
    out = data;
  } else {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let tooBig = false;
    let done = false;
    // the directory's size bounds the output (it was checked against `max` above): more is damage
    const inflater = new Inflate((chunk, final) => {
      total += chunk.length;
      if (total > r.usize) tooBig = true;
      else chunks.push(chunk);
      if (final) done = true;
    });
    try {
      // input in slices: deflate expands at most ~1 000×, so one slice produces at most about a MiB
      // before the size check above stops it
      const slice = 1024;
      for (let at = 0; at < data.length && !tooBig; at += slice) inflater.push(data.subarray(at, Math.min(at + slice, data.length)), at + slice >= data.length);
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (err) {
      throw corrupt(`its compressed data is damaged (${err instanceof Error ? err.message : String(err)})`);
    }
    if (tooBig) throw corrupt(`it unpacks to more than the ${r.usize} bytes its directory says`);
    if (!done && total < r.usize) throw corrupt('its compressed data ends early');
    out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
  }
  if (out.length !== r.usize) throw corrupt(`it unpacks to ${out.length} bytes where its directory says ${r.usize}`);
  if (crc32(out) !== r.crc) throw corrupt('its checksum (CRC-32) does not match its contents');
  return out;
}
