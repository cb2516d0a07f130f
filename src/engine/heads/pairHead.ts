import * as tf from '@tensorflow/tfjs';
import { makePairsTensor, pairBinaryLoss } from '../../losses/pair';
import type { HeadOptions } from '../types';
import { glorotUniform } from '../backbone';
import { headRng, variableFrom } from './common';
import { SoftmaxHead } from './softmaxHead';

/**
 * Category + binary verification (Baidu dogs): softmax on f plus a pair head sigmoid((f_i − f_j)²·w + b)
 * over deterministic in-batch pairs (about half positive in a P×K batch); L = CE + λ·BCE.
 */
export class PairHead extends SoftmaxHead {
  private readonly pairW: tf.Variable<tf.Rank.R1>;
  private readonly pairB: tf.Variable<tf.Rank.R0>;

  constructor(opts: HeadOptions) {
    const rng = headRng(opts);
    super(opts, rng);
    const d = opts.embeddingDim;
    this.pairW = this.trainable(variableFrom(tf.tensor1d(glorotUniform(rng, [d, 1], d, 1))));
    this.pairB = this.trainable(variableFrom(tf.scalar(0)));
  }

  loss(_trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, _step: number): tf.Scalar {
    return tf.tidy(() => {
      const bce = pairBinaryLoss(feature, labels, makePairsTensor(labels), this.pairW, this.pairB);
      return tf.add(this.classifierLoss(feature, labels), tf.mul(this.params.lambda, bce)) as tf.Scalar;
    });
  }
}
