// Keeps a CIFAR-10 set the user uploaded (the official archive, parsed) in IndexedDB, so it survives a
// reload without asking for the 170 MB file again. Browser-only: where indexedDB does not exist (Node,
// tests) loading finds nothing and saving says why it cannot.
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import { DataError, type ImageSplit } from './types';

export interface StoredCifar {
  train: ImageSplit;
  test: ImageSplit;
  /** as parseCifarUpload wrote it, e.g. "CIFAR-10 full (uploaded cifar-10-binary.tar.gz): 50 000 train / 10 000 test" */
  description: string;
  /** ms since the epoch */
  savedAt: number;
}

const KEY = 'upload';
let store: UseStore | undefined;

export const isCifarStorageAvailable = (): boolean => typeof indexedDB !== 'undefined';

function getStore(): UseStore | undefined {
  // created lazily: idb-keyval opens the database on first use, and importing must not touch indexedDB
  if (!isCifarStorageAvailable()) return undefined;
  store ??= createStore('metric-playground-cifar10', 'sets');
  return store;
}

export async function saveCifarUpload(upload: Omit<StoredCifar, 'savedAt'>): Promise<void> {
  const s = getStore();
  const fix = 'keep the page open (the set stays loaded for this session), or allow this site to store data and load the archive again';
  if (!s) throw new DataError('This browser offers no IndexedDB here, so the uploaded CIFAR-10 set cannot be kept for the next visit.', fix);
  try {
    await set(KEY, { ...upload, savedAt: Date.now() } satisfies StoredCifar, s);
  } catch (err) {
    const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new DataError(`Could not keep the uploaded CIFAR-10 set in the browser's storage (${why}).`, fix);
  }
}

function isSplit(v: unknown, perSample: number): v is ImageSplit {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<ImageSplit>;
  return s.images instanceof Uint8Array && s.labels instanceof Uint8Array && typeof s.count === 'number' && s.count > 0
    && s.labels.length === s.count && s.images.length === s.count * perSample;
}

/** The stored upload, or undefined when there is none (or it is unreadable: then the bundled set is used). */
export async function loadCifarUpload(): Promise<StoredCifar | undefined> {
  const s = getStore();
  if (!s) return undefined;
  const v = await get<unknown>(KEY, s);
  if (typeof v !== 'object' || v === null) return undefined;
  const u = v as Partial<StoredCifar>;
  // a record from an older version of this code, or a half-written one, is ignored rather than trusted
  if (!isSplit(u.train, 3072) || !isSplit(u.test, 3072) || typeof u.description !== 'string') return undefined;
  return { train: u.train, test: u.test, description: u.description, savedAt: typeof u.savedAt === 'number' ? u.savedAt : 0 };
}

/** Whether an upload is stored, without reading it (a full set is 180 MB). */
export async function hasCifarUpload(): Promise<boolean> {
  const s = getStore();
  if (!s) return false;
  return (await keys(s)).includes(KEY);
}

export async function clearCifarUpload(): Promise<void> {
  const s = getStore();
  if (s) await del(KEY, s);
}
