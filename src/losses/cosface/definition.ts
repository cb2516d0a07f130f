/**
 * The additive-margin softmax (CosFace) as the page and the registry see it: its label, paper,
 * parameters and choices, what it offers (capabilities) and where its references are. Page-safe: no
 * TensorFlow.
 */
import { featureEps } from '../common/paramSpecs';
import type { LossDefinition } from '../types';

export const cosfaceDefinition: LossDefinition = {
  id: 'cosface',
  label: 'Additive-margin softmax (CosFace)',
  paper: 'Wang, Wang, Zhou, Ji, Gong, Zhou, Li, Liu, "CosFace: Large Margin Cosine Loss for Deep Face Recognition", CVPR 2018 (also Wang, Cheng, Liu, Liu, "Additive Margin Softmax", IEEE SPL 2018)',
  summary: 'Softmax on L2-normalised features and weights at scale s, with a margin m taken off the true class\'s cosine: each class must win by m in angle, which opens gaps between the classes on the circle.',
  params: [
    { key: 'scale', label: 'Scale s', default: 16, min: 1, max: 64, step: 0.5, scale: 'log',
      help: 'The scale of the cosine logits (an inverse temperature). The papers use 30–64 on 512-D face features; 16 learnt as well as 32 and better than 8 on 2-D MNIST (docs/losses.md §9).' },
    { key: 'margin', label: 'Margin', default: 0.1, min: 0, max: 0.5, step: 0.01, scale: 'linear',
      help: 'The margin m in cosine the true class must win by (0: a normalised softmax). The papers use 0.35; ten classes on a circle leave at most 1 − cos 36° ≈ 0.19, so 0.1 in 2-D (docs/losses.md §9).' },
    featureEps('ε in f̂ = f / √(‖f‖² + ε), as for the heated-up softmax; the plot shows f̂. The papers normalise exactly (ε → 0).'),
  ],
  choices: [],
  prediction: 'argmax',
  needsPK: false,
  references: { pytorch: ['cosface_logits', 'cosface_loss'], pytorchHead: 'CosFaceHead', vectors: ['cosface'] },
  capabilities: { unitCircle: true, minesTriplets: false },
  minEmbeddingDim: () => 2,
};
