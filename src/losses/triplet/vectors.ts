/** The triplet loss's reference cases (test-data/loss-vectors), one per mining strategy and distance. */
import type * as tf from '@tensorflow/tfjs-core';
import { intVector, lossAndGrads, matrix, num, type VectorEvaluators } from '../common/vectorInputs';
import { tripletLoss } from './math';
import { MINING_STRATEGIES, type MiningStrategy } from './miners';

export const tripletVectors: VectorEvaluators = {
  triplet(c) {
    const p = c.params;
    const labels = intVector(c.inputs, 'labels');
    const mining = p.mining as MiningStrategy;
    if (!MINING_STRATEGIES.includes(mining)) throw new Error(`unknown mining ${String(p.mining)}`);
    if (typeof p.squared !== 'boolean') throw new Error('param squared missing');
    const opts = { margin: num(p, 'margin'), mining, squared: p.squared, eps: num(p, 'eps') };
    return lossAndGrads({ embeddings: matrix(c.inputs, 'embeddings') }, (f) => tripletLoss(f as tf.Tensor2D, labels, opts));
  },
};
