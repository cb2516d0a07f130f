/**
 * A run's and an experiment's settings as plain JSON: the one source of truth that the store holds,
 * the worker receives, the URL hash and exported files carry.
 */
import type { ChoiceValues, LossId, ParamValues } from '../losses/types';

/** How the learning rate moves over the planned length (engine/lrSchedule.ts computes it). */
export type LrScheduleKind = 'cosine' | 'constant';
export const LR_SCHEDULES: { id: LrScheduleKind; label: string }[] = [
  { id: 'cosine', label: 'Warm-up + cosine decay' },
  { id: 'constant', label: 'Constant' },
];

export type DatasetId = 'mnist' | 'cifar10';
export type BackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_CHOICES: BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];
export const DATASETS: { id: DatasetId; label: string }[] = [
  { id: 'mnist', label: 'MNIST' },
  { id: 'cifar10', label: 'CIFAR-10' },
];

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
  /** CIFAR-10 only: random crop (pad 4) + horizontal flip, seeded */
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
  runs: RunConfig[];
}

/** Global numeric settings, declared once: defaults, bounds, and the controls come from this table. */
export const GLOBAL_SETTINGS = {
  embeddingDim: { label: 'Embedding size', min: 2, max: 64, step: 1, default: 2 },
  batchSize: { label: 'Batch size', min: 8, max: 512, step: 8, default: 128 },
  seed: { label: 'Seed', min: 0, max: 2 ** 31 - 1, step: 1, default: 1 },
  evalSize: { label: 'Test points shown', min: 100, max: 10000, step: 100, default: 2000 },
  plannedEpochs: { label: 'Planned epochs', min: 0.5, max: 1000, step: 0.5, default: 2 },
} as const;

/**
 * The planned length each dataset starts with: two epochs of MNIST (≈ 938 steps, half a minute), and
 * 100 epochs of the 5 085-image CIFAR-10 subset (≈ 4 000 steps), which needs many passes.
 */
export const DEFAULT_PLANNED_EPOCHS: Record<DatasetId, number> = { mnist: 2, cifar10: 100 };

export const LEARNING_RATE = { label: 'Learning rate', min: 1e-5, max: 0.1, default: 6e-3 };

export const MAX_RUNS = 6;
