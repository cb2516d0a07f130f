/**
 * The synthetic 2-D sets (issue 12, preset toy-2d): Gaussian blobs and spiral arms, a few classes of
 * points in the plane, as in the TensorFlow Playground. Each loss's geometry shows directly when the
 * input is already 2-D and a small MLP trains in seconds. Pure and seeded: the same set on every
 * machine and every visit (the experiment's seed moves the weights and batches, not the data, as it
 * does for MNIST).
 */
import seedrandom from 'seedrandom';
import { DATASET_CLASSES } from '../config/config';
import type { PointDataset, PointSplit } from './types';

export type ToyId = PointDataset['id'];
export const TOY_IDS: readonly ToyId[] = ['toy-blobs', 'toy-spirals'];

export const TOY_TRAIN = 4000;
export const TOY_TEST = 1000;
/** the data's own seed (fixed: see above) */
const DATA_SEED = 1;

/** blob centers on a circle of this radius, one per class, with this standard deviation */
const BLOB_RADIUS = 1;
const BLOB_STD = 0.25;
/** each spiral arm turns this far (in turns) from the middle out, with this noise */
const SPIRAL_TURNS = 0.75;
const SPIRAL_NOISE = 0.04;
const SPIRAL_INNER = 0.1;

export function isToyDataset(id: string): id is ToyId {
  return (TOY_IDS as readonly string[]).includes(id);
}

/** Standard normal from two uniforms (Box–Muller); 1 − u keeps the log finite. */
function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** A point of class k of `classes` Gaussian blobs whose centers sit evenly on a circle. */
function blobPoint(k: number, classes: number, rng: () => number): [number, number] {
  const a = (2 * Math.PI * k) / classes + Math.PI / 2;
  return [BLOB_RADIUS * Math.cos(a) + BLOB_STD * gaussian(rng), BLOB_RADIUS * Math.sin(a) + BLOB_STD * gaussian(rng)];
}

/**
 * A point on spiral arm k of `classes`: the arms start evenly spread around the middle and wind
 * outwards side by side, so no straight line separates two of them.
 */
function spiralPoint(k: number, classes: number, rng: () => number): [number, number] {
  const t = rng();
  const r = SPIRAL_INNER + (1 - SPIRAL_INNER) * t;
  const a = (2 * Math.PI * k) / classes + 2 * Math.PI * SPIRAL_TURNS * t;
  return [r * Math.cos(a) + SPIRAL_NOISE * gaussian(rng), r * Math.sin(a) + SPIRAL_NOISE * gaussian(rng)];
}

/** `count` points, classes in turn (balanced), from the seeded stream `stream`. */
export function toySplit(id: ToyId, count: number, stream: string): PointSplit {
  const classes = DATASET_CLASSES[id];
  const rng = seedrandom(`${id}:${stream}`);
  const draw = id === 'toy-blobs' ? blobPoint : spiralPoint;
  const points = new Float32Array(2 * count);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % classes;
    const [x, y] = draw(k, classes, rng);
    points[2 * i] = x;
    points[2 * i + 1] = y;
    labels[i] = k;
  }
  return { points, labels, count };
}

const DESCRIPTION: Record<ToyId, string> = {
  'toy-blobs': 'Gaussian blobs',
  'toy-spirals': 'spiral arms',
};

const formatCount = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

/** One of the toy sets: TOY_TRAIN training and TOY_TEST test points, drawn from separate streams. */
export function toyDataset(id: ToyId): PointDataset {
  const classes = DATASET_CLASSES[id];
  return {
    id,
    kind: 'points',
    description: `Toy 2-D ${DESCRIPTION[id]}: ${classes} classes, ${formatCount(TOY_TRAIN)} train / ${formatCount(TOY_TEST)} test points (synthetic, seeded)`,
    dims: 2,
    classNames: Array.from({ length: classes }, (_, k) => String(k)),
    train: toySplit(id, TOY_TRAIN, `train:${DATA_SEED}`),
    test: toySplit(id, TOY_TEST, `test:${DATA_SEED}`),
  };
}
