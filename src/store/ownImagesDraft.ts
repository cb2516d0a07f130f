/**
 * The page's working copy of "Your images": the classes as the user builds them (loaded, picked,
 * recorded), before and after they train. Plain immutable updates, so the store can hold it and
 * components re-render a class only when it changed. Limits and rules come from data/ownImages.ts.
 */
import { cleanClassName, formatCount, MAX_CLASSES, MAX_IMAGES, OWN_IMAGE_BYTES, trainingProblems, type OwnImageSet } from '../data/ownImages';

export interface DraftClass {
  /** stable across renames: React's key, the target of "Add images…" and "Hold to record" */
  key: number;
  name: string;
  /** each 3 072 bytes, 32×32 RGB HWC, in the order added */
  images: Uint8Array[];
}

export interface SkipReport {
  /** one line per skipped file (the first 200) and per limit reached */
  lines: string[];
  total: number;
}

export interface OwnImagesState {
  classes: DraftClass[];
  nextKey: number;
  /** what is being read or sent, with progress */
  busy: { stage: string; done: number; total: number } | null;
  /** the last load's skipped files (null: nothing was skipped) */
  report: SkipReport | null;
  /** the last load, e.g. "Read 2 000 images in 4.2 s" */
  note: string | null;
  /** the content hash of the set the runs train on, while the classes are still that set */
  usedHash: string | null;
  webcam: 'off' | 'starting' | 'on';
  /** the class whose "Hold to record" is held */
  recording: number | null;
  /** a set is kept in this browser's IndexedDB ("Forget your images" shows) */
  stored: boolean;
}

export function emptyOwnImages(): OwnImagesState {
  return { classes: [], nextKey: 1, busy: null, report: null, note: null, usedHash: null, webcam: 'off', recording: null, stored: false };
}

/** Two empty classes to record into, as Teachable Machine starts. */
export function starterClasses(s: OwnImagesState): OwnImagesState {
  if (s.classes.length > 0) return s;
  return addClass(addClass(s));
}

const totalImages = (s: OwnImagesState): number => s.classes.reduce((n, c) => n + c.images.length, 0);

/** "Class 3": the first such name not taken. */
function freshName(s: OwnImagesState): string {
  for (let i = s.classes.length + 1; ; i++) {
    const name = `Class ${i}`;
    if (!s.classes.some((c) => c.name === name)) return name;
  }
}

export function addClass(s: OwnImagesState, name?: string): OwnImagesState {
  if (s.classes.length >= MAX_CLASSES) return s;
  const c: DraftClass = { key: s.nextKey, name: name ?? freshName(s), images: [] };
  return { ...s, classes: [...s.classes, c], nextKey: s.nextKey + 1, usedHash: null };
}

export function removeClass(s: OwnImagesState, key: number): OwnImagesState {
  return { ...s, classes: s.classes.filter((c) => c.key !== key), usedHash: null };
}

/** Renames a class; a name that cleans to nothing keeps the old one. */
export function renameClass(s: OwnImagesState, key: number, raw: string): OwnImagesState {
  const name = cleanClassName(raw);
  const c = s.classes.find((x) => x.key === key);
  if (!c || !name || name === c.name) return s;
  return { ...s, classes: s.classes.map((x) => (x.key === key ? { ...x, name } : x)), usedHash: null };
}

/** How many more images the set takes. */
export function room(s: OwnImagesState): number {
  return Math.max(0, MAX_IMAGES - totalImages(s));
}

/** Appends images to a class, as many as the set's limit allows; returns how many were left out. */
export function appendImages(s: OwnImagesState, key: number, images: Uint8Array[]): { state: OwnImagesState; leftOut: number } {
  const fit = images.slice(0, room(s));
  if (!fit.length) return { state: s, leftOut: images.length };
  const classes = s.classes.map((c) => (c.key === key ? { ...c, images: [...c.images, ...fit] } : c));
  return { state: { ...s, classes, usedHash: null }, leftOut: images.length - fit.length };
}

/** Cuts a decoded class's pixels into one array per image. */
export function splitPixels(pixels: Uint8Array, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => pixels.slice(i * OWN_IMAGE_BYTES, (i + 1) * OWN_IMAGE_BYTES));
}

/**
 * A loaded folder or zip merged in: a class of the same name is replaced by the loaded one (loading
 * the same set twice changes nothing), new names are added after the others, empty classes (the
 * starters nobody recorded into) make way. Past the limits classes and images are left out, each
 * with a line for the report.
 */
export function mergeLoaded(s: OwnImagesState, loaded: { name: string; images: Uint8Array[] }[]): { state: OwnImagesState; lines: string[] } {
  const lines: string[] = [];
  const names = new Set(loaded.map((c) => c.name));
  let next: OwnImagesState = { ...s, classes: s.classes.filter((c) => c.images.length > 0 || names.has(c.name)), usedHash: null };
  for (const l of loaded) {
    const at = next.classes.findIndex((c) => c.name === l.name);
    const others = totalImages(next) - (at >= 0 ? next.classes[at].images.length : 0);
    const fit = l.images.slice(0, Math.max(0, MAX_IMAGES - others));
    if (fit.length < l.images.length) lines.push(`${l.name}: ${formatCount(l.images.length - fit.length)} images left out — a set holds at most ${formatCount(MAX_IMAGES)}`);
    if (at >= 0) {
      next = { ...next, classes: next.classes.map((c, k) => (k === at ? { ...c, images: fit } : c)) };
    } else if (next.classes.length >= MAX_CLASSES) {
      lines.push(`${l.name}: a class of ${formatCount(l.images.length)} images left out — a set holds at most ${MAX_CLASSES} classes`);
    } else if (fit.length) {
      next = { ...addClass(next, l.name), usedHash: null };
      const key = next.classes[next.classes.length - 1].key;
      next = { ...next, classes: next.classes.map((c) => (c.key === key ? { ...c, images: fit } : c)) };
    }
  }
  return { state: next, lines };
}

/** What keeps the classes from training (empty: they can). */
export function draftProblems(s: OwnImagesState): string[] {
  return trainingProblems(s.classes.map((c) => ({ name: c.name, count: c.images.length })));
}

/** The classes as one set, in class order (labels are the classes' positions). */
export function draftToSet(s: OwnImagesState): OwnImageSet {
  const count = totalImages(s);
  const images = new Uint8Array(count * OWN_IMAGE_BYTES);
  const labels = new Uint8Array(count);
  let i = 0;
  s.classes.forEach((c, k) => {
    for (const img of c.images) { images.set(img, i * OWN_IMAGE_BYTES); labels[i++] = k; }
  });
  return { classNames: s.classes.map((c) => c.name), images, labels, count };
}

/** A stored or received set as classes to edit. */
export function draftFromSet(s: OwnImagesState, set: OwnImageSet, hash: string): OwnImagesState {
  let next: OwnImagesState = { ...s, classes: [], usedHash: null };
  for (const name of set.classNames) next = addClass(next, name);
  const per: Uint8Array[][] = set.classNames.map(() => []);
  for (let i = 0; i < set.count; i++) per[set.labels[i]]?.push(set.images.slice(i * OWN_IMAGE_BYTES, (i + 1) * OWN_IMAGE_BYTES));
  return { ...next, classes: next.classes.map((c, k) => ({ ...c, images: per[k] })), usedHash: hash };
}
