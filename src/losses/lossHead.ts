/**
 * What a loss's head is to the engine that trains it: the interface each loss folder implements
 * (src/losses/<id>/head.ts) and the options a head is built with.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { ChoiceValues, LossId, ParamValues } from './types';

/** What the plot draws on top of the points for a loss (diamonds, centers, simplex vertices). */
export interface Overlay {
  kind: 'weights' | 'centers' | 'vertices';
  /** row-major [n][dim], in the same space as the displayed embedding */
  points: Float32Array;
  dim: number;
}

export interface HeadOptions {
  loss: LossId;
  classes: number;
  /** width of the backbone's embedding layer (the feature f) */
  embeddingDim: number;
  /** width of the trunk output (the layer before the embedding layer) */
  trunkDim: number;
  params: ParamValues;
  choices: ChoiceValues;
  seed: number;
  /**
   * Classes held out of training (the open-set split): the head's predictions and unknown scores
   * read the known classes' logits, centers or vertices only, and the simplex is built over the
   * known classes alone. Absent or empty: every class is known.
   */
  unknownClasses?: readonly number[];
}

/**
 * A loss attached to the backbone: owns its trainable variables (classifier, pair head, DAM layer,
 * learnable α) and its non-trainable state (center-loss centers). Created and used only in the worker.
 */
export interface LossHead {
  readonly id: LossId;
  /** trainable variables of the head; the optimiser updates them together with the backbone's */
  readonly variables: tf.Variable[];
  /**
   * Total loss of a batch. Called inside the optimiser's gradient computation, so it must only use
   * tf ops on its inputs and variables. `trunk` is the layer before the embedding, `feature` the
   * embedding f (what the plot shows, possibly after the head's own display transform).
   */
  loss(trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, step: number): tf.Scalar;
  /** state updates that are not gradient steps (center loss), after the optimiser step */
  afterStep(trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, step: number): void;
  /** predicted class per sample with the loss's own rule (argmax or nearest center) */
  predict(trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D;
  /** the points the plot shows for these samples (f, or heated softmax's f̂ = f/√(‖f‖² + ε): on the unit circle, inside where ‖f‖² ≲ ε) */
  display(trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor2D;
  /** open-set "unknown" score per sample: larger = more likely unknown */
  unknownScore(trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D;
  /** class weight directions / centers / vertices in the display space, or null */
  /** read asynchronously: a synchronous GPU read-back breaks the WebGPU backend */
  overlay(): Promise<Overlay | null>;
  /** the value of α actually used at this step, for display; absent for losses without an α schedule */
  currentAlpha?(step: number): Promise<number>;
  /**
   * Factor on the run's learning rate at this step (the heating-up schedule also divides the
   * learning rate by 10 when it lowers α); absent means 1.
   */
  lrMultiplier?(step: number): number;
  /**
   * The triplets this loss's miner picks in a batch, as local indices (a, p, n) flattened, only those
   * with a positive loss; for drawing. Absent for losses that do not mine.
   */
  minedTriplets?(feature: tf.Tensor2D, labels: tf.Tensor1D): Promise<Int32Array>;
  /**
   * The planned length of training in steps (schedules that are shares of it, such as the heat-up
   * point, read it); absent where nothing depends on it.
   */
  setPlan?(plannedSteps: number): void;
  /**
   * Restarts non-trainable state (centers, class means) as a new head has it: after a run's variables
   * went back to an earlier step, state learnt from the broken steps (NaN) must not stay.
   */
  resetState?(): void;
  /**
   * Non-trainable state a checkpoint keeps (center-loss centers and their mask, the triplet run's
   * class means), by name in a fixed order; [] for heads without any. Derived tensors (the simplex's
   * vertices, made from its parameters) are not state.
   */
  stateTensors(): { name: string; tensor: tf.Tensor }[];
  /**
   * Replaces the state tensor `name` (one stateTensors() lists) with `values`, which the head then
   * owns. The caller has checked that the shape is the one stateTensors() reports.
   */
  setStateTensor(name: string, values: tf.Tensor): void;
  /** new slider values; take effect at the next step, no state is lost */
  setParams(params: ParamValues): void;
  /**
   * New values of the choices marked `rebuild: false` (the trainer rebuilds the head for the others);
   * read at the next call, no weight, center or optimiser state is lost.
   */
  setChoices(choices: ChoiceValues): void;
  /**
   * Continue from another head of the same loss and structure (a duplicated run): copies its
   * trainable variables and its non-trainable state (centers, class means).
   */
  copyStateFrom(other: LossHead): void;
  /**
   * Prediction from the plotted feature (display(trunk, feature)) with the loss's rule, where
   * `predict` uses something else (the triplet regularizer's classifier reads the trunk). Absent:
   * `predict` already predicts from the plotted feature. See plottedPredict() in heads.ts.
   */
  plottedPredict?(trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D;
  /** the open-set score that goes with plottedPredict; present exactly when plottedPredict is */
  plottedUnknownScore?(trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D;
  dispose(): void;
}
