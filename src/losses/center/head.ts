import * as tf from '@tensorflow/tfjs-core';
import { centerLoss, initialiseCenters, updateCenters } from './math';
import { maxProbUnknownKnown, nearestKnownCenter } from '../common/knownClasses';
import type { HeadOptions, LossHead, Overlay } from '../lossHead';
import { overlayOf } from '../common/baseHead';
import { SoftmaxHead } from '../softmax/head';

/**
 * Center loss (Wen et al. 2016): softmax + λ·½‖f − c_y‖². The centers are state, not trainable: each
 * starts at its class's mean in the first batch that holds the class, then moves toward the batch
 * means in afterStep at rate α_c. (Wen's code starts them at the origin, which for the first few
 * hundred steps pulls every class toward one point and fights the classifier.)
 */
export class CenterHead extends SoftmaxHead {
  private centers: tf.Tensor2D;
  /** [C][1]: 1 once a class's center has been set from a batch */
  private seen: tf.Tensor2D;

  constructor(opts: HeadOptions) {
    super(opts);
    this.centers = this.own(tf.zeros([opts.classes, opts.embeddingDim]) as tf.Tensor2D);
    this.seen = this.own(tf.zeros([opts.classes, 1]) as tf.Tensor2D);
  }

  private nearest(): boolean {
    return this.choices.prediction === 'nearest';
  }

  loss(_trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, _step: number): tf.Scalar {
    return tf.tidy(() => tf.add(this.classifierLoss(feature, labels), tf.mul(this.params.lambda, centerLoss(feature, this.centers, labels))) as tf.Scalar);
  }

  afterStep(_trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, _step: number): void {
    const [next, seen] = tf.tidy(() => {
      const { centers, present } = initialiseCenters(this.centers, this.seen, feature, labels);
      return [updateCenters(centers, feature, labels, this.params.centerRate), present];
    });
    this.centers = this.own(next, this.centers);
    this.seen = this.own(seen, this.seen);
  }

  predict(trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D {
    if (!this.nearest()) return super.predict(trunk, feature);
    return tf.tidy(() => nearestKnownCenter(feature, this.centers, this.known).index);
  }

  /**
   * Distance to the nearest known center when predicting by centers (a held-out class's center never
   * moves from the origin), else 1 − max softmax probability over the known classes.
   */
  unknownScore(_trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => (this.nearest() ? nearestKnownCenter(feature, this.centers, this.known).distance : maxProbUnknownKnown(this.logits(feature), this.known)));
  }

  async overlay(): Promise<Overlay | null> {
    return overlayOf('centers', () => tf.clone(this.centers));
  }

  stateTensors(): { name: string; tensor: tf.Tensor }[] {
    return [{ name: 'centers', tensor: this.centers }, { name: 'seen', tensor: this.seen }];
  }

  setStateTensor(name: string, values: tf.Tensor): void {
    if (name === 'centers') this.centers = this.own(values as tf.Tensor2D, this.centers);
    else if (name === 'seen') this.seen = this.own(values as tf.Tensor2D, this.seen);
    else super.setStateTensor(name, values);
  }

  /** Centers start again from the next batch's class means. */
  resetState(): void {
    this.seen = this.own(tf.zerosLike(this.seen), this.seen);
    this.centers = this.own(tf.zerosLike(this.centers), this.centers);
  }

  /** A duplicate continues from the source's centers, not from where a new head starts them. */
  copyStateFrom(other: LossHead): void {
    super.copyStateFrom(other);
    if (other instanceof CenterHead) {
      this.centers = this.own(tf.clone(other.centers), this.centers);
      this.seen = this.own(tf.clone(other.seen), this.seen);
    }
  }
}
