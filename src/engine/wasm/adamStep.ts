import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** The kernel name; registered for the wasm backend only (see fusedAdam.ts for who calls it). */
export const ADAM_STEP = 'OursAdamStep';

export interface AdamStepAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
}

const f = Math.fround;

/**
 * One Adam update of one variable in a single pass: new value, first and second moment, each element
 * rounded to float32 after every operation in the order tf.AdamOptimizer's ops apply them, so the
 * result is bit for bit that of the stock optimiser (a float32 +, ×, ÷ or √ computed in double and
 * rounded once is the correctly rounded float32 result). The stock optimiser runs ~14 kernels per
 * variable, ~2 ms of a 30 ms MNIST step on wasm, nearly all of it per-kernel overhead.
 * Inputs: value, m, v, grad, and the scalars accBeta1, accBeta2 (β^t, kept by the optimiser).
 */
export function adamStepWasm(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs: tf.NamedAttrMap }): tf.TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const { value, m, v, grad, accBeta1, accBeta2 } = args.inputs as Record<string, tf.TensorInfo>;
  const a = args.attrs as unknown as AdamStepAttrs;
  const outX = backend.makeOutput(value.shape, 'float32');
  const outM = backend.makeOutput(value.shape, 'float32');
  const outV = backend.makeOutput(value.shape, 'float32');
  // views after the allocations: growing the heap detaches earlier views
  const x = backend.typedArrayFromHeap(value) as Float32Array;
  const m0 = backend.typedArrayFromHeap(m) as Float32Array;
  const v0 = backend.typedArrayFromHeap(v) as Float32Array;
  const g0 = backend.typedArrayFromHeap(grad) as Float32Array;
  const x1 = backend.typedArrayFromHeap(outX) as Float32Array;
  const m1 = backend.typedArrayFromHeap(outM) as Float32Array;
  const v1 = backend.typedArrayFromHeap(outV) as Float32Array;
  const b1 = f(a.beta1), b2 = f(a.beta2);
  // the stock ops' scalars: 1 − β (a JS number made float32), 1 − β^t (a float32 sub), ε, −lr
  const c1 = f(1 - a.beta1), c2 = f(1 - a.beta2);
  const d1 = f(1 - (backend.typedArrayFromHeap(accBeta1) as Float32Array)[0]);
  const d2 = f(1 - (backend.typedArrayFromHeap(accBeta2) as Float32Array)[0]);
  const eps = f(a.epsilon), negLr = f(-a.learningRate);
  for (let i = 0; i < x.length; i++) {
    const g = g0[i];
    const nm = f(f(m0[i] * b1) + f(g * c1));
    const nv = f(f(v0[i] * b2) + f(f(g * g) * c2));
    m1[i] = nm;
    v1[i] = nv;
    const step = f(f(f(nm / d1) / f(f(Math.sqrt(f(nv / d2))) + eps)) * negLr);
    x1[i] = f(step + x[i]);
  }
  return [outX, outM, outV];
}

export function registerAdamStep(): void {
  if (tf.getKernel(ADAM_STEP, 'wasm')) return;
  tf.registerKernel({ kernelName: ADAM_STEP, backendName: 'wasm', kernelFunc: adamStepWasm as unknown as tf.KernelFunc });
}
