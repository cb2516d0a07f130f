import * as tf from '@tensorflow/tfjs-core';

/** ε under the square root: keeps d‖a−b‖ finite at a = b (the reference vectors use 1e-12). */
export const DISTANCE_EPS = 1e-12;

export interface DistanceOptions {
  /** ‖a−b‖² instead of sqrt(‖a−b‖² + ε) */
  squared?: boolean;
  eps?: number;
}

/**
 * Pairwise squared distances ‖a_i − b_j‖², [n][m], from direct differences. The expansion
 * ‖a‖² + ‖b‖² − 2ab cancels catastrophically in float32 for near-identical rows (it leaves ~1e-7
 * noise where the truth is 0, and sqrt turns that into 3e-4); the embeddings here are small (d ≤ a few
 * hundred, batches ≤ a few hundred), so the [n][m][d] difference tensor is affordable and exact.
 */
export function pairwiseSquaredDistance(a: tf.Tensor2D, b: tf.Tensor2D = a): tf.Tensor2D {
  // sub + square, not squaredDifference: tfjs 4.22's SquaredDifference gradient does not reduce over
  // broadcast dimensions and fails the tape's shape check
  return tf.tidy(() => tf.sum(tf.square(tf.sub(tf.expandDims(a, 1), tf.expandDims(b, 0))), 2) as tf.Tensor2D);
}

/** Pairwise distances D[i][j] = sqrt(‖a_i − b_j‖² + ε), or the squared distance. Shared by the
 * miners, the triplet loss and nearest-center prediction. */
export function pairwiseDistance(a: tf.Tensor2D, b: tf.Tensor2D = a, opts: DistanceOptions = {}): tf.Tensor2D {
  return tf.tidy(() => {
    const sq = pairwiseSquaredDistance(a, b);
    return opts.squared ? sq : (tf.sqrt(tf.add(sq, opts.eps ?? DISTANCE_EPS)) as tf.Tensor2D);
  });
}
