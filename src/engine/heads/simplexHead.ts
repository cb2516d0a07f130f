import * as tf from '@tensorflow/tfjs';
import {
  nearestCenter, simplexCentersTensor, simplexDimError, simplexHingeLoss, simplexHingeTau, simplexMinDim,
  simplexMseLoss, simplexSoftmaxLoss,
} from '../../losses/simplex';
import type { ParamValues } from '../../losses/types';
import type { HeadOptions, Overlay } from '../types';
import { BaseHead, denseWeight, headRng, overlayOf, zeroBias } from './common';

/**
 * Simplex centers ("Reaching Nirvana"): samples are pulled to fixed vertices of a regular simplex of
 * radius u. With DAM on, a learned dense layer lifts the shown feature f to max(C−1, d) dimensions and
 * the loss, the prediction (nearest vertex) and the unknown score (distance to it) live there; with DAM
 * off they act on f itself, which then needs at least C−1 dimensions.
 */
export class SimplexHead extends BaseHead {
  private readonly dam: { w: tf.Variable<tf.Rank.R2>; b: tf.Variable<tf.Rank.R1> } | null;
  /** width of the space the vertices live in */
  private readonly lossDim: number;
  private vertices: tf.Tensor2D;

  constructor(opts: HeadOptions) {
    super(opts);
    const d = opts.embeddingDim;
    if (this.choices.dam === 'off') {
      if (d < simplexMinDim(opts.classes)) throw new Error(simplexDimError(opts.classes, d));
      this.dam = null;
      this.lossDim = d;
    } else {
      const rng = headRng(opts);
      this.lossDim = Math.max(simplexMinDim(opts.classes), d);
      this.dam = { w: this.trainable(denseWeight(rng, d, this.lossDim)), b: this.trainable(zeroBias(this.lossDim)) };
    }
    this.vertices = this.own(simplexCentersTensor(opts.classes, this.lossDim, this.params.u));
  }

  /** The representation the loss sees: DAM(f) or f. */
  private lifted(feature: tf.Tensor2D): tf.Tensor2D {
    const dam = this.dam;
    return dam ? (tf.add(tf.matMul(feature, dam.w), dam.b) as tf.Tensor2D) : feature;
  }

  loss(_trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, _step: number): tf.Scalar {
    return tf.tidy(() => {
      const z = this.lifted(feature);
      switch (this.choices.variant) {
        case 'hinge': return simplexHingeLoss(z, this.vertices, labels, simplexHingeTau(this.classes, this.lossDim, this.params.u));
        case 'softmax': return simplexSoftmaxLoss(z, this.vertices, labels);
        default: return simplexMseLoss(z, this.vertices, labels);
      }
    });
  }

  predict(_trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => nearestCenter(this.lifted(feature), this.vertices).index);
  }

  unknownScore(_trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => nearestCenter(this.lifted(feature), this.vertices).distance);
  }

  /** The vertices, only when they live in the plotted space (DAM off). */
  async overlay(): Promise<Overlay | null> {
    return this.dam ? null : overlayOf('vertices', () => tf.clone(this.vertices));
  }

  setParams(params: ParamValues): void {
    const before = this.params.u;
    super.setParams(params);
    if (this.params.u !== before) this.vertices = this.own(simplexCentersTensor(this.classes, this.lossDim, this.params.u), this.vertices);
  }
}
