/** The pair (binary verification) loss's reference cases (test-data/loss-vectors), with given pairs. */
import * as tf from '@tensorflow/tfjs-core';
import { intVector, lossAndGrads, matrix, type VectorEvaluators } from '../common/vectorInputs';
import { pairBinaryLoss } from './math';

export const pairVectors: VectorEvaluators = {
  pair_binary(c) {
    const inp = c.inputs;
    const labels = intVector(inp, 'labels');
    const pairs = tf.tensor2d(inp.pairs as number[][], undefined, 'int32');
    const w = tf.tensor1d(inp.head_weight as number[], 'float32');
    const b = tf.scalar(inp.head_bias as number, 'float32');
    return lossAndGrads({ embeddings: matrix(inp, 'embeddings') }, (f) => pairBinaryLoss(f as tf.Tensor2D, labels, pairs, w, b));
  },
};
