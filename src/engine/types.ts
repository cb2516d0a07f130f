import type * as tf from '@tensorflow/tfjs';
import type { ChoiceValues, LossId, ParamValues } from '../losses/types';

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
}

export interface HeadForward {
  /** scalar total loss (CE + λ·regulariser etc.) */
  loss: tf.Scalar;
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
  /** the points the plot shows for these samples (f, or f̂ on the unit circle for heated softmax) */
  display(trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor2D;
  /** open-set "unknown" score per sample: larger = more likely unknown */
  unknownScore(trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D;
  /** class weight directions / centers / vertices in the display space, or null */
  /** read asynchronously: a synchronous GPU read-back breaks the WebGPU backend */
  overlay(): Promise<Overlay | null>;
  /** the value of α actually used at this step (heated softmax), for display */
  currentAlpha(step: number): Promise<number | null>;
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
  /** new slider values; take effect at the next step, no state is lost */
  setParams(params: ParamValues): void;
  dispose(): void;
}
