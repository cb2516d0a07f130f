import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `fn` on a value as a constant: the result carries no gradient back to `x`.
 *
 * Mining decisions (hardest positive, semi-hard negative) are made on distances that are themselves
 * differentiable, but docs/losses.md §7 requires the masks to be constants. tfjs has no stopGradient, and
 * comparison kernels (Greater, Equal, LogicalAnd) have no gradient, so a tape that sees them between
 * x and the loss throws. Ops inside a customGrad's forward function are not recorded on the tape, so
 * wrapping the whole mask computation here both detaches it and keeps tf.grads working.
 */
export function asConstant(x: tf.Tensor, fn: (value: tf.Tensor) => tf.Tensor): tf.Tensor {
  // customGrad is typed for variadic (Tensor | save) arguments; this op has exactly one input
  const detached = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    save([input]);
    return {
      value: tf.tidy(() => tf.cast(fn(input), 'float32')),
      gradFunc: (_dy: tf.Tensor, saved: tf.Tensor[]) => tf.zerosLike(saved[0]),
    };
  });
  return detached(x);
}

/** Labels arrive as float or int tensors depending on the caller; oneHot and gather need int32. */
export function asIntLabels(labels: tf.Tensor1D): tf.Tensor1D {
  return labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32');
}

/**
 * y_i − y_j for every pair, in float32 (exact: labels are small integers), so y_i = y_j exactly where it
 * is 0. Float, because the wasm backend broadcasts a column against a row fast only for float32
 * (XNNPACK); the same int32 or bool op takes its generic path, ~1.3 ms for 128 × 128.
 */
export function labelDifferences(labels: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const l = tf.cast(labels, 'float32');
    return tf.sub(tf.expandDims(l, 1), tf.expandDims(l, 0)) as tf.Tensor2D;
  });
}

/** same[i][j] = 1 when samples i and j share a label (float, a constant: labels carry no gradient). */
export function sameLabelMatrix(labels: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    return tf.cast(tf.equal(labelDifferences(labels), 0), 'float32') as tf.Tensor2D;
  });
}

/** A mean that is 0 (not NaN) when nothing is counted: sum / max(count, 1). */
export function safeMean(sum: tf.Tensor, count: tf.Tensor): tf.Scalar {
  return tf.div(sum, tf.maximum(count, 1)) as tf.Scalar;
}
