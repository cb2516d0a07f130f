import * as tf from '@tensorflow/tfjs-core';
import { backboneForward, backboneVariables, type NetworkWeights } from './backbone';
import { withWeightDecay } from './optimizer';
import { backboneForwardForTraining } from './trainStepForward';

/** The head's loss on one batch; labels are passed through untouched (a head may ignore them). */
export type BatchLoss = (trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D) => tf.Scalar;

export interface TrainStepConfig {
  weights: NetworkWeights;
  /** the head's trainable variables (classifier, α…), updated together with the backbone's */
  headVariables: tf.Variable[];
  loss: BatchLoss;
  optimizer: tf.Optimizer;
  /** L2 weight decay wd·w added to every variable's gradient before the update (0: none) */
  weightDecay?: number;
  /**
   * 'fused' (default): custom-gradient blocks (trainStepForward.ts), fewer kernels and no wasted
   * input gradient. 'reference': differentiate backbone.ts's backboneForward as is — kept for tests
   * and as a fallback.
   */
  forward?: 'fused' | 'reference';
}

export interface StepResult {
  /** the batch's loss before the update; read it lazily (await loss.data()) and dispose it */
  loss: tf.Scalar;
  /** only with keepActivations: the forward pass's trunk and feature (before the update); caller disposes */
  trunk?: tf.Tensor2D;
  feature?: tf.Tensor2D;
}

export type TrainStep = (x: tf.Tensor4D, labels: tf.Tensor1D, keepActivations?: boolean) => StepResult;

/**
 * One optimiser step (forward, backward, update) on a batch. Backend-agnostic: on wasm it needs
 * registerWasmTrainingKernels() first; elsewhere it uses stock kernels only. Leaves no tensors behind
 * except what it returns; x and labels stay owned by the caller.
 */
export function createTrainStep(cfg: TrainStepConfig): TrainStep {
  const forward = cfg.forward === 'reference' ? backboneForward : backboneForwardForTraining;
  const vars = [...backboneVariables(cfg.weights), ...cfg.headVariables];
  return (x, labels, keepActivations = false) => {
    let trunk: tf.Tensor2D | undefined;
    let feature: tf.Tensor2D | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const out = forward(cfg.weights, x);
      if (keepActivations) {
        trunk = tf.keep(out.trunk);
        feature = tf.keep(out.feature);
      }
      return cfg.loss(out.trunk, out.feature, labels);
    }, vars);
    const decayed = withWeightDecay(grads, vars, cfg.weightDecay ?? 0);
    cfg.optimizer.applyGradients(decayed);
    tf.dispose(grads);
    if (decayed !== grads) tf.dispose(decayed);
    return { loss: value, trunk, feature };
  };
}
