/**
 * "Your images": a set of classes the user made (folder, zip, picked files, webcam), each image
 * centre-cropped and resized to 32×32 RGB, so that it trains on the CIFAR-10 network with its
 * augmentation. The rules every way in shares: the limits, what a set needs before it can train, the
 * seeded per-class test split, and the Dataset the trainer gets. Plain functions: page, decode worker,
 * training worker and tests use them alike.
 */
import seedrandom from 'seedrandom';
import { MAX_OWN_CLASSES } from '../config/config';
import { formatCount } from './cifarFormat';
import { channelStats } from './stats';
import { DataError, type Dataset, type ImageSplit } from './types';

export { formatCount };

export const OWN_SIDE = 32;
export const OWN_CHANNELS = 3;
/** bytes of one image: 32 × 32 × RGB, HWC as every Dataset keeps it */
export const OWN_IMAGE_BYTES = OWN_SIDE * OWN_SIDE * OWN_CHANNELS;
export const MAX_CLASSES = MAX_OWN_CLASSES;
export const MAX_IMAGES = 10_000;
/** a class needs this many images: with 20 % held out for testing, four train and one tests */
export const MIN_PER_CLASS = 5;
export const TEST_SHARE = 0.2;
/** longest class name kept (a folder name can be 255 characters; a legend cannot show that) */
export const MAX_CLASS_NAME = 40;

export const OWN_IMAGES_FIX =
  'Load a .zip or a folder with one sub-folder of images per class (the folder\'s name is the class\'s name), add images to a class, or record it with the webcam.';

/** The set as it trains: images of every class, class-major order not required. */
export interface OwnImageSet {
  classNames: string[];
  /** count × 3 072 bytes, HWC */
  images: Uint8Array;
  /** one class index per image */
  labels: Uint8Array;
  count: number;
}

/**
 * A name the legend, a file path and a link can carry: control characters and path separators
 * dropped, spaces collapsed, at most MAX_CLASS_NAME characters. Empty when nothing is left.
 */
export function cleanClassName(raw: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is dropped
  return raw.replace(/[\u0000-\u001f\u007f/\\]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_CLASS_NAME).trim();
}

/** Images per class. */
export function classCounts(labels: ArrayLike<number>, classes: number): number[] {
  const out = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) if (labels[i] < classes) out[labels[i]]++;
  return out;
}

/** The test share of a class of n images: 20 %, rounded, at least one (n ≥ 2). */
export function testCount(n: number): number {
  return n < 2 ? 0 : Math.max(1, Math.round(n * TEST_SHARE));
}

/**
 * What keeps a set of classes (name, image count) from training, as sentences that say what is
 * missing; empty when it can start.
 */
export function trainingProblems(classes: { name: string; count: number }[]): string[] {
  const out: string[] = [];
  const filled = classes.filter((c) => c.count > 0);
  if (filled.length < 2) {
    out.push(filled.length === 0
      ? 'No class has images yet: training needs at least two classes of at least 5 images each.'
      : `Only one class (${filled[0].name}) has images: add a second class of at least ${MIN_PER_CLASS} images.`);
  }
  for (const c of classes) {
    if (c.count < MIN_PER_CLASS) {
      out.push(`${c.name || 'A class without a name'} has ${c.count} image${c.count === 1 ? '' : 's'}: each class needs at least ${MIN_PER_CLASS} (${MIN_PER_CLASS - c.count} more), or remove it.`);
    }
  }
  if (classes.length > MAX_CLASSES) out.push(`${classes.length} classes: at most ${MAX_CLASSES} fit (remove ${classes.length - MAX_CLASSES}).`);
  const total = classes.reduce((n, c) => n + c.count, 0);
  if (total > MAX_IMAGES) out.push(`${formatCount(total)} images: at most ${formatCount(MAX_IMAGES)} fit.`);
  const names = new Set<string>();
  for (const c of classes) {
    if (!c.name) out.push('A class has no name: give it one.');
    else if (names.has(c.name)) out.push(`Two classes are named ${c.name}: rename one.`);
    names.add(c.name);
  }
  return out;
}

