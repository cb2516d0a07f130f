import * as tf from '@tensorflow/tfjs-core';
import { CosineHead } from '../common/cosineHead';
import { HEATED_EPS } from '../heated/math';
import { cosFaceLoss } from './math';

/**
 * Additive-margin softmax (CosFace): logits s·(cos − m at the true class) on normalised features and
 * weights. The margin is a training-time handicap only: prediction, open-set score, the plotted f̂ and
 * the class directions are CosineHead's, as for the heated-up softmax.
 */
export class CosFaceHead extends CosineHead {
  loss(_trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, _step: number): tf.Scalar {
    const { scale, margin, featureEps } = this.params;
    return tf.tidy(() => cosFaceLoss(feature, this.w, labels, scale, margin, HEATED_EPS, featureEps));
  }
}
