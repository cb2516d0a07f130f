/**
 * The heated-up softmax as the page and the registry see it: its label, paper, parameters and
 * choices, what it offers (capabilities) and where its references are. Page-safe: no TensorFlow.
 */
import { featureEps } from '../common/paramSpecs';
import type { LossDefinition } from '../types';
import { ALPHA_SCHEDULE_KINDS } from './alphaSchedule';

export const heatedDefinition: LossDefinition = {
  id: 'heated',
  label: 'Heated-up softmax',
  paper: 'Zhang, Yu, Karaman, Zhang, Chang, "Heated-Up Softmax Embedding", arXiv:1809.04157, 2018',
  summary: 'Softmax on L2-normalised features and weights with a temperature 1/α; lowering α late in training ("heating up") compacts each class on the unit circle.',
  params: [
    { key: 'alpha', label: 'α', default: 8, min: 0.1, max: 1000, step: 0.05, scale: 'log',
      help: 'Scale of the normalised logits (temperature 1/α): large α pushes only misclassified samples, small α pulls all. The paper uses 0.25–64; 8 here (measured against 5–16 on MNIST, docs/losses.md §2).' },
    featureEps('ε in f̂ = f / √(‖f‖² + ε); the plot shows f̂. The paper uses 1e-4; a larger ε keeps features near the origin inside the circle, scored like a bias-free softmax, which lets 2-D CIFAR-10 learn (measurements: docs/losses.md §2).'),
    { key: 'alphaEnd', label: 'α end', default: 4, min: 0.1, max: 1000, step: 0.05, scale: 'log',
      help: 'α reached at the end of a linear or cosine ramp.' },
    { key: 'heatAt', label: 'Heat-up at', default: 0.8, min: 0, max: 1, step: 0.05, scale: 'linear',
      help: 'Share of the planned training (Planned epochs) after which heat-up multiplies α by 0.25 and the learning rate by the LR factor at heat-up; the original heats up for the last 20 of 100 epochs (0.8).' },
    { key: 'heatLr', label: 'LR factor at heat-up', default: 0.3, min: 0.01, max: 1, step: 0.01, scale: 'log',
      help: 'Factor on the learning rate from the heat-up step on. The paper uses 0.1 after a constant rate; here the cosine schedule has already lowered the rate, so 0.3 (measured against 0.1 and 1: docs/losses.md §2).' },
    { key: 'rampEnd', label: 'Ramp end', default: 1, min: 0.05, max: 1, step: 0.05, scale: 'linear',
      help: 'Share of the planned training over which a linear or cosine ramp goes from α to α end; α then stays at α end.' },
  ],
  choices: [
    { key: 'schedule', label: 'α schedule', default: 'heatup', help: 'How α changes over training; learnable α is a trained scalar (NormFace) that starts at α.',
      options: ALPHA_SCHEDULE_KINDS.map((value) => ({ value, label: {
        constant: 'Constant', heatup: 'Heat-up (×0.25 at a step)', linear: 'Linear ramp', cosine: 'Cosine ramp', learnable: 'Learnable',
      }[value] })) },
  ],
  prediction: 'argmax',
  needsPK: false,
  references: { pytorch: ['heated_logits', 'heated_softmax_loss', 'l2_normalize'], pytorchHead: 'HeatedHead', vectors: ['heated_softmax'] },
  capabilities: { unitCircle: true, minesTriplets: false },
  minEmbeddingDim: () => 2,
};
