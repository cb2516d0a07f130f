/** The softmax loss's reference cases (test-data/loss-vectors), evaluated with its math. */
import type * as tf from '@tensorflow/tfjs-core';
import { intVector, lossAndGrads, matrix, type VectorEvaluators } from '../common/vectorInputs';
import { softmaxCrossEntropy } from './math';

export const softmaxVectors: VectorEvaluators = {
  softmax(c) {
    const labels = intVector(c.inputs, 'labels');
    return lossAndGrads({ logits: matrix(c.inputs, 'logits') }, (z) => softmaxCrossEntropy(z as tf.Tensor2D, labels));
  },
};
