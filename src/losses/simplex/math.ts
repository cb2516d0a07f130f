import * as tf from '@tensorflow/tfjs-core';
import { pairwiseDistance } from '../common/distance';
import { asIntLabels } from '../common/numerics';
import { crossEntropyPerSample } from '../softmax/math';
import { simplexDimError, simplexMinDim } from './dims';

export { simplexDimError, simplexMinDim } from './dims';

/**
 * Simplex centers ("Reaching Nirvana", Cevikalp et al.; docs/losses.md §6): fixed class centers at the
 * vertices of a regular simplex inscribed in a sphere of radius u, and losses that pull each sample to
 * its class's vertex.
 */

/**
 * The first `classes` vertices of the regular simplex in R^dim (dim + 1 vertices), scaled to radius u:
 * v_0 = 1/√k, v_j = c·1 + s·e_j with c = −(1 + √(k+1)) / k^{3/2}, s = √((k+1)/k), k = dim.
 * Computed in float64; throws when dim < classes − 1.
 */
export function simplexCenters(classes: number, dim: number, u: number): number[][] {
  if (!Number.isInteger(classes) || classes < 1) throw new Error(`the simplex loss needs at least one class (got ${classes})`);
  if (!Number.isInteger(dim) || dim < simplexMinDim(classes)) throw new Error(simplexDimError(classes, dim));
  const k = dim;
  const c = -(1 + Math.sqrt(k + 1)) / Math.pow(k, 1.5);
  const s = Math.sqrt((k + 1) / k);
  const out: number[][] = [];
  for (let j = 0; j < classes; j++) {
    const v = new Array<number>(k).fill(j === 0 ? 1 / Math.sqrt(k) : c);
    if (j > 0) v[j - 1] += s;
    out.push(v.map((x) => x * u));
  }
  return out;
}

export function simplexCentersTensor(classes: number, dim: number, u: number): tf.Tensor2D {
  return tf.tensor2d(simplexCenters(classes, dim, u), [classes, dim], 'float32');
}

/** The hinge's τ = ‖v_0 − v_1‖ / 10 = u·√(2(k+1)/k) / 10 (all vertex distances are equal). */
export function simplexHingeTau(classes: number, dim: number, u: number): number {
  const v = simplexCenters(Math.max(classes, 2), dim, u);
  return Math.hypot(...v[0].map((x, i) => x - v[1][i])) / 10;
}

/** Default loss, PyTorch's MSELoss as the original: mean over B·d of (f − v_y)². */
export function simplexMseLoss(f: tf.Tensor2D, centers: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(f, tf.gather(centers, asIntLabels(labels)))) as tf.Scalar);
}

/** Hinge variant: Σ_i [‖f_i − v_{y_i}‖² − τ]₊ / (4B). */
export function simplexHingeLoss(f: tf.Tensor2D, centers: tf.Tensor2D, labels: tf.Tensor1D, tau: number): tf.Scalar {
  return tf.tidy(() => {
    const sq = tf.sum(tf.squaredDifference(f, tf.gather(centers, asIntLabels(labels))), 1);
    return tf.div(tf.sum(tf.relu(tf.sub(sq, tau))), 4 * f.shape[0]) as tf.Scalar;
  });
}

/** Softmax variant: logits f·Vᵀ, −mean over the B·C entries of onehot · log softmax (the original's averaging). */
export function simplexSoftmaxLoss(f: tf.Tensor2D, centers: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const logits = tf.matMul(f, centers, false, true) as tf.Tensor2D;
    return tf.div(tf.sum(crossEntropyPerSample(logits, labels)), f.shape[0] * centers.shape[0]) as tf.Scalar;
  });
}

/** Nearest center (Euclidean) per sample and its distance (the open-set unknown score). */
export function nearestCenter(f: tf.Tensor2D, centers: tf.Tensor2D): { index: tf.Tensor1D; distance: tf.Tensor1D } {
  return tf.tidy(() => {
    const d = pairwiseDistance(f, centers, { squared: true });
    return {
      index: tf.argMin(d, 1) as tf.Tensor1D,
      distance: tf.sqrt(tf.min(d, 1)) as tf.Tensor1D,
    };
  });
}
