/** The heated-up softmax's reference cases (test-data/loss-vectors), evaluated with its math. */
import type * as tf from '@tensorflow/tfjs-core';
import { intVector, lossAndGrads, matrix, num, type VectorEvaluators } from '../common/vectorInputs';
import { heatedSoftmaxLoss } from './math';

export const heatedVectors: VectorEvaluators = {
  heated_softmax(c) {
    const labels = intVector(c.inputs, 'labels');
    return lossAndGrads({ embeddings: matrix(c.inputs, 'embeddings'), weights: matrix(c.inputs, 'weights') },
      (f, w) => heatedSoftmaxLoss(f as tf.Tensor2D, w as tf.Tensor2D, labels, num(c.params, 'alpha'), num(c.params, 'eps')));
  },
};
