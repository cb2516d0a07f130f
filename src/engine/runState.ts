/**
 * One run's state inside the Trainer (weights, head, optimiser, step, last good copy) and what is
 * done to a run alone, without the other runs: its variables in order, its train step, its copy of
 * last good weights. The Trainer steps runs, trainerCheckpoint reads and writes them and
 * trainerCapture embeds with them; the type lives here so that those modules share it without
 * importing the Trainer (which imports them).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../config/config';
import { backboneVariables, type NetworkWeights } from './backbone';
import { createTrainStep, type TrainStep } from './trainStep';
import type { LossHead } from '../losses/lossHead';

export interface RunState {
  cfg: RunConfig;
  weights: NetworkWeights;
  head: LossHead;
  /** Adam or SGD with momentum (the experiment's Optimizer setting) */
  optimizer: tf.Optimizer;
  /** forward + backward + update for this run's weights, head and optimiser */
  train: TrainStep;
  step: number;
  loss: number;
  /** set when the loss became NaN/∞: the run stops training until reset or changed */
  diverged: string | null;
  /**
   * Copies of every trainable variable (backbone, then head) at a step whose loss was finite, taken
   * every GOOD_EVERY steps (trainer.ts): a run whose loss turns NaN/∞ goes back to them (its weights
   * are already broken by then), so lowering the learning rate recovers it without touching the
   * other runs.
   */
  good: { step: number; values: tf.Tensor[] } | null;
}

/** A run's trainable variables: the backbone's, then the head's (the order checkpoints keep). */
export function trainables(s: RunState): tf.Variable[] {
  return [...backboneVariables(s.weights), ...s.head.variables];
}

/** Takes a new last-good copy of a run's variables, disposing the previous one. */
export function keepGood(s: RunState): void {
  if (s.good) tf.dispose(s.good.values);
  s.good = { step: s.step, values: trainables(s).map((v) => tf.keep(v.clone())) };
}

export function makeTrainStep(s: RunState, weightDecay: number): TrainStep {
  // the closure reads s.head and s.step at call time, so slider changes need no new step function
  return createTrainStep({
    weights: s.weights, headVariables: s.head.variables, optimizer: s.optimizer, weightDecay,
    loss: (trunk, feature, labels) => s.head.loss(trunk, feature, labels, s.step),
  });
}
