import * as tf from '@tensorflow/tfjs-core';
import { asConstant, sameLabelMatrix } from '../common/numerics';

/**
 * Triplet miners (docs/losses.md §4), in the spirit of pytorch-metric-learning's miners: each turns the
 * pairwise distance matrix D and the labels into constant selection masks; the triplet loss then
 * combines D with those masks, so gradients reach the embeddings only through D.
 */
export type MiningStrategy = 'batch_all' | 'batch_hard' | 'semi_hard';

export const MINING_STRATEGIES: readonly MiningStrategy[] = ['batch_all', 'batch_hard', 'semi_hard'];

/** Positive pairs (same label, a ≠ p) and negatives (different label) as float masks [a][x]. */
export function labelMasks(labels: tf.Tensor1D): { positive: tf.Tensor2D; negative: tf.Tensor2D } {
  return tf.tidy(() => {
    const same = sameLabelMatrix(labels);
    const n = same.shape[0];
    return {
      positive: tf.sub(same, tf.eye(n)) as tf.Tensor2D,
      negative: tf.sub(1, same) as tf.Tensor2D,
    };
  });
}

/** Batch-all: every valid (a, p, n) — y_a = y_p, a ≠ p, y_n ≠ y_a — as a float mask [a][p][n]. */
export function batchAllTriplets(labels: tf.Tensor1D): tf.Tensor3D {
  return tf.tidy(() => {
    const { positive, negative } = labelMasks(labels);
    return tf.mul(tf.expandDims(positive, 2), tf.expandDims(negative, 1)) as tf.Tensor3D;
  });
}

export interface BatchHardSelection {
  /** one-hot [a][p] of the hardest (farthest) positive of each anchor */
  positive: tf.Tensor2D;
  /** one-hot [a][n] of the hardest (closest) negative of each anchor */
  negative: tf.Tensor2D;
  /** 1 for anchors that have both a positive and a negative; the others are skipped */
  anchors: tf.Tensor1D;
}

/**
 * Batch-hard (Hermans et al. 2017): per anchor, max_p D(a,p) and min_n D(a,n). A tie goes to the first
 * index, as a max over a dimension does in PyTorch (the reference vectors were made that way; semi-hard
 * below instead follows TensorFlow, whose reduce_min shares the gradient among ties).
 */
export function batchHardMiner(dist: tf.Tensor2D, labels: tf.Tensor1D): BatchHardSelection {
  return tf.tidy(() => {
    const n = dist.shape[0];
    const { positive, negative } = labelMasks(labels);
    const picked = asConstant(dist, (d) => {
      const farthestPositive = tf.argMax(tf.where(tf.greater(positive, 0), d, -Infinity), 1);
      const closestNegative = tf.argMin(tf.where(tf.greater(negative, 0), d, Infinity), 1);
      return tf.stack([tf.oneHot(farthestPositive, n), tf.oneHot(closestNegative, n)]);
    });
    const [pos, neg] = tf.unstack(picked);
    const anchors = tf.mul(tf.cast(tf.greater(tf.sum(positive, 1), 0), 'float32'), tf.cast(tf.greater(tf.sum(negative, 1), 0), 'float32'));
    return { positive: pos as tf.Tensor2D, negative: neg as tf.Tensor2D, anchors: anchors as tf.Tensor1D };
  });
}

export interface SemiHardSelection {
  /** mask [a][p] of the positive pairs that count (a ≠ p, same label, the anchor has a negative) */
  positivePairs: tf.Tensor2D;
  /** weights [a][p][n] selecting the negative chosen for the pair (a, p) (ties share) */
  negative: tf.Tensor3D;
}

/**
 * Semi-hard mining exactly as TensorFlow's `triplet_semihard_loss` (Schroff et al. 2015): for each
 * positive pair (a, p) the negative is the closest n with D(a,n) > D(a,p); if there is none, the
 * farthest negative max_n D(a,n). The only departure: an anchor without any negative (a one-class
 * batch) contributes nothing, where TensorFlow would fall back to the row minimum (D(a,a) = 0) — in
 * every batch with two or more classes the two agree.
 */
