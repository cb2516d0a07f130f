import * as tf from '@tensorflow/tfjs-core';
import type { AnyDataset } from '../data/types';
import { gatherInput, gatherLabels, sampleShape } from './batches';

/** Images per evaluation chunk: a chunk's forward pass is a few ms on wasm, so the loop can yield between chunks. */
const EVAL_CHUNK = 500;

/**
 * Test samples a snapshot embeds, as tensors ready for the forward pass: the session's whole shown
 * set, or an evenly strided part of it (the frames while training, see `stridedPositions`).
 */
export interface ShownSet {
  /** dataset indices (test split) */
  idx: Int32Array;
  /** positions within the session's whole shown set; null for the whole set */
  positions: Int32Array | null;
  chunks: tf.Tensor4D[];
  labelChunks: tf.Tensor1D[];
  /** 1 where the sample belongs to a held-out class */
  unknown: Uint8Array;
}

export function buildShownSet(ds: AnyDataset, idx: Int32Array, positions: Int32Array | null, unknownClasses: ReadonlySet<number>): ShownSet {
  const set: ShownSet = { idx, positions, chunks: [], labelChunks: [], unknown: Uint8Array.from(idx, (i) => (unknownClasses.has(ds.test.labels[i]) ? 1 : 0)) };
  try {
    for (let i = 0; i < idx.length; i += EVAL_CHUNK) {
      const part = idx.subarray(i, i + EVAL_CHUNK);
      set.chunks.push(tf.tensor4d(gatherInput(ds, 'test', part), [part.length, ...sampleShape(ds)]));
      set.labelChunks.push(tf.tensor1d(gatherLabels(ds.test, part), 'int32'));
    }
  } catch (e) {
    disposeShownSet(set);
    throw e;
  }
  return set;
}

export function disposeShownSet(set: ShownSet): void {
  tf.dispose(set.chunks);
  tf.dispose(set.labelChunks);
}

/**
 * `count` positions spread evenly over a shown set of `n` samples. The shown set is sorted by class
 * with the same number of samples per class, so every class keeps its share of the points.
 */
export function stridedPositions(n: number, count: number): Int32Array {
  const m = Math.max(0, Math.min(n, Math.floor(count)));
  return Int32Array.from({ length: m }, (_, k) => Math.floor((k * n) / m));
}

/**
 * The session's whole shown set and, for snapshots of fewer points, one evenly strided part of it,
 * kept for the next frame of the same size (frames while training ask for the same size each time).
 */
export class ShownSets {
  readonly whole: ShownSet;
  private part: ShownSet | null = null;

  constructor(private readonly ds: AnyDataset, private readonly idx: Int32Array, private readonly unknownClasses: ReadonlySet<number>) {
    this.whole = buildShownSet(ds, idx, null, unknownClasses);
  }

  /** The set a snapshot of `points` shown samples embeds: the whole set, or (fewer) a strided part. */
  of(points: number | undefined): ShownSet {
    const n = this.idx.length;
    if (points === undefined || points >= n) return this.whole;
    const m = Math.max(1, Math.floor(points));
    if (this.part?.idx.length !== m) {
      if (this.part) disposeShownSet(this.part);
      this.part = null;
      const positions = stridedPositions(n, m);
      this.part = buildShownSet(this.ds, Int32Array.from(positions, (k) => this.idx[k]), positions, this.unknownClasses);
    }
    return this.part;
  }

  dispose(): void {
    disposeShownSet(this.whole);
    if (this.part) disposeShownSet(this.part);
    this.part = null;
  }
}
