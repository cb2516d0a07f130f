/**
 * Which class each file of a loaded folder or .zip belongs to: one sub-folder per class, the folder's
 * name is the class's name. Folders every file shares ("my-set/" around the classes) are looked
 * through; a file deeper than its class folder belongs to that class; a folder of images alone is one
 * class. The order is fixed (a numeric-aware comparison that does not depend on the browser's
 * locale), so the same folder gives the same set, and the same content hash, anywhere.
 */
import { skipByName } from './imageHeader';
import { cleanClassName } from './ownImages';

/** The list of class names, one a line, that an exported set carries so its classes keep their order. */
export const CLASS_LIST_FILE = 'classes.txt';

/** System files that hold no image of the user's (macOS resource forks and folder metadata, Windows thumbnails). */
export function isSystemFile(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.') || part === '__MACOSX' || /^(thumbs\.db|desktop\.ini)$/i.test(part));
}

/** Compares names as people sort them (img2 before img10), by code units otherwise: the same everywhere. */
export function compareNames(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      // by value without Number() (which loses digits past 2^53): length once leading zeros go, then text
      const tx = x.replace(/^0+/, '');
      const ty = y.replace(/^0+/, '');
      if (tx.length !== ty.length) return tx.length - ty.length;
      if (tx !== ty) return tx < ty ? -1 : 1;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

export interface Grouped {
  /** class names in the set's order */
  classes: string[];
  /** per class, indices into the given paths, in order */
  members: number[][];
  /** paths that belong to no class, with why */
  skipped: { index: number; reason: string }[];
}

/**
 * Groups file paths ('/'-separated, relative to what was loaded) into classes. `fallback` names the
 * class when the files sit in no folder at all (images picked one by one). `classList`, the text of
 * an exported set's classes.txt, fixes the classes' order; without it they sort by name.
 */
export function groupByClass(paths: string[], fallback: string, classList?: string): Grouped {
  const dirs = paths.map((p) => p.split('/').filter(Boolean).slice(0, -1));
  let common = 0;
  if (dirs.length) {
    const first = dirs[0];
    common = Math.min(...dirs.map((d) => d.length));
    for (const d of dirs) {
      let k = 0;
      while (k < common && d[k] === first[k]) k++;
      common = k;
    }
  }
  const skipped: Grouped['skipped'] = [];
  const byName = new Map<string, number[]>();
  const add = (name: string, i: number) => {
    const list = byName.get(name);
    if (list) list.push(i);
    else byName.set(name, [i]);
  };
  const allAtOneLevel = dirs.every((d) => d.length === common);
  paths.forEach((_, i) => {
    const d = dirs[i];
    // every file in the same folder: that folder is the one class (or, with no folder, the fallback)
    const raw = allAtOneLevel ? (common > 0 ? d[common - 1] : fallback) : d.length > common ? d[common] : null;
    if (raw === null) { skipped.push({ index: i, reason: 'not inside a class folder (put it in the folder named after its class)' }); return; }
    const name = cleanClassName(raw);
    if (!name) { skipped.push({ index: i, reason: `its folder name "${raw}" leaves no class name` }); return; }
    add(name, i);
  });
  const listed = (classList ?? '').split(/\r?\n/).map(cleanClassName).filter((n, k, all) => n && all.indexOf(n) === k);
  const rank = new Map(listed.map((n, k) => [n, k]));
  const classes = [...byName.keys()].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || compareNames(a, b));
  const members = classes.map((c) => (byName.get(c) ?? []).sort((a, b) => compareNames(paths[a], paths[b])));
  return { classes, members, skipped };
}

export interface DecodePlan {
  /** the classes to decode, in order, each with the indices of its files (within the image limit) */
  classes: { name: string; members: number[] }[];
  /** files skipped before decoding, with why */
  skipped: { index: number; reason: string }[];
  /** images left out because the set would pass its limit */
  overLimit: number;
  /** classes left out because the set would pass its limit, with their image counts */
  extraClasses: { name: string; count: number }[];
}

/** A file to plan: its path, and what it came in (its root: a zip, a dropped folder, loose files). */
export interface PlanEntry {
  path: string;
  /** files of one root are grouped together: a zip, a top-level folder, or '' for loose files */
  root: string;
  /** the class name when the root's files sit in no folder (a zip of images alone: its name) */
  fallback: string;
}

/**
 * What to decode of what was loaded: system files dropped silently, files that are surely not
 * images skipped by name, the rest grouped into classes root by root (a zip beside a folder beside
 * loose images each keep their own layout) and classes of the same name joined, at most `maxClasses`
 * classes and `maxImages` images. Over the image limit each class keeps an even share (round
 * robin), so a large class cannot crowd the others out.
 */
export function planDecode(entries: PlanEntry[], classList: string | undefined, maxClasses: number, maxImages: number): DecodePlan {
  const skipped: DecodePlan['skipped'] = [];
  const roots = new Map<string, number[]>();
  entries.forEach((e, i) => {
    if (isSystemFile(e.path)) return;
    const why = skipByName(e.path);
    if (why) { skipped.push({ index: i, reason: why }); return; }
    const list = roots.get(e.root);
    if (list) list.push(i);
    else roots.set(e.root, [i]);
  });
  const byName = new Map<string, number[]>();
  for (const kept of roots.values()) {
    const grouped = groupByClass(kept.map((i) => entries[i].path), entries[kept[0]].fallback, classList);
    for (const s of grouped.skipped) skipped.push({ index: kept[s.index], reason: s.reason });
    grouped.classes.forEach((name, c) => byName.set(name, [...(byName.get(name) ?? []), ...grouped.members[c].map((k) => kept[k])]));
  }
  const listed = (classList ?? '').split(/\r?\n/).map(cleanClassName);
  const rank = (n: string) => { const k = listed.indexOf(n); return k < 0 ? Infinity : k; };
  const all = [...byName.keys()].sort((a, b) => rank(a) - rank(b) || compareNames(a, b)).map((name) => ({ name, members: byName.get(name) ?? [] }));
  const classes = all.slice(0, Math.max(0, maxClasses));
  const extraClasses = all.slice(classes.length).map((c) => ({ name: c.name, count: c.members.length }));
  const take = classes.map(() => 0);
  let budget = Math.max(0, maxImages);
  for (let added = true; budget > 0 && added;) {
    added = false;
    classes.forEach((c, k) => {
      if (budget > 0 && take[k] < c.members.length) { take[k]++; budget--; added = true; }
    });
  }
  const overLimit = classes.reduce((n, c, k) => n + c.members.length - take[k], 0);
  return { classes: classes.map((c, k) => ({ name: c.name, members: c.members.slice(0, take[k]) })), skipped, overLimit, extraClasses };
}
