import * as tf from '@tensorflow/tfjs-core';
import { asIntLabels } from '../common/numerics';

/**
 * Per-sample cross-entropy −log softmax(z)_y. tf.logSoftmax subtracts the row max before
 * exponentiating, so α = 1000 logits stay finite (never log(softmax(z))).
 */
export function crossEntropyPerSample(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const classes = logits.shape[1];
    const oneHot = tf.oneHot(asIntLabels(labels), classes);
    return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1)) as tf.Tensor1D;
  });
}

/** Softmax cross-entropy (docs/losses.md §1): mean over the batch of CE(z_i, y_i). */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(crossEntropyPerSample(logits, labels)) as tf.Scalar);
}

/** Linear classifier logits z = f W + b (b optional). */
export function linearLogits(f: tf.Tensor2D, w: tf.Tensor2D, b?: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => (b ? tf.add(tf.matMul(f, w), b) : tf.matMul(f, w)) as tf.Tensor2D);
}

/**
 * Open-set score that grows when the classifier is unsure: log((1 − p_max) / p_max) =
 * logsumexp of the other logits − the top logit, a monotone function of 1 − max softmax probability
 * (so the AUROC is the same) that stays distinct for any finite lead. 1 − max p itself rounds to
 * exactly 0 in float32 once the top logit leads by ~17 (and so does logsumexp(z) − max z, since
 * 1 + e^−17 rounds to 1), and the resulting ties pull the AUROC toward 0.5. The top entry (one of
 * them, on a tie) is masked to −∞ rather than subtracted, so nothing cancels. Needs ≥ 2 classes.
 */
export function maxProbUnknownScore(logits: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const top = tf.oneHot(tf.argMax(logits, 1), logits.shape[1]);
    const others = tf.where(tf.cast(top, 'bool'), tf.fill(logits.shape, -Infinity), logits);
    return tf.sub(tf.logSumExp(others, 1), tf.max(logits, 1)) as tf.Tensor1D;
  });
}
