import * as tf from '@tensorflow/tfjs';
import type { MiningStrategy } from '../../losses/miners';
import { MINING_STRATEGIES } from '../../losses/miners';
import { linearLogits, maxProbUnknownScore, softmaxCrossEntropy } from '../../losses/softmax';
import { tripletLoss } from '../../losses/triplet';
import type { HeadOptions } from '../types';
import { BaseHead, denseWeight, headRng, zeroBias } from './common';
import { minedTriplets } from './minedTriplets';

/**
 * Taha et al.'s two-head architecture: the classifier reads the trunk (the layer before the
 * embedding), the triplet loss shapes the embedding f the plot shows; L = CE + λ·triplet. The
 * classifier does not live in the plotted space, so there is no overlay.
 */
export class TripletHead extends BaseHead {
  private readonly w: tf.Variable<tf.Rank.R2>;
  private readonly b: tf.Variable<tf.Rank.R1>;

  constructor(opts: HeadOptions) {
    super(opts);
    const rng = headRng(opts);
    this.w = this.trainable(denseWeight(rng, opts.trunkDim, opts.classes));
    this.b = this.trainable(zeroBias(opts.classes));
  }

  private mining(): MiningStrategy {
    const m = this.choices.mining as MiningStrategy;
    return MINING_STRATEGIES.includes(m) ? m : 'semi_hard';
  }

  loss(trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, _step: number): tf.Scalar {
    return tf.tidy(() => {
      const ce = softmaxCrossEntropy(linearLogits(trunk, this.w, this.b), labels);
      const tri = tripletLoss(feature, labels, {
        margin: this.params.margin, mining: this.mining(), squared: this.choices.distance === 'squared',
      });
      return tf.add(ce, tf.mul(this.params.lambda, tri)) as tf.Scalar;
    });
  }

  minedTriplets(feature: tf.Tensor2D, labels: tf.Tensor1D): Promise<Int32Array> {
    return minedTriplets(feature, labels, this.mining(), this.params.margin, this.choices.distance === 'squared');
  }

  predict(trunk: tf.Tensor2D, _feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.argMax(linearLogits(trunk, this.w, this.b), 1) as tf.Tensor1D);
  }

  unknownScore(trunk: tf.Tensor2D, _feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => maxProbUnknownScore(linearLogits(trunk, this.w, this.b)));
  }
}
