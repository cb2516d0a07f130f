/**
 * The simplex-center loss (Nirvana) as the page and the registry see it: its label, paper, parameters and
 * choices, what it offers (capabilities) and where its references are. Page-safe: no TensorFlow.
 */
import type { LossDefinition } from '../types';
import { simplexMinDim } from './dims';

/** Default radius of the simplex for the app (see the help text of `u`). */
export const SIMPLEX_APP_RADIUS = 50;

export const simplexDefinition: LossDefinition = {
  id: 'simplex',
  label: 'Simplex centers (Nirvana)',
  paper: 'Cevikalp, Uzun, Yazıcı, Saribas, Köpüklü, Rigoll, "Reaching Nirvana: Maximizing the Margin in Both Euclidean and Angular Spaces" (2023)',
  summary: 'Each class is pulled to a fixed vertex of a regular simplex of radius u; prediction is the nearest vertex, and the distance to it is the open-set score.',
  params: [
    { key: 'u', label: 'Radius u', default: SIMPLEX_APP_RADIUS, min: 0.1, max: 1000, step: 0.1, scale: 'log',
      help: `Radius of the simplex ("expand factor"). The paper contrasts 24 with 1000 and trains with SGD at u = 1000; ${SIMPLEX_APP_RADIUS} here learns best with Adam on a 2-D feature through DAM (docs/results.md).` },
  ],
  choices: [
    { key: 'variant', label: 'Variant', default: 'mse', rebuild: false, help: 'The paper\'s default mean squared error, its hinge, or its softmax over center similarities.',
      options: [{ value: 'mse', label: 'MSE (default)' }, { value: 'hinge', label: 'Hinge' }, { value: 'softmax', label: 'Softmax' }] },
    { key: 'dam', label: 'Dimension raising (DAM)', default: 'on', help: 'A learned layer maps the shown feature to C−1 dimensions for the loss; off needs an embedding of at least C−1 dimensions.',
      options: [{ value: 'on', label: 'On' }, { value: 'off', label: 'Off' }] },
  ],
  prediction: 'nearest-center',
  needsPK: false,
  references: { pytorch: ['simplex_centers', 'simplex_mse_loss', 'simplex_hinge_loss', 'simplex_softmax_loss'], pytorchHead: 'SimplexHead', vectors: ['simplex_centers', 'simplex', 'simplex_hinge', 'simplex_softmax'] },
  capabilities: { unitCircle: false, minesTriplets: false },
  minEmbeddingDim: (classes, choices) => (choices.dam === 'off' ? simplexMinDim(classes) : 1),
};
