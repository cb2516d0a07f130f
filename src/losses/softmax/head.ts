import * as tf from '@tensorflow/tfjs-core';
import { argmaxKnown, maxProbUnknownKnown } from '../common/knownClasses';
import { linearLogits, softmaxCrossEntropy } from './math';
import type { HeadOptions, Overlay } from '../lossHead';
import { BaseHead, denseWeight, headRng, overlayOf, zeroBias } from '../common/baseHead';

/** Softmax cross-entropy on a linear classifier W[d×C] + b over the feature f. */
export class SoftmaxHead extends BaseHead {
  protected readonly w: tf.Variable<tf.Rank.R2>;
  protected readonly b: tf.Variable<tf.Rank.R1>;

  constructor(opts: HeadOptions, rng: () => number = headRng(opts)) {
    super(opts);
    this.w = this.trainable(denseWeight(rng, opts.embeddingDim, opts.classes));
    this.b = this.trainable(zeroBias(opts.classes));
  }

  protected logits(feature: tf.Tensor2D): tf.Tensor2D {
    return linearLogits(feature, this.w, this.b);
  }

  /** Cross-entropy of the classifier; subclasses add their regulariser to it. */
  protected classifierLoss(feature: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
    return softmaxCrossEntropy(this.logits(feature), labels);
  }

  loss(_trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, _step: number): tf.Scalar {
    return tf.tidy(() => this.classifierLoss(feature, labels));
  }

  predict(_trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => argmaxKnown(this.logits(feature), this.known));
  }

  unknownScore(_trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => maxProbUnknownKnown(this.logits(feature), this.known));
  }

  /** The classifier's weight directions w_c (columns of W) in feature space, [C][d]. */
  async overlay(): Promise<Overlay | null> {
    return overlayOf('weights', () => tf.transpose(this.w) as tf.Tensor2D);
  }
}
