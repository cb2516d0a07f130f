import * as tf from '@tensorflow/tfjs-core';
import { asIntLabels, labelDifferences } from '../common/numerics';

/**
 * Category + binary verification (the Baidu-dogs approach, docs/losses.md §5): the binary term. A pair head
 * on (f_i − f_j)² gives p_same = sigmoid((f_i − f_j)² · w + b); the loss is the mean BCE against
 * [y_i = y_j]. BCE is softplus(z) − t·z, which is exact for any logit z and has the right gradient at
 * z = 0 (a zero-initialised head starts there).
 */
export function pairLogits(f: tf.Tensor2D, pairs: tf.Tensor2D, w: tf.Tensor1D, b: tf.Scalar | number): tf.Tensor1D {
  return tf.tidy(() => {
    const idx = tf.cast(pairs, 'int32');
    const [i, j] = tf.unstack(idx, 1);
    const x = tf.squaredDifference(tf.gather(f, i), tf.gather(f, j));
    return tf.add(tf.squeeze(tf.matMul(x, tf.expandDims(w, 1)), [1]), b) as tf.Tensor1D;
  });
}

/** [y_i = y_j] per pair, float. */
export function pairTargets(labels: tf.Tensor1D, pairs: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const y = asIntLabels(labels);
    const [i, j] = tf.unstack(tf.cast(pairs, 'int32'), 1);
    return tf.cast(tf.equal(tf.gather(y, i), tf.gather(y, j)), 'float32') as tf.Tensor1D;
  });
}

/** Mean binary cross-entropy of the pair head; 0 for a batch without pairs. */
export function pairBinaryLoss(
  f: tf.Tensor2D, labels: tf.Tensor1D, pairs: tf.Tensor2D, w: tf.Tensor1D, b: tf.Scalar | number,
): tf.Scalar {
  return tf.tidy(() => {
    if (pairs.shape[0] === 0) return tf.scalar(0);
    const z = pairLogits(f, pairs, w, b);
    const t = pairTargets(labels, pairs);
    return tf.mean(tf.sub(tf.softplus(z), tf.mul(t, z))) as tf.Scalar;
  });
}

/**
 * Deterministic in-batch pairing: sample i is paired with the next sample (cyclically, in batch order)
 * that shares its label when i is even, and with the next one that does not when i is odd; when the
 * wanted kind does not exist the other kind is used. A P×K batch thus gives about half positive pairs,
 * like the original's swapping of same-class samples into pair slots. Returns [B][2] (none if B < 2).
 */
export function makePairs(labels: ArrayLike<number>): [number, number][] {
  const n = labels.length;
  const out: [number, number][] = [];
  if (n < 2) return out;
  for (let i = 0; i < n; i++) {
    let same = -1;
    let diff = -1;
    for (let k = 1; k < n && (same < 0 || diff < 0); k++) {
      const j = (i + k) % n;
      if (labels[j] === labels[i]) { if (same < 0) same = j; } else if (diff < 0) diff = j;
    }
    const wantSame = i % 2 === 0;
    out.push([i, wantSame ? (same >= 0 ? same : diff) : (diff >= 0 ? diff : same)]);
  }
  return out;
}

/** {@link makePairs} with tensor ops, so the worker need not read labels back from the GPU. */
export function makePairsTensor(labels: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const n = labels.shape[0];
    if (n < 2) return tf.zeros([0, 2], 'int32') as tf.Tensor2D;
    const idx = tf.range(0, n, 1, 'int32');
    // cyclic offset of j after i, in 1..n−1 (0 on the diagonal, which is never a candidate); in float32
    // (exact for these integers) for the reason labelDifferences gives
    const idxF = tf.cast(idx, 'float32');
    const offset = tf.mod(tf.add(tf.sub(tf.expandDims(idxF, 0), tf.expandDims(idxF, 1)), n), n);
    const same = tf.equal(labelDifferences(labels), 0);
    const notSelf = tf.notEqual(offset, 0);
    const big = tf.fill([n, n], 2 * n, 'float32');
    const firstOf = (mask: tf.Tensor) => tf.argMin(tf.where(tf.logicalAnd(mask, notSelf), offset, big), 1);
    const hasOf = (mask: tf.Tensor) => tf.any(tf.logicalAnd(mask, notSelf), 1);
    const sameJ = firstOf(same);
    const diffJ = firstOf(tf.logicalNot(same));
    const wantSame = tf.equal(tf.mod(idx, 2), 0);
    const useSame = tf.logicalOr(tf.logicalAnd(wantSame, hasOf(same)), tf.logicalNot(hasOf(tf.logicalNot(same))));
    const partner = tf.where(useSame, sameJ, diffJ);
    return tf.stack([idx, tf.cast(partner, 'int32')], 1) as tf.Tensor2D;
  });
}