/** Checks a set's shape and rules; throws a DataError saying what is wrong. */
export function checkOwnImageSet(set: OwnImageSet): void {
  const classes = set.classNames.length;
  if (!Number.isInteger(set.count) || set.count < 0 || set.labels.length !== set.count || set.images.length !== set.count * OWN_IMAGE_BYTES) {
    throw new DataError(`The image set is malformed: ${set.count} images, ${set.labels.length} labels, ${set.images.length} bytes of pixels.`, OWN_IMAGES_FIX);
  }
  if (set.labels.some((y) => y >= classes)) throw new DataError(`An image's class is outside the ${classes} classes of the set.`, OWN_IMAGES_FIX);
  const counts = classCounts(set.labels, classes);
  const problems = trainingProblems(set.classNames.map((name, c) => ({ name, count: counts[c] })));
  if (set.classNames.some((n) => cleanClassName(n) !== n)) problems.push('A class name holds characters a name cannot (control characters or slashes).');
  if (problems.length) throw new DataError(problems.join(' '), OWN_IMAGES_FIX);
}

/**
 * The seeded split: of each class, testCount(n) images test, the rest train. Seeded by the set's own
 * hash, so that the same set splits the same way in any browser and in the PyTorch export, whatever
 * the experiment's seed. Returns the images' indices, in the set's order within each split.
 */
export function splitOwnImages(labels: Uint8Array, classes: number, hash: string): { train: Int32Array; test: Int32Array } {
  const rng = seedrandom(`own-images:split:${hash}`);
  const isTest = new Uint8Array(labels.length);
  const members: number[][] = Array.from({ length: classes }, () => []);
  labels.forEach((y, i) => members[y].push(i));
  for (const m of members) {
    // a partial Fisher–Yates: the first testCount(n) of a seeded shuffle go to the test split
    const k = testCount(m.length);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rng() * (m.length - i));
      [m[i], m[j]] = [m[j], m[i]];
      isTest[m[i]] = 1;
    }
  }
  const train: number[] = [];
  const test: number[] = [];
  isTest.forEach((t, i) => (t ? test : train).push(i));
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

function gather(set: OwnImageSet, idx: Int32Array): ImageSplit {
  const images = new Uint8Array(idx.length * OWN_IMAGE_BYTES);
  idx.forEach((i, k) => images.set(set.images.subarray(i * OWN_IMAGE_BYTES, (i + 1) * OWN_IMAGE_BYTES), k * OWN_IMAGE_BYTES));
  return { images, labels: Uint8Array.from(idx, (i) => set.labels[i]), count: idx.length };
}

/** Both splits of a set, as the trainer and the PyTorch export see them. */
export function ownImageSplits(set: OwnImageSet, hash: string): { train: ImageSplit; test: ImageSplit } {
  const { train, test } = splitOwnImages(set.labels, set.classNames.length, hash);
  return { train: gather(set, train), test: gather(set, test) };
}

/** "train 40 / test 10 per class" where every class splits alike, else the range. */
export function perClassSplit(counts: number[]): string {
  const tests = counts.map(testCount);
  const trains = counts.map((n, c) => n - tests[c]);
  const range = (v: number[]) => (Math.min(...v) === Math.max(...v) ? formatCount(v[0]) : `${formatCount(Math.min(...v))}–${formatCount(Math.max(...v))}`);
  return `train ${range(trains)} / test ${range(tests)} per class`;
}

/** The set as a Dataset on the CIFAR-10 network; normalisation from its training pixels. */
export function ownImagesDataset(set: OwnImageSet, hash: string): Dataset {
  checkOwnImageSet(set);
  const { train, test } = ownImageSplits(set, hash);
  const { mean, std } = channelStats(train.images, OWN_CHANNELS);
  const counts = classCounts(set.labels, set.classNames.length);
  const description = `Your images: ${set.classNames.length} classes, ${formatCount(train.count)} train / ${formatCount(test.count)} test (${perClassSplit(counts)})`;
  return {
    id: 'own-images', kind: 'image', imageSet: hash, description, height: OWN_SIDE, width: OWN_SIDE, channels: OWN_CHANNELS,
    classNames: [...set.classNames], mean, std, train, test,
  };
}
