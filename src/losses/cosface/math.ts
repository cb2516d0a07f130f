import * as tf from '@tensorflow/tfjs-core';
import { asIntLabels } from '../common/numerics';
import { HEATED_EPS, heatedLogits } from '../heated/math';
import { softmaxCrossEntropy } from '../softmax/math';

/**
 * z_ic = s · (f̂_i·ŵ_c − m·[c = y_i]), docs/losses.md §9 (Wang et al. 2018): the normalised logits of
 * the heated-up softmax at scale s, with the margin m taken off the true class's cosine only, so a
 * sample must beat every other class by m in cosine before its loss gets small. W is d×C, no bias.
 */
export function cosFaceLogits(
  f: tf.Tensor2D, w: tf.Tensor2D, labels: tf.Tensor1D, s: number, m: number, eps = HEATED_EPS, featureEps = eps,
): tf.Tensor2D {
  return tf.tidy(() => {
    const cos = heatedLogits(f, w, 1, eps, featureEps);
    const margin = tf.mul(tf.oneHot(asIntLabels(labels), cos.shape[1]), m);
    return tf.mul(tf.sub(cos, margin), s) as tf.Tensor2D;
  });
}

/** Additive-margin (CosFace) softmax loss, docs/losses.md §9: mean CE of the margin logits. */
export function cosFaceLoss(
  f: tf.Tensor2D, w: tf.Tensor2D, labels: tf.Tensor1D, s: number, m: number, eps = HEATED_EPS, featureEps = eps,
): tf.Scalar {
  return tf.tidy(() => softmaxCrossEntropy(cosFaceLogits(f, w, labels, s, m, eps, featureEps), labels));
}
