/** The center loss's reference cases (test-data/loss-vectors): its value, gradient and center update. */
import * as tf from '@tensorflow/tfjs-core';
import { intVector, lossAndGrads, matrix, num, type VectorEvaluators } from '../common/vectorInputs';
import { centerLoss, updateCenters } from './math';

export const centerVectors: VectorEvaluators = {
  center(c) {
    const labels = intVector(c.inputs, 'labels');
    const centers = matrix(c.inputs, 'centers');
    const f = matrix(c.inputs, 'embeddings');
    const out = lossAndGrads({ embeddings: f }, (x) => centerLoss(x as tf.Tensor2D, centers, labels));
    out.centers_after_update = tf.tidy(() => updateCenters(centers, f, labels, num(c.params, 'alpha_c')).arraySync());
    return out;
  },
};
