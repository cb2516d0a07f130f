/**
 * Open set, scored against the known classes only: with classes held out of training, the prediction
 * and the unknown score of every loss look at the known classes' logits, centers or vertices alone —
 * a held-out class's weights or center (never trained toward, e.g. a center-loss center left at the
 * origin, or a simplex vertex nothing was pulled to) must not decide whether a sample is "known".
 * `known` is the ascending list of known class ids as an int32 tensor, or null when nothing is held out.
 */
import * as tf from '@tensorflow/tfjs-core';
import { nearestCenter } from '../simplex/math';
import { maxProbUnknownScore } from '../softmax/math';

/** The known classes' ids in ascending order: every class of `classes` but the held-out ones. */
export function knownClassIds(classes: number, heldOut: readonly number[] = []): number[] {
  const out = new Set(heldOut);
  return Array.from({ length: classes }, (_, c) => c).filter((c) => !out.has(c));
}

/** The known classes' columns of per-class scores [B][C] → [B][K] (the same tensor's values when nothing is held out). */
export function knownColumns(scores: tf.Tensor2D, known: tf.Tensor1D | null): tf.Tensor2D {
  return known ? tf.gather(scores, known, 1) : tf.clone(scores);
}

/** Positions among the known classes → class ids. */
export function classOfKnown(index: tf.Tensor1D, known: tf.Tensor1D | null): tf.Tensor1D {
  return known ? tf.gather(known, index) : tf.clone(index);
}

/** The arg-max class of logits [B][C] among the known classes. */
export function argmaxKnown(logits: tf.Tensor2D, known: tf.Tensor1D | null): tf.Tensor1D {
  return tf.tidy(() => classOfKnown(tf.argMax(knownColumns(logits, known), 1) as tf.Tensor1D, known));
}

/** Maximum-probability unknown score with the softmax taken over the known classes' logits only. */
export function maxProbUnknownKnown(logits: tf.Tensor2D, known: tf.Tensor1D | null): tf.Tensor1D {
  return tf.tidy(() => maxProbUnknownScore(knownColumns(logits, known)));
}

/** 1 − the largest of per-class similarities [B][C] (cosines) among the known classes. */
export function oneMinusMaxKnown(similarities: tf.Tensor2D, known: tf.Tensor1D | null): tf.Tensor1D {
  return tf.tidy(() => tf.sub(1, tf.max(knownColumns(similarities, known), 1)) as tf.Tensor1D);
}

/** The nearest known center (rows of `centers` [C][d] are classes) and the distance to it. */
export function nearestKnownCenter(f: tf.Tensor2D, centers: tf.Tensor2D, known: tf.Tensor1D | null): { index: tf.Tensor1D; distance: tf.Tensor1D } {
  return tf.tidy(() => {
    const { index, distance } = nearestCenter(f, known ? tf.gather(centers, known, 0) : centers);
    return { index: classOfKnown(index, known), distance };
  });
}
