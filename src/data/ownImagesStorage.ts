/**
 * Keeps the user's own image set (32×32 pixels, labels, class names, its content hash) in IndexedDB,
 * written by the training worker once the runs trained on it, read by the worker (to train after a
 * reload) and by the page (to show the classes again). One set at a time: the last one used. Where
 * indexedDB does not exist (Node, tests) loading finds nothing and saving says why it cannot.
 */
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import { OWN_IMAGE_BYTES, type OwnImageSet } from './ownImages';
import { DataError } from './types';

export interface StoredOwnImages extends OwnImageSet {
  hash: string;
  /** ms since the epoch */
  savedAt: number;
}

const KEY = 'set';
let store: UseStore | undefined;

function getStore(): UseStore | undefined {
  // created lazily: idb-keyval opens the database on first use, and importing must not touch indexedDB
  if (typeof indexedDB === 'undefined') return undefined;
  store ??= createStore('metric-playground-own-images', 'sets');
  return store;
}

export async function saveOwnImages(s: Omit<StoredOwnImages, 'savedAt'>): Promise<void> {
  const st = getStore();
  const fix = 'Keep the page open (the set stays loaded for this session), or save it with "Export images (.zip)" and load that next time.';
  if (!st) throw new DataError('This browser offers no IndexedDB here, so your images cannot be kept for the next visit.', fix);
  const record: StoredOwnImages = { hash: s.hash, classNames: s.classNames, images: s.images, labels: s.labels, count: s.count, savedAt: Date.now() };
  try {
    await set(KEY, record, st);
  } catch (err) {
    const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new DataError(`Could not keep your images in the browser's storage (${why}).`, fix);
  }
}

/** The stored set, or undefined when there is none or it is not one this code wrote whole. */
export async function loadOwnImages(): Promise<StoredOwnImages | undefined> {
  const st = getStore();
  if (!st) return undefined;
  const v = await get<unknown>(KEY, st);
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Partial<StoredOwnImages>;
  const ok = typeof r.hash === 'string' && Array.isArray(r.classNames) && r.classNames.every((n) => typeof n === 'string')
    && typeof r.count === 'number' && r.images instanceof Uint8Array && r.labels instanceof Uint8Array
    && r.labels.length === r.count && r.images.length === r.count * OWN_IMAGE_BYTES;
  if (!ok) return undefined;
  return { hash: r.hash as string, classNames: r.classNames as string[], images: r.images as Uint8Array, labels: r.labels as Uint8Array, count: r.count as number, savedAt: typeof r.savedAt === 'number' ? r.savedAt : 0 };
}

/** Whether a set is stored, without reading its pixels. */
export async function hasOwnImages(): Promise<boolean> {
  const st = getStore();
  if (!st) return false;
  return (await keys(st)).includes(KEY);
}

export async function forgetOwnImages(): Promise<void> {
  const st = getStore();
  if (st) await del(KEY, st);
}
