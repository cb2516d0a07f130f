/** The additive-margin softmax's reference cases (test-data/loss-vectors), evaluated with its math. */
import type * as tf from '@tensorflow/tfjs-core';
import { intVector, lossAndGrads, matrix, num, type VectorEvaluators } from '../common/vectorInputs';
import { cosFaceLoss } from './math';

export const cosfaceVectors: VectorEvaluators = {
  cosface(c) {
    const labels = intVector(c.inputs, 'labels');
    const p = c.params;
    return lossAndGrads({ embeddings: matrix(c.inputs, 'embeddings'), weights: matrix(c.inputs, 'weights') },
      (f, w) => cosFaceLoss(f as tf.Tensor2D, w as tf.Tensor2D, labels, num(p, 'scale'), num(p, 'margin'), num(p, 'eps'), num(p, 'feature_eps')));
  },
};
