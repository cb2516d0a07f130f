import * as tf from '@tensorflow/tfjs-core';
import { asIntLabels } from '../common/numerics';

/**
 * Center loss term (Wen et al., ECCV 2016; docs/losses.md §3) without λ: L_c = ½ · mean_i ‖f_i − c_{y_i}‖².
 * Centers are a constant here (updated by {@link updateCenters}, not by the optimiser), so the gradient
 * w.r.t. f_i is (f_i − c_{y_i}) / B.
 */
export function centerLoss(f: tf.Tensor2D, centers: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const cy = tf.gather(centers, asIntLabels(labels));
    return tf.mul(0.5, tf.mean(tf.sum(tf.square(tf.sub(f, cy)), 1))) as tf.Scalar;
  });
}

/**
 * One center update, exactly docs/losses.md §3: for each class k in the batch,
 * Δc_k = Σ_{i: y_i = k} (c_k − f_i) / (1 + n_k), c_k ← c_k − α_c · Δc_k. Classes absent from the batch
 * have n_k = 0 and Σ = 0, so they do not move. Returns new centers; the inputs are not modified.
 */
export function updateCenters(centers: tf.Tensor2D, f: tf.Tensor2D, labels: tf.Tensor1D, rate: number): tf.Tensor2D {
  return tf.tidy(() => {
    const classes = centers.shape[0];
    const y = asIntLabels(labels);
    const counts = tf.unsortedSegmentSum(tf.ones([f.shape[0]]), y, classes).reshape([classes, 1]);
    const sums = tf.unsortedSegmentSum(f, y, classes);
    // Σ_i (c_k − f_i) = n_k c_k − Σ_i f_i
    const delta = tf.div(tf.sub(tf.mul(counts, centers), sums), tf.add(counts, 1));
    return tf.sub(centers, tf.mul(rate, delta)) as tf.Tensor2D;
  });
}

/**
 * Centers of classes seen for the first time set to their mean in this batch (docs/losses.md §3: each
 * center starts at its class's mean in the first batch that holds the class); the others unchanged. `seen` is [C][1] of 0/1; returns
 * the new centers and the new `seen`. Tensor ops only, so no read-back is needed in the training loop.
 */
export function initialiseCenters(
  centers: tf.Tensor2D, seen: tf.Tensor2D, f: tf.Tensor2D, labels: tf.Tensor1D,
): { centers: tf.Tensor2D; present: tf.Tensor2D } {
  return tf.tidy(() => {
    const classes = centers.shape[0];
    const y = asIntLabels(labels);
    const counts = tf.unsortedSegmentSum(tf.ones([f.shape[0]]), y, classes).reshape([classes, 1]);
    const means = tf.div(tf.unsortedSegmentSum(f, y, classes), tf.maximum(counts, 1));
    const inBatch = tf.cast(tf.greater(counts, 0), 'float32');
    const fresh = tf.mul(inBatch, tf.sub(1, seen)); // [C][1]: in this batch and never seen
    // where, not a 0/1 blend: a center to be replaced may hold NaN, and 0·NaN is NaN
    const next = tf.where(tf.greater(tf.broadcastTo(fresh, centers.shape), 0), means, centers) as tf.Tensor2D;
    return { centers: next, present: tf.maximum(seen, inBatch) as tf.Tensor2D };
  });
}
