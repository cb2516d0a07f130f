import * as tf from '@tensorflow/tfjs-core';
import { softmaxCrossEntropy } from '../softmax/math';

/** ε of the original heated-up softmax code: keeps ‖x‖ differentiable at x = 0. */
export const HEATED_EPS = 1e-4;

/** Row-wise x / sqrt(‖x‖² + ε) along `axis` (1: rows of f; 0: columns of W). */
export function l2Normalize(x: tf.Tensor2D, axis: 0 | 1, eps = HEATED_EPS): tf.Tensor2D {
  return tf.tidy(() => tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), axis, true), eps))) as tf.Tensor2D);
}

/**
 * z_ic = α · f̂_i · ŵ_c (Zhang et al. 2018); W is d×C without bias; α may be a learnable scalar.
 * `featureEps` is the ε of f̂ alone (default: the same ε as ŵ): a larger one leaves features near the
 * origin short of the unit circle, so they neither get a full-size logit nor a 1/‖f‖ gradient.
 */
export function heatedLogits(
  f: tf.Tensor2D, w: tf.Tensor2D, alpha: number | tf.Scalar, eps = HEATED_EPS, featureEps = eps,
): tf.Tensor2D {
  return tf.tidy(() => tf.mul(tf.matMul(l2Normalize(f, 1, featureEps), l2Normalize(w, 0, eps)), alpha) as tf.Tensor2D);
}

/** Heated-up (normalised) softmax loss, docs/losses.md §2: mean CE of the heated logits. */
export function heatedSoftmaxLoss(
  f: tf.Tensor2D, w: tf.Tensor2D, labels: tf.Tensor1D, alpha: number | tf.Scalar, eps = HEATED_EPS, featureEps = eps,
): tf.Scalar {
  return tf.tidy(() => softmaxCrossEntropy(heatedLogits(f, w, alpha, eps, featureEps), labels));
}
