/// <reference lib="webworker" />
/**
 * The decode worker: turns the files of a loaded folder, .zip or picked images into 32×32 RGB
 * classes, off the page's thread (createImageBitmap decodes, an OffscreenCanvas centre-crops and
 * resizes). The page creates it (workers/imageDecodeClient.ts): Firefox can hang on `new Worker()`
 * inside the training worker. It owns no TensorFlow.js and keeps nothing between calls.
 */
import * as Comlink from 'comlink';
import { MAX_IMAGE_FILE_BYTES, readImageHeader } from '../data/imageHeader';
import { OWN_IMAGE_BYTES, OWN_SIDE } from '../data/ownImages';
import { CLASS_LIST_FILE, isSystemFile, planDecode, type PlanEntry } from '../data/ownImagesPaths';
import { DataError } from '../data/types';
import { MAX_ZIP_BYTES, readZip } from '../data/zip';
import { clip } from '../util/clip';
import type { DecodeRequest, DecodeResult, ImageDecodeApi } from './imageDecodeTypes';

/** Lines of the skipped-files report kept (the count goes on). */
const MAX_REPORT_LINES = 200;
/** Images decoding at once: createImageBitmap decodes off this thread, so a few in flight keep it busy. */
const IN_FLIGHT = 4;

interface Source extends PlanEntry {
  read(): Promise<Uint8Array>;
}

const isZip = (name: string) => /\.zip$/i.test(name);
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

class Report {
  lines: string[] = [];
  total = 0;
  add(path: string, reason: string): void {
    this.total++;
    if (this.lines.length < MAX_REPORT_LINES) this.lines.push(`${clip(path, 120)}: ${reason}`);
  }
}

/**
 * What was given, as files with their roots: each .zip given as such (its files inside it), each
 * top-level folder, and the loose files together; planDecode groups every root on its own.
 */
async function expand(req: DecodeRequest, report: Report): Promise<{ sources: Source[]; classList?: string }> {
  const sources: Source[] = [];
  const lists: { depth: number; read: () => Promise<Uint8Array> }[] = [];
  const add = (s: Source) => {
    if (baseName(s.path).toLowerCase() === CLASS_LIST_FILE) lists.push({ depth: s.path.split('/').length, read: s.read });
    else sources.push(s);
  };
  for (const item of req.items) {
    // a zip inside a dropped folder is left to planDecode, which skips it with its reason
    if (isZip(item.path) && !item.path.includes('/')) {
      if (item.file.size > MAX_ZIP_BYTES) { report.add(item.path, `${Math.round(item.file.size / 2 ** 20)} MiB, more than the ${MAX_ZIP_BYTES / 2 ** 20} MiB the page reads as one .zip (load the folder instead)`); continue; }
      let listing;
      try {
        listing = readZip(new Uint8Array(await item.file.arrayBuffer()), item.path);
      } catch (e) {
        report.add(item.path, e instanceof DataError ? e.message : `could not be read (${String(e)})`);
        continue;
      }
      // a zip of images alone is one class, named after the zip
      const fallback = item.path.replace(/\.zip$/i, '');
      for (const u of listing.unreadable) report.add(`${item.path}: ${u.path}`, u.reason);
      for (const e of listing.entries) add({ path: e.path, root: item.path, fallback, read: async () => e.read() });
      continue;
    }
    const slash = item.path.indexOf('/');
    add({
      path: item.path,
      root: slash > 0 ? item.path.slice(0, slash) : '',
      fallback: req.fallback,
      read: async () => {
        if (item.file.size > MAX_IMAGE_FILE_BYTES) throw new DataError(`${Math.round(item.file.size / 2 ** 20)} MiB, more than an image file may (${MAX_IMAGE_FILE_BYTES / 2 ** 20} MiB)`, '');
        return new Uint8Array(await item.file.arrayBuffer());
      },
    });
  }
  lists.sort((a, b) => a.depth - b.depth);
  const classList = lists.length ? new TextDecoder().decode((await lists[0].read().catch(() => new Uint8Array(0))).subarray(0, 64 * 1024)) : undefined;
  return { sources, classList };
}

/** one canvas for every image, made for the first */
const scratch: { canvas: OffscreenCanvas | null } = { canvas: null };

/** Short side a JPEG is decoded down to at least (by its decoder's 1/2, 1/4, 1/8 scaling) before the last resize. */
const MIN_DECODED_SIDE = 48;

/**
 * An upright JPEG decoded at a fraction of its size where WebCodecs' ImageDecoder can (Chromium
 * decodes 640×480 at 1/8 in about two thirds of the time of a full decode); null where it cannot.
 * A JPEG with an EXIF rotation goes the createImageBitmap way, which turns it.
 */
