/**
 * The simplex loss's reference cases (test-data/loss-vectors): the vertices themselves, and the MSE
 * (with its nearest-vertex prediction), hinge and softmax variants' values and gradients.
 */
import * as tf from '@tensorflow/tfjs-core';
import { intVector, lossAndGrads, matrix, num, type Outputs, type VectorCase, type VectorEvaluators } from '../common/vectorInputs';
import { nearestCenter, simplexCenters, simplexCentersTensor, simplexHingeLoss, simplexHingeTau, simplexMseLoss, simplexSoftmaxLoss } from './math';

/** The case's embeddings, labels and the vertices for its class count, dimension and radius. */
function simplexInputs(c: VectorCase) {
  const f = matrix(c.inputs, 'embeddings');
  const classes = c.inputs.classes as number;
  const u = num(c.params, 'u');
  return { f, labels: intVector(c.inputs, 'labels'), classes, u, v: simplexCentersTensor(classes, f.shape[1], u) };
}

export const simplexVectors: VectorEvaluators = {
  simplex_centers: (c) => ({ centers: simplexCenters(num(c.params, 'classes'), num(c.params, 'dim'), num(c.params, 'u')) }),
  simplex(c): Outputs {
    const { f, labels, v } = simplexInputs(c);
    const out = lossAndGrads({ embeddings: f }, (x) => simplexMseLoss(x as tf.Tensor2D, v, labels));
    out.prediction = tf.tidy(() => nearestCenter(f, v).index.arraySync());
    return out;
  },
  simplex_hinge(c) {
    const { f, labels, classes, u, v } = simplexInputs(c);
    const tau = simplexHingeTau(classes, f.shape[1], u);
    return lossAndGrads({ embeddings: f }, (x) => simplexHingeLoss(x as tf.Tensor2D, v, labels, tau));
  },
  simplex_softmax(c) {
    const { f, labels, v } = simplexInputs(c);
    return lossAndGrads({ embeddings: f }, (x) => simplexSoftmaxLoss(x as tf.Tensor2D, v, labels));
  },
};
