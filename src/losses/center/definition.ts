/**
 * The center loss as the page and the registry see it: its label, paper, parameters and
 * choices, what it offers (capabilities) and where its references are. Page-safe: no TensorFlow.
 */
import { lambda } from '../common/paramSpecs';
import type { LossDefinition } from '../types';

export const centerDefinition: LossDefinition = {
  id: 'center',
  label: 'Center loss',
  paper: 'Wen, Zhang, Li, Qiao, "A Discriminative Feature Learning Approach for Deep Face Recognition", ECCV 2016',
  summary: 'Softmax plus λ·½‖f − c_y‖²: each sample is pulled to its class center, and the centers follow the class means at rate α_c.',
  params: [
    lambda(0.1, 0.0001, 1, 'Weight of the center term; Wen et al. show 0.003–0.1 on MNIST (0 = plain softmax). 0.1 gave the most compact classes at equal accuracy in our two-epoch measurements.'),
    { key: 'centerRate', label: 'Center rate α_c', default: 0.5, min: 0.01, max: 1, step: 0.01, scale: 'linear',
      help: 'How far the centers move toward the batch means after each step (Wen et al.: 0.5).' },
  ],
  choices: [
    { key: 'prediction', label: 'Prediction', default: 'argmax', rebuild: false, help: 'Classify by the softmax classifier or by the nearest learned center.',
      options: [{ value: 'argmax', label: 'Classifier (argmax)' }, { value: 'nearest', label: 'Nearest center' }] },
  ],
  prediction: 'argmax',
  needsPK: false,
  references: { pytorch: ['center_loss', 'update_centers', 'initialise_centers'], pytorchHead: 'CenterHead', vectors: ['center'] },
  capabilities: { unitCircle: false, minesTriplets: false },
  minEmbeddingDim: () => 1,
};
