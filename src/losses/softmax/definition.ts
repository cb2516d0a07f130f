/**
 * The softmax cross-entropy as the page and the registry see it: its label, paper, parameters and
 * choices, what it offers (capabilities) and where its references are. Page-safe: no TensorFlow.
 */
import type { LossDefinition } from '../types';

export const softmaxDefinition: LossDefinition = {
  id: 'softmax',
  label: 'Softmax cross-entropy',
  paper: 'The standard classifier baseline (LeCun et al., "Gradient-based learning applied to document recognition", Proc. IEEE 1998)',
  summary: 'A linear classifier on the feature trained with cross-entropy: classes become separable by angle, but not compact.',
  params: [],
  choices: [],
  prediction: 'argmax',
  needsPK: false,
  references: { pytorch: ['softmax_cross_entropy', 'linear_logits', 'max_prob_unknown_score'], pytorchHead: 'SoftmaxHead', vectors: ['softmax'] },
  capabilities: { unitCircle: false, minesTriplets: false },
  minEmbeddingDim: () => 1,
};
