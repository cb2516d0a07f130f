import * as tf from '@tensorflow/tfjs-core';
import { makePairsTensor, pairBinaryLoss } from './math';
import type { HeadOptions } from '../lossHead';
import { glorotUniform } from '../../util/initializers';
import { headRng, variableFrom } from '../common/baseHead';
import { SoftmaxHead } from '../softmax/head';

/**
 * Category + binary verification (Baidu dogs): softmax on f plus a pair head sigmoid((f_i − f_j)²·w + b), w ≤ 0,
 * over deterministic in-batch pairs (about half positive in a P×K batch); L = CE + λ·BCE.
 */
export class PairHead extends SoftmaxHead {
  private readonly pairTheta: tf.Variable<tf.Rank.R1>;
  private readonly pairB: tf.Variable<tf.Rank.R0>;

  constructor(opts: HeadOptions) {
    const rng = headRng(opts);
    super(opts, rng);
    const d = opts.embeddingDim;
    // θ, not w: w = −softplus(θ) starts near −0.69 per dimension, with a little seeded spread
    this.pairTheta = this.trainable(variableFrom(tf.tensor1d(glorotUniform(rng, [d, 1], d, 1))));
    this.pairB = this.trainable(variableFrom(tf.scalar(0)));
  }

  /**
   * The pair head's weights on (f_i − f_j)², kept ≤ 0 (docs/losses.md §5): p_same must fall with distance.
   * The original's free-sign weights work on a 2 048-D feature; on a 2-D one a positive weight rewards
   * spreading same-class pairs, and the features collapsed onto a line.
   */
  private pairWeights(): tf.Tensor1D {
    return tf.neg(tf.softplus(this.pairTheta));
  }

  loss(_trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, _step: number): tf.Scalar {
    return tf.tidy(() => {
      const bce = pairBinaryLoss(feature, labels, makePairsTensor(labels), this.pairWeights(), this.pairB);
      return tf.add(this.classifierLoss(feature, labels), tf.mul(this.params.lambda, bce)) as tf.Scalar;
    });
  }
}
