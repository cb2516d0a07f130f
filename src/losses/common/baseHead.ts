import * as tf from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';
import { resolveChoices, resolveParams } from '..';
import type { ChoiceValues, LossId, ParamValues } from '../types';
import { glorotUniform, heUniform } from '../../util/initializers';
import { knownClassIds } from './knownClasses';
import type { HeadOptions, LossHead, Overlay } from '../lossHead';

/** One seeded generator per head, so the same seed gives the same head on any backend. */
export function headRng(opts: HeadOptions): () => number {
  return seedrandom(`head:${opts.loss}:${opts.seed}`);
}

/** A variable from an initial tensor, which is disposed (the variable keeps its own reference). */
export function variableFrom<R extends tf.Rank>(initial: tf.Tensor<R>): tf.Variable<R> {
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}

/** A Glorot-uniform dense weight [nin][nout], like the backbone's layers. */
export function denseWeight(rng: () => number, nin: number, nout: number): tf.Variable<tf.Rank.R2> {
  return variableFrom(tf.tensor2d(glorotUniform(rng, [nin, nout], nin, nout), [nin, nout]));
}

/** A He-uniform dense weight [nin][nout], for a layer followed by ReLU. */
export function heWeight(rng: () => number, nin: number, nout: number): tf.Variable<tf.Rank.R2> {
  return variableFrom(tf.tensor2d(heUniform(rng, [nin, nout], nin), [nin, nout]));
}

export function zeroBias(n: number): tf.Variable<tf.Rank.R1> {
  return variableFrom(tf.zeros([n]) as tf.Tensor1D);
}

/**
 * The rows [n][dim] that `make` computes, as an overlay. Read asynchronously: on WebGPU a synchronous
 * read-back (dataSync) broke the device's buffer mapping for the next step.
 */
export async function overlayOf(kind: Overlay['kind'], make: () => tf.Tensor2D): Promise<Overlay> {
  const points = tf.tidy(make);
  try {
    return { kind, points: Float32Array.from(await points.data()), dim: points.shape[1] };
  } finally {
    points.dispose();
  }
}

/**
 * What every head shares: resolved params/choices, the trainable variables, disposal of everything it
 * owns, and the defaults of the optional hooks.
 */
export abstract class BaseHead implements LossHead {
  readonly id: LossId;
  readonly variables: tf.Variable[] = [];
  protected params: ParamValues;
  /** replaced by setChoices (non-rebuilding choices only): read them at call time, never cache */
  protected choices: ChoiceValues;
  protected readonly classes: number;
  /** the classes not held out, ascending (all of them without an open-set split) */
  protected readonly knownIds: number[];
  /**
   * knownIds as an int32 tensor for the predictions and unknown scores, or null when every class is
   * known (knownClasses.ts)
   */
  protected readonly known: tf.Tensor1D | null;
  /** non-trainable tensors the head owns (centers, vertices), disposed with it */
  private readonly owned = new Set<tf.Tensor>();

  constructor(opts: HeadOptions) {
    this.id = opts.loss;
    this.classes = opts.classes;
    this.knownIds = knownClassIds(opts.classes, opts.unknownClasses);
    this.known = this.knownIds.length < opts.classes ? this.own(tf.tensor1d(this.knownIds, 'int32')) : null;
    this.params = resolveParams(opts.loss, opts.params);
    this.choices = resolveChoices(opts.loss, opts.choices);
  }

  protected trainable<T extends tf.Variable>(v: T): T {
    this.variables.push(v);
    return v;
  }

  /** Takes ownership of a state tensor, disposing the one it replaces. */
  protected own<T extends tf.Tensor>(next: T, previous?: tf.Tensor): T {
    if (previous && previous !== next) {
      this.owned.delete(previous);
      previous.dispose();
    }
    // kept: afterStep / setParams may run inside a caller's tf.tidy, which must not free head state
    this.owned.add(tf.keep(next));
    return next;
  }

  /** the trainer's planned length in steps (setPlan); until it calls, the two MNIST epochs of the default */
  protected plannedSteps = 938;

  setPlan(plannedSteps: number): void {
    this.plannedSteps = plannedSteps;
  }

  abstract loss(trunk: tf.Tensor2D, feature: tf.Tensor2D, labels: tf.Tensor1D, step: number): tf.Scalar;
  abstract predict(trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D;
  abstract unknownScore(trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor1D;

  afterStep(_trunk: tf.Tensor2D, _feature: tf.Tensor2D, _labels: tf.Tensor1D, _step: number): void {}

  display(_trunk: tf.Tensor2D, feature: tf.Tensor2D): tf.Tensor2D {
    // a new handle, so that the caller may dispose the result and its own feature independently
    return tf.clone(feature);
  }

  async overlay(): Promise<Overlay | null> {
    return null;
  }

  setParams(params: ParamValues): void {
    this.params = resolveParams(this.id, { ...this.params, ...params });
  }

  setChoices(choices: ChoiceValues): void {
    this.choices = resolveChoices(this.id, { ...this.choices, ...choices });
  }

  /** None here; heads with state list theirs. */
  stateTensors(): { name: string; tensor: tf.Tensor }[] {
    return [];
  }

  setStateTensor(name: string, _values: tf.Tensor): void {
    throw new Error(`a ${this.id} head has no state "${name}"`);
  }

  /** Trainable variables in order; subclasses with state add theirs (and call this). */
  copyStateFrom(other: LossHead): void {
    if (other.id !== this.id || other.variables.length !== this.variables.length) {
      throw new Error(`cannot copy a ${other.id} head with ${other.variables.length} variables into a ${this.id} head with ${this.variables.length}`);
    }
    other.variables.forEach((v, i) => this.variables[i].assign(v));
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
    this.variables.length = 0;
    for (const t of this.owned) t.dispose();
    this.owned.clear();
  }
}
