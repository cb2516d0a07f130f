import * as tf from '@tensorflow/tfjs-core';
import type { MiningStrategy } from './miners';
import { MINING_STRATEGIES } from './miners';
import { argmaxKnown, maxProbUnknownKnown } from '../common/knownClasses';
import { linearLogits, softmaxCrossEntropy } from '../softmax/math';
import { tripletEmbedding, tripletLoss } from './math';
import type { ChoiceValues } from '../types';
import type { HeadOptions, LossHead } from '../lossHead';
import { emptyClassMeans, nearestClassMean, updateClassMeans, type ClassMeans } from './classMeans';
import { BaseHead, denseWeight, headRng, zeroBias } from '../common/baseHead';
import { minedTriplets } from './minedTriplets';

/**
 * Taha et al.'s two-head architecture: the classifier reads the trunk (the layer before the
 * embedding), the triplet loss shapes the embedding f the plot shows; L = CE + λ·triplet. The
 * classifier does not live in the plotted space, so there is no overlay; `predict` is that trunk
 * classifier, and `plottedPredict` classifies the plotted embedding by its nearest class mean (running
 * means over the training batches, classMeans.ts) so that the run is compared on what it plots.
 */
export class TripletHead extends BaseHead {
  private readonly w: tf.Variable<tf.Rank.R2>;
  private readonly b: tf.Variable<tf.Rank.R1>;
  /** running class means of the plotted embedding (state, not trained) */
  private classMeans: ClassMeans;

  constructor(opts: HeadOptions) {
    super(opts);
    const rng = headRng(opts);
    this.w = this.trainable(denseWeight(rng, opts.trunkDim, opts.classes));
    this.b = this.trainable(zeroBias(opts.classes));
    this.classMeans = this.ownMeans(emptyClassMeans(opts.classes, opts.embeddingDim));
  }

  private ownMeans(next: ClassMeans, previous?: ClassMeans): ClassMeans {
    return { means: this.own(next.means, previous?.means), batches: this.own(next.batches, previous?.batches) };
  }

  private normalized(): boolean {
    return this.choices.embedding === 'l2';
  }

  /** The embedding the loss measures and the plot shows: f, or f/‖f‖ (Taha et al.'s code). */
  private plotted(feature: tf.Tensor2D): tf.Tensor2D {
    return tripletEmbedding(feature, this.normalized());
  }

  private mining(): MiningStrategy {
    const m = this.choices.mining as MiningStrategy;
    return MINING_STRATEGIES.includes(m) ? m : 'semi_hard';
  }

  loss(trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, _step: number): tf.Scalar {
    return tf.tidy(() => {
      const ce = softmaxCrossEntropy(linearLogits(trunk, this.w, this.b), labels);
      const tri = tripletLoss(feature, labels, {
        margin: this.params.margin, mining: this.mining(), squared: this.choices.distance === 'squared', normalize: this.normalized(),
      });
      return tf.add(ce, tf.mul(this.params.lambda, tri)) as tf.Scalar;
    });
  }

  /** `feature` here is the plotted embedding (the trainer mines on the shown points). */
  minedTriplets(feature: tf.Tensor2D, labels: tf.Tensor1D): Promise<Int32Array> {
    return minedTriplets(feature, labels, this.mining(), this.params.margin, this.choices.distance === 'squared');
  }

  predict(trunk: tf.Tensor2D, _feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => argmaxKnown(linearLogits(trunk, this.w, this.b), this.known));
  }

  unknownScore(trunk: tf.Tensor2D, _feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => maxProbUnknownKnown(linearLogits(trunk, this.w, this.b), this.known));
  }

  display(_trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.clone(this.plotted(feature)));
  }

  /** The class means follow this batch's plotted embedding (from before the step's update). */
  afterStep(_trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, _step: number): void {
    const next = tf.tidy(() => updateClassMeans(this.classMeans, this.plotted(feature), labels));
    this.classMeans = this.ownMeans(next, this.classMeans);
  }

  plottedPredict(_trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => nearestClassMean(this.plotted(feature), this.classMeans).index);
  }

  /**
   * Distance to the nearest class mean, as for the losses that predict by nearest center. A held-out
   * class has no mean (no batch ever held it), so nearestClassMean already leaves it out.
   */
  plottedUnknownScore(_trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => nearestClassMean(this.plotted(feature), this.classMeans).distance);
  }

  /** A new Embedding choice puts the plot in another space: the means there start afresh. */
  setChoices(choices: ChoiceValues): void {
    const before = this.normalized();
    super.setChoices(choices);
    if (this.normalized() !== before) this.resetMeans();
  }

  resetState(): void {
    this.resetMeans();
  }

  stateTensors(): { name: string; tensor: tf.Tensor }[] {
    return [{ name: 'classMeans', tensor: this.classMeans.means }, { name: 'classBatches', tensor: this.classMeans.batches }];
  }

  setStateTensor(name: string, values: tf.Tensor): void {
    const { means, batches } = this.classMeans;
    if (name === 'classMeans') this.classMeans = { means: this.own(values as tf.Tensor2D, means), batches };
    else if (name === 'classBatches') this.classMeans = { means, batches: this.own(values as tf.Tensor1D, batches) };
    else super.setStateTensor(name, values);
  }

  private resetMeans(): void {
    const [classes, dim] = this.classMeans.means.shape;
    this.classMeans = this.ownMeans(emptyClassMeans(classes, dim), this.classMeans);
  }

  copyStateFrom(other: LossHead): void {
    super.copyStateFrom(other);
    if (!(other instanceof TripletHead)) return;
    if (other.normalized() === this.normalized()) {
      this.classMeans = this.ownMeans({ means: tf.clone(other.classMeans.means), batches: tf.clone(other.classMeans.batches) }, this.classMeans);
    } else {
      this.resetMeans();
    }
  }
}
