import * as tf from '@tensorflow/tfjs-core';
import {
  nearestCenter, simplexCentersTensor, simplexDimError, simplexHingeLoss, simplexHingeTau, simplexMinDim,
  simplexMseLoss, simplexSoftmaxLoss,
} from './math';
import { classOfKnown } from '../common/knownClasses';
import type { ParamValues } from '../types';
import type { HeadOptions, Overlay } from '../lossHead';
import { BaseHead, denseWeight, headRng, heWeight, overlayOf, zeroBias } from '../common/baseHead';

/**
 * Width of the DAM's hidden layer. One affine layer cannot work from a 2-D feature: it puts f on a
 * plane inside R^(C−1), and nearest-vertex prediction on a plane reaches only a few of the C vertices
 * (the simplex is isotropic, so nothing pushes the plane toward a good one). The original
 * (Cevikalp/dsc, Networks/DAMNet.py) stacks nonlinear layers; one hidden ReLU layer bends the plane.
 */
const DAM_HIDDEN = 64;

/**
 * Simplex centers ("Reaching Nirvana"): samples are pulled to fixed vertices of a regular simplex of
 * radius u, one vertex per known class: with classes held out (open set) the simplex is built over the
 * K known classes only, as the paper's open-set experiments do, so no vertex of an unknown class takes
 * part in the loss, the prediction or the unknown score. With DAM on, a learned two-layer module lifts the shown feature f to max(C−1, d) dimensions and
 * the loss, the prediction (nearest vertex) and the unknown score (distance to it) live there; with DAM
 * off they act on f itself, which then needs at least C−1 dimensions.
 */
export class SimplexHead extends BaseHead {
  /** hidden layer (ReLU) then linear layer to the simplex's space; null with DAM off */
  private readonly dam: { w1: tf.Variable<tf.Rank.R2>; b1: tf.Variable<tf.Rank.R1>; w2: tf.Variable<tf.Rank.R2>; b2: tf.Variable<tf.Rank.R1> } | null;
  /** width of the space the vertices live in */
  private readonly lossDim: number;
  /** [K][lossDim]: row k is the vertex of the k-th known class (knownIds[k]) */
  private vertices: tf.Tensor2D;
  /** [C] int32: a class id's row in `vertices` (held-out classes: 0, never read — they are never a label); null when all are known */
  private readonly rowOf: tf.Tensor1D | null;

  constructor(opts: HeadOptions) {
    super(opts);
    const d = opts.embeddingDim;
    const k = this.knownIds.length;
    if (this.choices.dam === 'off') {
      if (d < simplexMinDim(k)) throw new Error(simplexDimError(k, d));
      this.dam = null;
      this.lossDim = d;
    } else {
      const rng = headRng(opts);
      this.lossDim = Math.max(simplexMinDim(k), d);
      this.dam = {
        w1: this.trainable(heWeight(rng, d, DAM_HIDDEN)), b1: this.trainable(zeroBias(DAM_HIDDEN)),
        w2: this.trainable(denseWeight(rng, DAM_HIDDEN, this.lossDim)), b2: this.trainable(zeroBias(this.lossDim)),
      };
    }
    this.vertices = this.own(simplexCentersTensor(k, this.lossDim, this.params.u));
    const rows = new Int32Array(opts.classes);
    this.knownIds.forEach((c, i) => { rows[c] = i; });
    this.rowOf = this.known ? this.own(tf.tensor1d(rows, 'int32')) : null;
  }

  /** The labels as rows of `vertices` (the known classes' ranks). */
  private rows(labels: tf.Tensor1D): tf.Tensor1D {
    return this.rowOf ? tf.gather(this.rowOf, tf.cast(labels, 'int32')) : labels;
  }

  /** The representation the loss sees: DAM(f) or f. */
  private lifted(feature: tf.Tensor2D): tf.Tensor2D {
    const dam = this.dam;
    if (!dam) return feature;
    const h = tf.relu(tf.add(tf.matMul(feature, dam.w1), dam.b1));
    return tf.add(tf.matMul(h, dam.w2), dam.b2) as tf.Tensor2D;
  }

  loss(_trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, _step: number): tf.Scalar {
    return tf.tidy(() => {
      const z = this.lifted(feature);
      const y = this.rows(labels);
      switch (this.choices.variant) {
        case 'hinge': return simplexHingeLoss(z, this.vertices, y, simplexHingeTau(this.knownIds.length, this.lossDim, this.params.u));
        case 'softmax': return simplexSoftmaxLoss(z, this.vertices, y);
        default: return simplexMseLoss(z, this.vertices, y);
      }
    });
  }

  predict(_trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => classOfKnown(nearestCenter(this.lifted(feature), this.vertices).index, this.known));
  }

  unknownScore(_trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => nearestCenter(this.lifted(feature), this.vertices).distance);
  }

  /**
   * The vertices, only when they live in the plotted space (DAM off); with classes held out, the known
   * classes' vertices in their order (row k: the k-th known class).
   */
  async overlay(): Promise<Overlay | null> {
    return this.dam ? null : overlayOf('vertices', () => tf.clone(this.vertices));
  }

  setParams(params: ParamValues): void {
    const before = this.params.u;
    super.setParams(params);
    if (this.params.u !== before) this.vertices = this.own(simplexCentersTensor(this.knownIds.length, this.lossDim, this.params.u), this.vertices);
  }
}
