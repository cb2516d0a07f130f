/**
 * What a loss's reference cases (test-data/loss-vectors/SCHEMA.md) are read with: the case's shape, its
 * inputs as tensors and the loss value with its gradients as plain arrays. Each loss folder's
 * vectors.ts evaluates its own kinds with these; vectorCases.ts compares the results.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface VectorCase {
  id: string;
  loss: string;
  params: Record<string, unknown>;
  inputs: Record<string, unknown>;
  expected: Record<string, unknown>;
  note?: string;
}

export type Nested = number | Nested[];

/** Result of running one loss: the values to compare, keyed like `expected` ('grad.embeddings'). */
export type Outputs = Record<string, Nested>;

/** The evaluators of one loss's case kinds, by the case's `loss` field. */
export type VectorEvaluators = Record<string, (c: VectorCase) => Outputs>;

export function num(params: Record<string, unknown>, key: string): number {
  const v = params[key];
  if (typeof v !== 'number') throw new Error(`param ${key} missing or not a number`);
  return v;
}

export function matrix(inputs: Record<string, unknown>, key: string): tf.Tensor2D {
  const v = inputs[key];
  if (!Array.isArray(v)) throw new Error(`input ${key} missing`);
  return tf.tensor2d(v as number[][], undefined, 'float32');
}

export function intVector(inputs: Record<string, unknown>, key: string): tf.Tensor1D {
  const v = inputs[key];
  if (!Array.isArray(v)) throw new Error(`input ${key} missing`);
  return tf.tensor1d(v as number[], 'int32');
}

/** Loss value and gradients w.r.t. the named inputs, as plain arrays. */
export function lossAndGrads(
  xs: Record<string, tf.Tensor>, f: (...args: tf.Tensor[]) => tf.Scalar,
): Outputs {
  return tf.tidy(() => {
    const names = Object.keys(xs);
    const tensors = names.map((n) => xs[n]);
    const grads = tf.grads((...args: tf.Tensor[]) => f(...args))(tensors);
    const out: Outputs = { loss: f(...tensors).arraySync() };
    names.forEach((n, i) => { out[`grad.${n}`] = grads[i].arraySync() as Nested; });
    return out;
  });
}
