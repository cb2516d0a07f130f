/**
 * The runs' update rule (the Optimizer setting): Adam with TF.js's defaults, or SGD with heavy-ball
 * momentum as PyTorch's torch.optim.SGD has it (no dampening, no Nesterov):
 *
 *   g ← ∇L + wd·w        buf ← μ·buf + g  (buf starts at 0, so the first buf is g)        w ← w − lr·buf
 *
 * Weight decay is the coupled L2 term of PyTorch's `weight_decay` for both optimizers (added to the
 * gradient before the update; `withWeightDecay`). The optimiser's state in a checkpoint: Adam's
 * [iteration, first moments, second moments], SGD's [iteration, momentum buffers] — one or two slots
 * per variable (`slotsPerVariable`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig, OptimizerKind } from '../config/config';

/** a variable's name and value, as TF.js's optimisers save them (tfjs-core does not export the type) */
interface NamedTensor { name: string; tensor: tf.Tensor }

export type OptimizerSettings = Pick<ExperimentConfig, 'optimizer' | 'momentum' | 'weightDecay'>;

/** The settings with what older configs lack filled in: Adam, no weight decay. */
export function optimizerSettings(cfg: Partial<OptimizerSettings>): OptimizerSettings {
  return { optimizer: cfg.optimizer ?? 'adam', momentum: cfg.momentum ?? 0.9, weightDecay: cfg.weightDecay ?? 0 };
}

/**
 * SGD with heavy-ball momentum. Not TF.js's MomentumOptimizer: that one caches −lr in a scalar that
 * only setLearningRate renews, leaves that scalar and one tensor per variable behind when disposed
 * (tfjs-core 4.x), and answers `instanceof` for every optimiser. Buffers are kept by position in the
 * order applyGradients first sees the variables, as TF.js's optimisers keep theirs, so a checkpoint's
 * slots map to variables the same way for Adam and SGD.
 */
export class SgdMomentum extends tf.Optimizer {
  static get className(): string { return 'SgdMomentum'; }
  private buffers: tf.Variable[] = [];

  constructor(public learningRate: number, readonly momentum: number) {
    super();
  }

  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const list = Array.isArray(variableGradients) ? variableGradients : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    list.forEach(({ name, tensor: g }, i) => {
      const w = tf.engine().registeredVariables[name];
      if (g == null || !w) return;
      if (!this.buffers[i]) {
        // buf starts at 0: the first buffer is the gradient itself, as in PyTorch
        const zeros = tf.zerosLike(w);
        this.buffers[i] = tf.variable(zeros, false);
        zeros.dispose();
      }
      const buf = this.buffers[i];
      tf.tidy(() => {
        const next = tf.add(tf.mul(this.momentum, buf), g);
        buf.assign(next);
        w.assign(tf.sub(w, tf.mul(this.learningRate, next)));
      });
    });
    this.incrementIterations();
  }

  async getWeights(): Promise<NamedTensor[]> {
    return [await this.saveIterations(), ...this.buffers.map((v, i) => ({ name: `buffer${i}/momentum`, tensor: v }))];
  }

  async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    tf.dispose(this.buffers);
    this.buffers = rest.map((w) => tf.variable(w.tensor, false));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, momentum: this.momentum };
  }

  dispose(): void {
    tf.dispose(this.buffers);
    this.buffers = [];
  }
}

export function createOptimizer(s: OptimizerSettings, learningRate: number): tf.Optimizer {
  return s.optimizer === 'sgd' ? new SgdMomentum(learningRate, s.momentum) : tf.train.adam(learningRate);
}

/**
 * Which kind an optimiser built by createOptimizer is. By class name: TF.js's Optimizer answers
 * `instanceof` for any optimiser (Symbol.hasInstance checks for its methods only).
 */
export function optimizerKind(opt: tf.Optimizer): OptimizerKind {
  return isMomentum(opt) ? 'sgd' : 'adam';
}

function isMomentum(opt: tf.Optimizer): opt is SgdMomentum {
  return opt.getClassName() === SgdMomentum.className;
}

/** Saved tensors per variable besides the iteration count: Adam two moments, SGD one buffer. */
export function slotsPerVariable(kind: OptimizerKind): number {
  return kind === 'sgd' ? 1 : 2;
}

/** Sets the rate the next update uses (both read their `learningRate` field at every update). */
export function setLearningRate(opt: tf.Optimizer, lr: number): void {
  // a public field of AdamOptimizer that its type declares protected
  (opt as unknown as { learningRate: number }).learningRate = lr;
}

/**
 * The gradients with the L2 term wd·w added to each (PyTorch's weight_decay). Returns the same map
 * when wd is 0; otherwise new tensors, and the caller disposes both maps.
 */
export function withWeightDecay(grads: tf.NamedTensorMap, vars: readonly tf.Variable[], wd: number): tf.NamedTensorMap {
  if (!(wd > 0)) return grads;
  const byName = new Map(vars.map((v) => [v.name, v]));
  const out: tf.NamedTensorMap = {};
  for (const [name, g] of Object.entries(grads)) {
    const v = byName.get(name);
    out[name] = v ? tf.tidy(() => tf.add(g, tf.mul(wd, v))) : tf.clone(g);
  }
  return out;
}
