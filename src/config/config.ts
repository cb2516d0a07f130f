/**
 * A run's and an experiment's settings as plain JSON: the one source of truth that the store holds,
 * the worker receives, the URL hash and exported files carry.
 */
import type { ChoiceValues, LossId, ParamSpec, ParamValues } from '../losses/types';

/** How the learning rate moves over the planned length (engine/lrSchedule.ts computes it). */
export type LrScheduleKind = 'cosine' | 'constant';

/** The update rule of every run (engine/optimizer.ts builds it): Adam, or SGD with momentum. */
export type OptimizerKind = 'adam' | 'sgd';

export type DatasetId = 'mnist' | 'cifar10' | 'toy-blobs' | 'toy-spirals' | 'own-images';

/**
 * The most classes a set of the user's own images may have (data/ownImages.ts enforces it). Until the
 * set is loaded the page checks a config against this bound; the worker checks the real count.
 */
export const MAX_OWN_CLASSES = 20;

/**
 * Classes of each dataset, known before it loads: the page checks a config against them (held-out
 * classes, the simplex loss's dimensions) while another dataset is still on show.
 */
export const DATASET_CLASSES: Record<DatasetId, number> = { mnist: 10, cifar10: 10, 'toy-blobs': 5, 'toy-spirals': 5, 'own-images': MAX_OWN_CLASSES };
export type BackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
/** How many of the shown test samples each plot's frames embed while training (see workers/framePoints.ts). */
export type LivePoints = 'auto' | '500' | '1000' | 'all';

export interface RunConfig {
  id: string;
  name: string;
  loss: LossId;
  learningRate: number;
  params: ParamValues;
  choices: ChoiceValues;
}

export interface ExperimentConfig {
  version: 1;
  dataset: DatasetId;
  backend: BackendChoice;
  embeddingDim: number;
  batchSize: number;
  seed: number;
  /** class-balanced test images embedded at every snapshot */
  evalSize: number;
  /** CIFAR-10 only (not applicable to MNIST or the toy 2-D sets): random crop (pad 4) + horizontal flip, seeded */
  augment: boolean;
  /** open-set split: these classes are held out of training and scored as "unknown" */
  openSet: number[];
  /**
   * The planned length of training in epochs: the learning-rate decay ends there and the heated-up
   * softmax heats up at a share of it. Training may go on past it (at the final learning rate).
   */
  plannedEpochs: number;
  /** the learning rate over the plan: warm-up + cosine decay, or constant */
  lrSchedule: LrScheduleKind;
  /** every run's update rule: Adam (TF.js defaults), or SGD with (heavy-ball) momentum */
  optimizer: OptimizerKind;
  /** SGD only: the momentum μ of buf ← μ·buf + g (PyTorch's SGD without dampening) */
  momentum: number;
  /** L2 weight decay added to every gradient, g + wd·w (PyTorch's `weight_decay`), for either optimizer */
  weightDecay: number;
  /** points per plot in the frames taken while training (all of them at a pause and at the plan's end) */
  livePoints: LivePoints;
  /**
   * 'own-images' only: the content hash naming the user's image set ('' for none). A link carries
   * this name, never the images; the worker finds the set in IndexedDB or asks for it.
   */
  imageSet: string;
  runs: RunConfig[];
}

// The global settings' defaults, bounds and labels: settings.ts.

/**
 * The per-run settings that are not a loss's own (those are in the loss registry, losses/index.ts),
 * in the same shape as a loss parameter: the run panel shows both with one slider, and validation
 * and the defaults read their bounds here.
 */
export const RUN_SETTINGS = {
  learningRate: {
    key: 'learningRate', label: 'Learning rate', default: 6e-3, min: 1e-5, max: 0.1, step: 0, scale: 'log',
    help: 'The optimiser\'s step size (Adam, or SGD with momentum); a change applies from the next step',
  },
} as const satisfies Record<string, ParamSpec>;

export const MAX_RUNS = 6;