async function decodeScaledJpeg(bytes: Uint8Array, w: number, h: number): Promise<VideoFrame | null> {
  if (typeof ImageDecoder === 'undefined') return null;
  let k = 8;
  while (k > 1 && Math.min(w, h) / k < MIN_DECODED_SIDE) k /= 2;
  let decoder: ImageDecoder | null = null;
  try {
    decoder = new ImageDecoder({ data: bytes, type: 'image/jpeg', desiredWidth: Math.ceil(w / k), desiredHeight: Math.ceil(h / k) });
    return (await decoder.decode()).image;
  } catch {
    return null; // the slower way says whether the file is corrupt
  } finally {
    decoder?.close();
  }
}

/** One image file → 32×32 RGB: centre square, resized with the browser's high-quality filter, on white. */
async function decodeOne(bytes: Uint8Array): Promise<Uint8Array> {
  const head = readImageHeader(bytes);
  if (!head.ok) throw new DataError(head.reason, '');
  const { format, width, height, orientation = 1 } = head.header;
  let image: ImageBitmap | VideoFrame | null = format === 'jpeg' && orientation === 1 ? await decodeScaledJpeg(bytes, width, height) : null;
  try {
    image ??= await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  } catch {
    throw new DataError(`a ${format.toUpperCase()} the browser could not decode (corrupt or truncated)`, '');
  }
  const canvas = (scratch.canvas ??= new OffscreenCanvas(OWN_SIDE, OWN_SIDE));
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) { image.close(); throw new Error('no 2-D canvas in this worker'); }
  try {
    // the decoded size: scaled, or turned by an EXIF rotation, which the header's does not say
    const w = image instanceof ImageBitmap ? image.width : image.displayWidth;
    const h = image instanceof ImageBitmap ? image.height : image.displayHeight;
    const side = Math.min(w, h);
    ctx.fillStyle = '#fff'; // transparent pixels composite on white, not on black
    ctx.fillRect(0, 0, OWN_SIDE, OWN_SIDE);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(image, (w - side) / 2, (h - side) / 2, side, side, 0, 0, OWN_SIDE, OWN_SIDE);
  } finally {
    image.close();
  }
  const rgba = ctx.getImageData(0, 0, OWN_SIDE, OWN_SIDE).data;
  const rgb = new Uint8Array(OWN_IMAGE_BYTES);
  for (let p = 0, q = 0; p < rgba.length; p += 4, q += 3) { rgb[q] = rgba[p]; rgb[q + 1] = rgba[p + 1]; rgb[q + 2] = rgba[p + 2]; }
  return rgb;
}

const api: ImageDecodeApi = {
  async decode(req, onProgress) {
    const t0 = performance.now();
    const report = new Report();
    onProgress(0, req.items.length, 'Reading the files');
    const { sources, classList } = await expand(req, report);
    const plan = planDecode(sources, classList, req.maxClasses, req.maxImages);
    for (const s of plan.skipped) report.add(sources[s.index].path, s.reason);
    for (const c of plan.extraClasses) report.add(c.name, `a class of ${c.count} images past the ${req.maxClasses}-class limit`);
    const jobs = plan.classes.flatMap((c, k) => c.members.map((index, slot) => ({ k, slot, index })));
    const pixels = plan.classes.map((c) => new Uint8Array(c.members.length * OWN_IMAGE_BYTES));
    const ok = plan.classes.map((c) => new Uint8Array(c.members.length));
    let next = 0;
    let done = 0;
    let lastReport = 0;
    const work = async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const src = sources[job.index];
        try {
          const rgb = await decodeOne(await src.read());
          pixels[job.k].set(rgb, job.slot * OWN_IMAGE_BYTES);
          ok[job.k][job.slot] = 1;
        } catch (e) {
          report.add(src.path, e instanceof DataError ? e.message : `could not be read (${e instanceof Error ? e.message : String(e)})`);
        }
        done++;
        const now = performance.now();
        if (now - lastReport > 100) { lastReport = now; onProgress(done, jobs.length, 'Decoding images'); }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, work));
    // the decoded images of each class, in the plan's order, without the gaps of those that failed
    const classes = plan.classes.map((c, k) => {
      const count = ok[k].reduce((n, v) => n + v, 0);
      const out = new Uint8Array(count * OWN_IMAGE_BYTES);
      let at = 0;
      ok[k].forEach((v, slot) => { if (v) { out.set(pixels[k].subarray(slot * OWN_IMAGE_BYTES, (slot + 1) * OWN_IMAGE_BYTES), at); at += OWN_IMAGE_BYTES; } });
      return { name: c.name, pixels: out, count };
    });
    const result: DecodeResult = {
      classes, skipped: report.lines, skippedTotal: report.total, overLimit: plan.overLimit,
      files: sources.filter((src) => !isSystemFile(src.path)).length, ms: performance.now() - t0,
    };
    return Comlink.transfer(result, classes.map((c) => c.pixels.buffer));
  },
};

Comlink.expose(api);
