import * as tf from '@tensorflow/tfjs-core';
import { pairwiseDistance } from '../common/distance';
import { asIntLabels } from '../common/numerics';

/**
 * Running class means of a feature over the training batches, for losses without a classifier on the
 * plotted feature (the triplet regularizer): their accuracy on the plot is nearest class mean.
 *
 * Why a running mean of the training batches rather than a pass over a fixed training subset at
 * snapshot time: the features are already computed by the training step (afterStep receives them),
 * so it costs a few small tensor ops per step, no extra forward pass and no GPU read-back; it uses
 * training data only. The price is a short lag (the mean covers about the last 1/rate batches in
 * which a class appeared, ~130 samples per class at P×K batches of 13 per class), which is small next
 * to the spread of a class once the embedding has settled.
 */
// a type, not an interface: tf.tidy returns it, and only a type literal satisfies TensorContainer
export type ClassMeans = {
  /** [C][d] mean of each class's feature */
  means: tf.Tensor2D;
  /** [C] number of training batches each class appeared in (0: no mean yet, e.g. a held-out class) */
  batches: tf.Tensor1D;
};

/** The slowest rate of the running mean: an exponential average over ~10 of a class's batches. */
export const CLASS_MEAN_RATE = 0.1;

export function emptyClassMeans(classes: number, dim: number): ClassMeans {
  return { means: tf.zeros([classes, dim]) as tf.Tensor2D, batches: tf.zeros([classes]) as tf.Tensor1D };
}

/**
 * One update with a batch: each class present moves toward its batch mean at rate max(rate, 1/n),
 * n = its batches so far including this one. The first batch sets the mean (no bias toward the
 * origin, unlike a plain exponential average started at 0); the first 1/rate batches are a plain
 * average, later ones an exponential one. Classes absent from the batch keep their mean. Returns new
 * tensors; the inputs are not modified.
 */
export function updateClassMeans(state: ClassMeans, feature: tf.Tensor2D, labels: tf.Tensor1D, rate = CLASS_MEAN_RATE): ClassMeans {
  return tf.tidy(() => {
    const classes = state.means.shape[0];
    const y = asIntLabels(labels);
    const counts = tf.unsortedSegmentSum(tf.ones([feature.shape[0]]), y, classes) as tf.Tensor1D;
    const present = tf.cast(tf.greater(counts, 0), 'float32');
    const batches = tf.add(state.batches, present) as tf.Tensor1D;
    const batchMean = tf.div(tf.unsortedSegmentSum(feature, y, classes), tf.reshape(tf.maximum(counts, 1), [classes, 1]));
    const step = tf.mul(present, tf.maximum(rate, tf.div(1, tf.maximum(batches, 1))));
    const means = tf.add(state.means, tf.mul(tf.reshape(step, [classes, 1]), tf.sub(batchMean, state.means))) as tf.Tensor2D;
    return { means, batches };
  });
}

/** Added to the squared distance of a class without a mean: it is never the nearest. */
const NO_MEAN = 1e30;

/**
 * Nearest class mean (Euclidean) among the classes that have one, and the distance to it (the
 * open-set score, as for nearest-center losses). Before any training batch every class lacks a mean:
 * then class 0 at distance 1e15, the same for every sample.
 */
export function nearestClassMean(feature: tf.Tensor2D, state: ClassMeans): { index: tf.Tensor1D; distance: tf.Tensor1D } {
  return tf.tidy(() => {
    const d = pairwiseDistance(feature, state.means, { squared: true });
    const masked = tf.add(d, tf.mul(tf.cast(tf.equal(state.batches, 0), 'float32'), NO_MEAN));
    return {
      index: tf.argMin(masked, 1) as tf.Tensor1D,
      distance: tf.sqrt(tf.min(masked, 1)) as tf.Tensor1D,
    };
  });
}
