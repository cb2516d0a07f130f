import * as tf from '@tensorflow/tfjs';
import { asIntLabels } from './numerics';

/**
 * Center loss term (Wen et al., ECCV 2016; LOSSES.md §3) without λ: L_c = ½ · mean_i ‖f_i − c_{y_i}‖².
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
 * One center update, exactly LOSSES.md §3: for each class k in the batch,
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
