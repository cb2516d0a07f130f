/**
 * The triplet regularizer as the page and the registry see it: its label, paper, parameters and
 * choices, what it offers (capabilities) and where its references are. Page-safe: no TensorFlow.
 */
import { lambda } from '../common/paramSpecs';
import type { LossDefinition } from '../types';

export const tripletDefinition: LossDefinition = {
  id: 'triplet',
  label: 'Triplet regularizer',
  paper: 'Taha, Chen, Misu, Shrivastava, Davis, "Boosting Standard Classification Architectures Through a Ranking Regularizer", WACV 2020',
  summary: 'Two heads: a softmax classifier on the trunk and a triplet ranking loss on the shown embedding, L = CE + λ·triplet.',
  params: [
    lambda(1, 0.01, 10, 'Weight of the triplet term (Taha et al.: 1).'),
    { key: 'margin', label: 'Margin', default: 1, min: 0.05, max: 5, step: 0.05, scale: 'linear',
      help: 'How much closer the positive must be than the negative (the paper: 2 on 256-D embeddings).' },
  ],
  choices: [
    { key: 'mining', label: 'Mining', default: 'semi_hard', rebuild: false, help: 'Which triplets of the P×K batch count; semi-hard is TensorFlow\'s triplet_semihard_loss, which Taha et al. use.',
      options: [{ value: 'batch_all', label: 'Batch all' }, { value: 'batch_hard', label: 'Batch hard' }, { value: 'semi_hard', label: 'Semi-hard' }] },
    { key: 'distance', label: 'Distance', default: 'euclidean', rebuild: false, help: 'Euclidean distance or its square.',
      options: [{ value: 'euclidean', label: 'Euclidean' }, { value: 'squared', label: 'Squared Euclidean' }] },
    { key: 'embedding', label: 'Embedding', default: 'raw', rebuild: false,
      help: 'What the triplet loss measures (and the plot shows): Raw = f as is (the default, with Euclidean distance, margin 1); '
        + 'L2-normalised = f/‖f‖, as in Taha et al.\'s code, which also uses Squared Euclidean and margin 0.2 (set Distance and Margin to match).',
      options: [{ value: 'raw', label: 'Raw' }, { value: 'l2', label: 'L2-normalised (paper\'s code)' }] },
  ],
  prediction: 'argmax',
  needsPK: true,
  references: { pytorch: ['triplet_loss', 'triplet_embedding', 'label_masks'], pytorchHead: 'TripletHead', vectors: ['triplet'] },
  capabilities: { unitCircle: false, minesTriplets: true },
  minEmbeddingDim: () => 1,
};
