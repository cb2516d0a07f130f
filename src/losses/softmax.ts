import * as tf from '@tensorflow/tfjs';
import { asIntLabels } from './numerics';

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

/** Softmax cross-entropy (LOSSES.md §1): mean over the batch of CE(z_i, y_i). */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(crossEntropyPerSample(logits, labels)) as tf.Scalar);
}

/** Linear classifier logits z = f W + b (b optional). */
export function linearLogits(f: tf.Tensor2D, w: tf.Tensor2D, b?: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => (b ? tf.add(tf.matMul(f, w), b) : tf.matMul(f, w)) as tf.Tensor2D);
}

/** 1 − max softmax probability: an open-set score that grows when the classifier is unsure. */
export function maxProbUnknownScore(logits: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sub(1, tf.max(tf.softmax(logits), 1)) as tf.Tensor1D);
}
