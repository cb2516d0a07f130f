import * as tf from '@tensorflow/tfjs-core';
import { pairwiseDistance, type DistanceOptions } from '../common/distance';
import { l2Normalize } from '../heated/math';
import { batchAllTriplets, batchHardMiner, semiHardMiner, semiHardNegativeIndex, type MiningStrategy } from './miners';
import { asConstant, safeMean } from '../common/numerics';

export interface TripletOptions extends DistanceOptions {
  margin: number;
  mining: MiningStrategy;
  /**
   * L2-normalise the embeddings before the distances, as Taha et al.'s released code does
   * (tf.nn.l2_normalize, with squared distance and margin 0.2 there); absent/false: the raw embedding.
   */
  normalize?: boolean;
}

/** ε of tf.nn.l2_normalize (x / sqrt(max(‖x‖², ε))), which Taha et al.'s code calls; here under the sqrt as a sum. */
export const TRIPLET_NORM_EPS = 1e-12;

/** The embedding the triplet loss measures: f, or f/‖f‖ with `normalize`. */
export function tripletEmbedding(embeddings: tf.Tensor2D, normalize: boolean | undefined): tf.Tensor2D {
  return normalize ? l2Normalize(embeddings, 1, TRIPLET_NORM_EPS) : embeddings;
}

/**
 * Triplet margin loss (Taha et al. WACV 2020 use it as a ranking regularizer; docs/losses.md §4):
 * [D(a,p) − D(a,n) + m]₊ over the triplets a miner selects. Every "no valid triplet" case is 0.
 */
export function tripletLoss(embeddings: tf.Tensor2D, labels: tf.Tensor1D, opts: TripletOptions): tf.Scalar {
  return tf.tidy(() => {
    const f = tripletEmbedding(embeddings, opts.normalize);
    const dist = pairwiseDistance(f, f, opts);
    switch (opts.mining) {
      case 'batch_all': return batchAllLoss(dist, labels, opts.margin);
      case 'batch_hard': return batchHardLoss(dist, labels, opts.margin);
      case 'semi_hard': return semiHardLoss(dist, labels, opts.margin);
    }
  });
}

/** Mean over the valid triplets whose loss is positive (Moindrot's "batch all"). */
function batchAllLoss(dist: tf.Tensor2D, labels: tf.Tensor1D, margin: number): tf.Scalar {
  const valid = batchAllTriplets(labels);
  const raw = tf.add(tf.sub(tf.expandDims(dist, 2), tf.expandDims(dist, 1)), margin);
  const hinged = tf.mul(tf.relu(raw), valid);
  const active = asConstant(hinged, (h) => tf.sum(tf.greater(h, 0)));
  return safeMean(tf.sum(hinged), active);
}

/** Mean over anchors (with a positive and a negative) of [max_p D(a,p) − min_n D(a,n) + m]₊. */
function batchHardLoss(dist: tf.Tensor2D, labels: tf.Tensor1D, margin: number): tf.Scalar {
  const sel = batchHardMiner(dist, labels);
  const dap = tf.sum(tf.mul(dist, sel.positive), 1);
  const dan = tf.sum(tf.mul(dist, sel.negative), 1);
  const perAnchor = tf.mul(tf.relu(tf.add(tf.sub(dap, dan), margin)), sel.anchors);
  return safeMean(tf.sum(perAnchor), tf.sum(sel.anchors));
}

/**
 * Up to this batch size the exact miner (n³ tensors, ties share the gradient as in TensorFlow) is
 * used; above it the sort-and-search miner, since n³ broadcasts cost ~1 s per step at batch 128 on
 * the wasm backend.
 */
export const EXACT_SEMI_HARD_MAX = 32;

/** TensorFlow's triplet_semihard_loss: mean over positive pairs of [D(a,p) − D(a,n*) + m]₊. */
export function semiHardLoss(dist: tf.Tensor2D, labels: tf.Tensor1D, margin: number, exact = dist.shape[0] <= EXACT_SEMI_HARD_MAX): tf.Scalar {
  let dan: tf.Tensor2D;
  let pairs: tf.Tensor2D;
  if (exact) {
    const sel = semiHardMiner(dist, labels);
    // D(a, n*(a,p)) = Σ_n sel[a][p][n] · D[a][n], one batched product per anchor
    dan = tf.squeeze(tf.matMul(sel.negative, tf.expandDims(dist, 2)), [2]) as tf.Tensor2D;
    pairs = sel.positivePairs;
  } else {
    const sel = semiHardNegativeIndex(dist, labels);
    // D(a, n*(a,p)) = D.flat[a·n + n*(a,p)]: a gather, whose gradient scatters back into D. (A one-hot
    // batched product did the same with an n³ tensor: 36 ms of a 69 ms step at batch 128 on wasm.)
    dan = pickPerRow(dist, sel.negative);
    pairs = sel.positivePairs;
  }
  const perPair = tf.mul(tf.relu(tf.add(tf.sub(dist, dan), margin)), pairs);
  return safeMean(tf.sum(perPair), tf.sum(pairs));
}

/**
 * out[a][j] = d[a][col[a][j]], with the gradient going back to d alone. A customGrad whose only
 * input is d: the index (a constant derived from d) must stay off the tape, since TF.js asks every
 * tape input of a gather for a float gradient, which an int32 index cannot have. The index is saved
 * for the backward pass (saved tensors outlive the tidy around the loss; a closure's would not).
 */
function pickPerRow(d: tf.Tensor2D, col: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = d.shape;
  const [, k] = col.shape;
  const pick = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    // a·cols + col in float32 (exact below 2²⁴; a fast broadcast on wasm, see labelDifferences)
    const flatIndex = tf.tidy(() => tf.cast(tf.reshape(
      tf.add(tf.cast(col, 'float32'), tf.reshape(tf.range(0, rows * cols, cols, 'float32'), [rows, 1])), [rows * k]), 'int32'));
    save([flatIndex]);
    return {
      value: tf.reshape(tf.gather(tf.reshape(input, [rows * cols]), flatIndex), [rows, k]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.reshape(tf.unsortedSegmentSum(tf.reshape(dy, [rows * k]), saved[0] as tf.Tensor1D, rows * cols), [rows, cols]),
    };
  });
  return pick(d) as tf.Tensor2D;
}