export function semiHardMiner(dist: tf.Tensor2D, labels: tf.Tensor1D): SemiHardSelection {
  return tf.tidy(() => {
    const n = dist.shape[0];
    const { positive, negative } = labelMasks(labels);
    const chosen = asConstant(dist, (d) => {
      const isNeg = tf.greater(negative, 0);
      // candidates[a][p][n]: n is a negative of a and farther from a than p is
      const candidates = tf.logicalAnd(tf.expandDims(isNeg, 1), tf.greater(tf.expandDims(d, 1), tf.expandDims(d, 2)));
      const dan = tf.broadcastTo(tf.expandDims(d, 1), [n, n, n]);
      const outside = tiedSelection(dan, candidates, tf.min(tf.where(candidates, dan, Infinity), 2, true));
      const inside = tiedSelection(d, isNeg, tf.max(tf.where(isNeg, d, -Infinity), 1, true));
      const hasCandidate = tf.any(candidates, 2, true);
      return tf.where(tf.broadcastTo(hasCandidate, [n, n, n]), outside, tf.broadcastTo(tf.expandDims(inside, 1), [n, n, n]));
    });
    const anchorHasNegative = tf.cast(tf.greater(tf.sum(negative, 1, true), 0), 'float32');
    return { positivePairs: tf.mul(positive, anchorHasNegative) as tf.Tensor2D, negative: chosen as tf.Tensor3D };
  });
}

/**
 * Weights that pick `best` among the allowed entries of the last axis; equal distances share the
 * weight evenly, as the gradient of TensorFlow's reduce_min / reduce_max does (two identical
 * embeddings are equally hard negatives, and each gets half the push).
 */
function tiedSelection(values: tf.Tensor, allowed: tf.Tensor, best: tf.Tensor): tf.Tensor {
  const hit = tf.cast(tf.logicalAnd(allowed, tf.equal(values, best)), 'float32');
  return tf.div(hit, tf.maximum(tf.sum(hit, -1, true), 1));
}

/**
 * Semi-hard mining without n³ tensors, for training batches: per anchor the negatives' distances are
 * sorted once and each positive's semi-hard negative is found by binary search (O(n² log n)). Gives
 * the same selection as {@link semiHardMiner} except that a tie picks one negative instead of sharing
 * the weight — ties between float distances need identical embeddings, and the exact miner stays in
 * use for small batches such as the reference cases. Returns, per (a, p), the chosen negative's index
 * as a float tensor (a constant: no gradient flows through the choice).
 */
export function semiHardNegativeIndex(dist: tf.Tensor2D, labels: tf.Tensor1D): { positivePairs: tf.Tensor2D; negative: tf.Tensor2D } {
  return tf.tidy(() => {
    const n = dist.shape[0];
    const { positive, negative } = labelMasks(labels);
    const chosen = asConstant(dist, (d) => {
      const isNeg = tf.greater(negative, 0);
      const negD = tf.where(isNeg, d, tf.fill([n, n], Infinity));
      // ascending distances to the negatives of each anchor (non-negatives sort last as +∞)
      const { values, indices } = tf.topk(tf.neg(negD), n);
      const sorted = tf.neg(values) as tf.Tensor2D;
      // first position whose distance is strictly larger than D(a, p)
      const at = tf.searchSorted(sorted, d, 'right');
      // counts and indices below n as float32 (exact), so that a column meets a row in XNNPACK's fast
      // broadcast: the same int32 or bool ops (and a Tile) take ~1 ms each on wasm at n = 128
      const count = tf.sum(tf.cast(isNeg, 'float32'), 1, true);
      const hasCandidate = tf.cast(tf.less(tf.sub(tf.cast(at, 'float32'), count), 0), 'float32');
      const outside = tf.cast(tf.gather(indices, tf.minimum(at, tf.scalar(n - 1, 'int32')), 1, 1), 'float32');
      const farthest = tf.cast(tf.expandDims(tf.argMax(tf.where(isNeg, d, tf.fill([n, n], -Infinity)), 1), 1), 'float32');
      // outside where there is a candidate, else the farthest negative: f + has·(o − f)
      return tf.add(farthest, tf.mul(hasCandidate, tf.sub(outside, farthest)));
    });
    const anchorHasNegative = tf.cast(tf.greater(tf.sum(negative, 1, true), 0), 'float32');
    return { positivePairs: tf.mul(positive, anchorHasNegative) as tf.Tensor2D, negative: chosen as tf.Tensor2D };
  });
}
