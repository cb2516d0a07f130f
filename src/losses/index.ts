/**
 * The loss registry: one entry per loss with its parameters (default, range, help) and choices. The UI
 * lists what is registered and the trainer builds heads from it; nothing else names a concrete loss.
 */
import { ALPHA_SCHEDULE_KINDS } from './alphaSchedule';
import { simplexMinDim } from './simplexDims';
import type { ChoiceValues, LossDefinition, LossId, ParamSpec, ParamValues } from './types';

export type { ChoiceSpec, ChoiceValues, LossDefinition, LossId, ParamSpec, ParamValues } from './types';

/** Default radius of the simplex for the app (see the help text of `u`). */
export const SIMPLEX_APP_RADIUS = 50;

const lambda = (def: number, min: number, max: number, help: string): ParamSpec =>
  ({ key: 'lambda', label: 'λ', default: def, min, max, step: min, scale: 'log', help });

const softmax: LossDefinition = {
  id: 'softmax',
  label: 'Softmax cross-entropy',
  paper: 'The standard classifier baseline (LeCun et al., "Gradient-based learning applied to document recognition", Proc. IEEE 1998)',
  summary: 'A linear classifier on the feature trained with cross-entropy: classes become separable by angle, but not compact.',
  params: [],
  choices: [],
  prediction: 'argmax',
  needsPK: false,
  capabilities: { unitCircle: false, minesTriplets: false },
  minEmbeddingDim: () => 1,
};

const heated: LossDefinition = {
  id: 'heated',
  label: 'Heated-up softmax',
  paper: 'Zhang, Yu, Karaman, Zhang, Chang, "Heated-Up Softmax Embedding", arXiv:1809.04157, 2018',
  summary: 'Softmax on L2-normalised features and weights with a temperature 1/α; lowering α late in training ("heating up") compacts each class on the unit circle.',
  params: [
    { key: 'alpha', label: 'α', default: 8, min: 0.1, max: 1000, step: 0.05, scale: 'log',
      help: 'Scale of the normalised logits (temperature 1/α): large α pushes only misclassified samples, small α pulls all. The paper uses 0.25–64; 8 here (measured against 5–16 on MNIST, docs/losses.md §2).' },
    { key: 'featureEps', label: 'Feature ε', default: 1000, min: 0.0001, max: 10000, step: 0.0001, scale: 'log',
      help: 'ε in f̂ = f / √(‖f‖² + ε); the plot shows f̂. The paper uses 1e-4; a larger ε keeps features near the origin inside the circle, scored like a bias-free softmax, which lets 2-D CIFAR-10 learn (measurements: docs/losses.md §2).' },
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
  capabilities: { unitCircle: true, minesTriplets: false },
  minEmbeddingDim: () => 2,
};

const center: LossDefinition = {
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
  capabilities: { unitCircle: false, minesTriplets: false },
  minEmbeddingDim: () => 1,
};

const triplet: LossDefinition = {
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
  capabilities: { unitCircle: false, minesTriplets: true },
  minEmbeddingDim: () => 1,
};

const pair: LossDefinition = {
  id: 'pair',
  label: 'Category + binary verification',
  paper: 'cweihang, "Baidu dog classification: category loss plus binary loss" (GitHub, 2017), after person re-id verification models',
  summary: 'Softmax plus a pair head that tells from (f_i − f_j)² whether two samples share a class, L = CE + λ·BCE.',
  params: [lambda(0.5, 0.01, 10, 'Weight of the binary same/different term (the original: 1, on a 2 048-D feature; 0.5 learned best on the 2-D feature in our measurements).')],
  choices: [],
  prediction: 'argmax',
  needsPK: true,
  capabilities: { unitCircle: false, minesTriplets: false },
  minEmbeddingDim: () => 1,
};

const simplex: LossDefinition = {
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
  capabilities: { unitCircle: false, minesTriplets: false },
  minEmbeddingDim: (classes, choices) => (choices.dam === 'off' ? simplexMinDim(classes) : 1),
};

/** Every loss, in the order the UI lists them. */
export const LOSSES: readonly LossDefinition[] = [softmax, heated, center, triplet, pair, simplex];

export const LOSS_IDS: readonly LossId[] = LOSSES.map((l) => l.id);

export function isLossId(id: string): id is LossId {
  return (LOSS_IDS as readonly string[]).includes(id);
}

export function getLoss(id: LossId): LossDefinition {
  const def = LOSSES.find((l) => l.id === id);
  if (!def) throw new Error(`unknown loss "${id}"; known: ${LOSS_IDS.join(', ')}`);
  return def;
}

/** The registry's defaults for a loss, the starting point of a run's params. */
export function defaultParams(id: LossId): ParamValues {
  return Object.fromEntries(getLoss(id).params.map((p) => [p.key, p.default]));
}

export function defaultChoices(id: LossId): ChoiceValues {
  return Object.fromEntries(getLoss(id).choices.map((c) => [c.key, c.default]));
}

/** Defaults overlaid with the given values, params clamped to their ranges, unknown choices reset. */
export function resolveParams(id: LossId, params: ParamValues = {}): ParamValues {
  const out = defaultParams(id);
  for (const p of getLoss(id).params) {
    const v = params[p.key];
    if (typeof v === 'number' && Number.isFinite(v)) out[p.key] = Math.min(Math.max(v, p.min), p.max);
  }
  return out;
}

export function resolveChoices(id: LossId, choices: ChoiceValues = {}): ChoiceValues {
  const out = defaultChoices(id);
  for (const c of getLoss(id).choices) {
    const v = choices[c.key];
    if (typeof v === 'string' && c.options.some((o) => o.value === v)) out[c.key] = v;
  }
  return out;
}

/**
 * The resolved values of the choices whose change rebuilds the head (`rebuild` not false): the
 * structural part of a run's choices. Evaluation rules, miners and distances are left out.
 */
export function rebuildingChoices(id: LossId, choices: ChoiceValues = {}): ChoiceValues {
  const all = resolveChoices(id, choices);
  return Object.fromEntries(getLoss(id).choices.filter((c) => c.rebuild !== false).map((c) => [c.key, all[c.key]]));
}
