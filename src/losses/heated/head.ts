import * as tf from '@tensorflow/tfjs-core';
import { alphaAtStep, isAlphaScheduleKind, type AlphaSchedule } from './alphaSchedule';
import { HEATED_EPS, heatedSoftmaxLoss } from './math';
import type { ParamValues } from '../types';
import type { HeadOptions } from '../lossHead';
import { variableFrom } from '../common/baseHead';
import { CosineHead } from '../common/cosineHead';

/**
 * Heated-up softmax (Zhang et al. 2018): W[d×C] without bias, logits α·f̂·ŵ, α from a schedule or a
 * trainable scalar (NormFace-style). The plot shows f̂ in the unit disc (on its circle once ‖f‖² ≫ ε).
 */
export class HeatedHead extends CosineHead {
  /** the trainable α when the schedule is 'learnable' */
  private readonly alphaVar: tf.Variable<tf.Rank.R0> | null;

  constructor(opts: HeadOptions) {
    super(opts);
    this.alphaVar = this.schedule().kind === 'learnable'
      ? this.trainable(variableFrom(tf.scalar(this.params.alpha)))
      : null;
  }

  private schedule(): AlphaSchedule {
    const kind = this.choices.schedule;
    return {
      kind: isAlphaScheduleKind(kind) ? kind : 'constant',
      alpha: this.params.alpha,
      alphaEnd: this.params.alphaEnd,
      heatStep: Math.round(this.params.heatAt * this.plannedSteps),
      rampSteps: Math.max(1, Math.round(this.params.rampEnd * this.plannedSteps)),
      heatLr: this.params.heatLr,
    };
  }

  /** α as used in the graph: the trainable scalar, or the schedule's number at this step. */
  private alpha(step: number): number | tf.Scalar {
    return this.alphaVar ?? alphaAtStep(this.schedule(), step).alpha;
  }

  /** Factor for the run's learning rate at this step: the LR factor at heat-up (0.3 by default) from the heat-up step on, else 1. */
  lrMultiplier(step: number): number {
    return alphaAtStep(this.schedule(), step).lrMultiplier;
  }

  loss(_trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, step: number): tf.Scalar {
    return tf.tidy(() => heatedSoftmaxLoss(feature, this.w, labels, this.alpha(step), HEATED_EPS, this.params.featureEps));
  }

  async currentAlpha(step: number): Promise<number> {
    return this.alphaVar ? (await this.alphaVar.data())[0] : alphaAtStep(this.schedule(), step).alpha;
  }

  setParams(params: ParamValues): void {
    const before = this.params.alpha;
    super.setParams(params);
    // moving the α slider restarts a learnable α there; other sliders leave the learnt value alone
    const v = this.alphaVar;
    if (v && this.params.alpha !== before) tf.tidy(() => v.assign(tf.scalar(this.params.alpha)));
  }
}
