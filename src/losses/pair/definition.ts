/**
 * The category + binary verification loss as the page and the registry see it: its label, paper,
 * parameters and choices, what it offers (capabilities) and where its references are. Page-safe: no
 * TensorFlow.
 */
import { lambda } from '../common/paramSpecs';
import type { LossDefinition } from '../types';

export const pairDefinition: LossDefinition = {
  id: 'pair',
  label: 'Category + binary verification',
  paper: 'cweihang, "Baidu dog classification: category loss plus binary loss" (GitHub, 2017), after person re-id verification models',
  summary: 'Softmax plus a pair head that tells from (f_i − f_j)² whether two samples share a class, L = CE + λ·BCE.',
  params: [lambda(0.5, 0.01, 10, 'Weight of the binary same/different term (the original: 1, on a 2 048-D feature; 0.5 learned best on the 2-D feature in our measurements).')],
  choices: [],
  prediction: 'argmax',
  needsPK: true,
  references: { pytorch: ['make_pairs', 'pair_binary_loss'], pytorchHead: 'PairHead', vectors: ['pair_binary'] },
  capabilities: { unitCircle: false, minesTriplets: false },
  minEmbeddingDim: () => 1,
};
