/**
 * The worker's side of the loss registry: the head each loss trains with, and the questions the
 * engine asks any head (its learning-rate factor, its prediction on the plotted feature).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { HeadOptions, LossHead } from './lossHead';
import type { LossId } from './types';
import { CenterHead } from './center/head';
import { CosFaceHead } from './cosface/head';
import { HeatedHead } from './heated/head';
import { PairHead } from './pair/head';
import { SimplexHead } from './simplex/head';
import { SoftmaxHead } from './softmax/head';
import { TripletHead } from './triplet/head';

/** Each loss's head class (its folder's head.ts); a loss without an entry does not compile. */
const HEADS: { [K in LossId]: new (opts: HeadOptions) => LossHead } = {
  softmax: SoftmaxHead, heated: HeatedHead, center: CenterHead, triplet: TripletHead, pair: PairHead, simplex: SimplexHead,
  cosface: CosFaceHead,
};

/**
 * Builds the head of a loss. Params and choices missing from `opts` take the registry's defaults;
 * out-of-range params are clamped. Throws a readable Error when the embedding is too small for the
 * loss (simplex without DAM: fewer than C−1 dimensions).
 */
export function createHead(opts: HeadOptions): LossHead {
  // a config from a URL or a file can name a loss this build does not have
  if (!Object.hasOwn(HEADS, opts.loss)) throw new Error(`unknown loss "${String(opts.loss)}"`);
  return new HEADS[opts.loss](opts);
}

/** The learning-rate factor a head asks for at a step (heated-up's LR factor after its heat-up), 1 when it asks none. */
export function headLrMultiplier(head: LossHead, step: number): number {
  return head.lrMultiplier?.(step) ?? 1;
}

/**
 * The prediction from the plotted feature with the loss's own rule: the head's plottedPredict where
 * it has one (its `predict` reads something else, e.g. the triplet regularizer's trunk classifier),
 * else its `predict`. Every run's accuracy is measured with this, so the comparison is on the plot.
 */
export function plottedPredict(head: LossHead, trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D {
  return head.plottedPredict ? head.plottedPredict(trunk, feature) : head.predict(trunk, feature);
}

/** The open-set score that goes with plottedPredict. */
export function plottedUnknownScore(head: LossHead, trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D {
  return head.plottedUnknownScore ? head.plottedUnknownScore(trunk, feature) : head.unknownScore(trunk, feature);
}

/** Whether the head's own classifier is not on the plotted feature (its accuracy is shown beside). */
export function hasOffPlotClassifier(head: LossHead): boolean {
  return head.plottedPredict !== undefined;
}
