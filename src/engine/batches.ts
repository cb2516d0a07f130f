import seedrandom from 'seedrandom';
import type { AnyDataset, Dataset, ImageSplit, PointSplit } from '../data/types';

/**
 * Class-balanced evaluation subset of the test split: the same indices for a given seed, so every run
 * and every snapshot embeds the same images.
 */
export function balancedSubset(labels: Uint8Array, classes: number, size: number, seed: number): Int32Array {
  const rng = seedrandom(`eval:${seed}`);
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  labels.forEach((y, i) => byClass[y].push(i));
  for (const list of byClass) shuffleInPlace(list, rng);
  const out: number[] = [];
  // round-robin over classes so the subset stays balanced even when size is not a multiple of C
  for (let k = 0; out.length < size; k++) {
    let added = false;
    for (const list of byClass) {
      if (k < list.length && out.length < size) { out.push(list[k]); added = true; }
    }
    if (!added) break;
  }
  return Int32Array.from(out.sort((a, b) => labels[a] - labels[b] || a - b));
}

export function shuffleInPlace<T>(a: T[] | Int32Array, rng: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
}

export interface Augment {
  /** pad-and-crop offset range in pixels (0 = off) */
  pad: number;
  flip: boolean;
  rng: () => number;
}

/**
 * Normalised float32 NHWC pixels for the given samples: (x/255 − mean_c)/std_c. With augmentation,
 * each sample is shifted by a random offset in [−pad, pad] (zero padding, as a random crop of the
 * padded image) and mirrored with probability ½.
 */
export function gatherBatch(ds: Dataset, split: ImageSplit, indices: ArrayLike<number>, aug?: Augment): Float32Array {
  const { height: H, width: W, channels: C } = ds;
  const per = H * W * C;
  const out = new Float32Array(indices.length * per);
  const scale = ds.std.map((s) => 1 / (255 * s));
  const shift = ds.mean.map((m, c) => -m / ds.std[c]);
  for (let b = 0; b < indices.length; b++) {
    const src = indices[b] * per;
    const dst = b * per;
    if (!aug || (aug.pad === 0 && !aug.flip)) {
      for (let p = 0; p < per; p++) {
        const c = p % C;
        out[dst + p] = split.images[src + p] * scale[c] + shift[c];
      }
      continue;
    }
    const dy = aug.pad ? Math.floor(aug.rng() * (2 * aug.pad + 1)) - aug.pad : 0;
    const dx = aug.pad ? Math.floor(aug.rng() * (2 * aug.pad + 1)) - aug.pad : 0;
    const flip = aug.flip && aug.rng() < 0.5;
    for (let y = 0; y < H; y++) {
      const sy = y + dy;
      for (let x = 0; x < W; x++) {
        const sx0 = x + dx;
        const sx = flip ? W - 1 - sx0 : sx0;
        for (let c = 0; c < C; c++) {
          const inside = sy >= 0 && sy < H && sx >= 0 && sx < W;
          // outside the image is zero padding in raw pixel space, i.e. black before normalisation
          const v = inside ? split.images[src + (sy * W + sx) * C + c] : 0;
          out[dst + (y * W + x) * C + c] = v * scale[c] + shift[c];
        }
      }
    }
  }
  return out;
}

/** The toy sets' coordinates for the given samples, as they are (they are already of unit scale). */
export function gatherPoints(split: PointSplit, dims: number, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * dims);
  for (let b = 0; b < indices.length; b++) out.set(split.points.subarray(indices[b] * dims, (indices[b] + 1) * dims), b * dims);
  return out;
}

/** One sample's shape as the network takes it (NHWC): an image's, or 1×1×dims for a point. */
export function sampleShape(ds: AnyDataset): [number, number, number] {
  return ds.kind === 'points' ? [1, 1, ds.dims] : [ds.height, ds.width, ds.channels];
}

/** The network's input for samples of a split, in sampleShape's layout; augmentation applies to images only. */
export function gatherInput(ds: AnyDataset, which: 'train' | 'test', indices: ArrayLike<number>, aug?: Augment): Float32Array {
  if (ds.kind === 'points') return gatherPoints(ds[which], ds.dims, indices);
  return gatherBatch(ds, ds[which], indices, aug);
}

export function gatherLabels(split: { labels: Uint8Array }, indices: ArrayLike<number>): Int32Array {
  const out = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = split.labels[indices[i]];
  return out;
}
