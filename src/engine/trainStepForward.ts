import * as tf from '@tensorflow/tfjs-core';
import { backboneForward, hasConv, type NetworkWeights } from './backbone';
import { CONV_RELU_POOL, CONV_RELU_POOL_GRAD, type ConvReluPoolGradAttrs } from './wasm/kernels';

/*
 * The backbone's forward pass as a few custom-gradient blocks, numerically the same function as
 * backboneForward in backbone.ts. Why not just differentiate backboneForward:
 *  - inside tf.variableGrads TF.js refuses to fuse (shouldFuse is false whenever gradientDepth > 0), so
 *    every fused conv/matMul + bias + relu runs as 3 kernels and 3 tape nodes;
 *  - fused conv2d's gradient always computes the input gradient, and for the first layer (x is data,
 *    not a variable) that Conv2DBackpropInput is pure waste;
 *  - the relu mask can be applied on the pooled tensor (4× smaller) before MaxPoolGrad instead of after.
 * Only tf ops and registered kernels are used, so this runs on every backend.
 */

const engine = tf.engine();

function run<T extends tf.Tensor>(kernel: string, inputs: tf.NamedTensorMap, attrs: object): T {
  // runKernel's attrs type is NamedAttrMap, whose values exclude undefined; kernels accept it
  return engine.runKernel(kernel, inputs, attrs as unknown as tf.NamedAttrMap) as T;
}

type GradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/** tf.customGrad with the save function split off, so the body can type its tensor inputs. */
function customOp<T extends tf.Tensor>(f: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => { value: T; gradFunc: GradFunc }): (...inputs: tf.Tensor[]) => T {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    return f(args.slice(0, -1) as tf.Tensor[], save);
  }) as (...inputs: tf.Tensor[]) => T;
}

const conv = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1, dimRoundingMode: undefined } as const;
const pool = { filterSize: 2, strides: 2, pad: 'valid', dimRoundingMode: undefined } as const;

/** dL/d(conv output) from dL/d(pooled output): relu's mask taken on the pooled tensor, then routed to the argmax. */
function reluPoolGrad(dp: tf.Tensor4D, c: tf.Tensor4D, p: tf.Tensor4D): tf.Tensor4D {
  // c = relu(z) ≥ 0, so the argmax of a window is > 0 exactly where the window's max p is > 0
  const masked = tf.mul(dp, tf.step(p));
  return run<tf.Tensor4D>('MaxPoolGrad', { dy: masked, input: c, output: p }, pool);
}

function convForward(x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D): { c: tf.Tensor4D; p: tf.Tensor4D } {
  // wasm: our one-pass kernel, the same values as the two below (kernels.ts)
  if (registered(CONV_RELU_POOL)) {
    const [c, p] = engine.runKernel(CONV_RELU_POOL, { x, filter: w, bias: b }, {}) as tf.Tensor4D[];
    return { c, p };
  }
  const c = run<tf.Tensor4D>('FusedConv2D', { x, filter: w, bias: b }, { ...conv, activation: 'relu' });
  const p = run<tf.Tensor4D>('MaxPool', { x: c }, pool);
  return { c, p };
}

function convParamGrads(x: tf.Tensor4D, dz: tf.Tensor4D, w: tf.Tensor4D): [tf.Tensor4D, tf.Tensor1D] {
  const dw = run<tf.Tensor4D>('Conv2DBackpropFilter', { x, dy: dz }, { ...conv, filterShape: w.shape });
  const db = tf.sum(dz, [0, 1, 2]) as tf.Tensor1D;
  return [dw, db];
}

/** one of our fused kernels exists on this backend (wasm after registerWasmTrainingKernels) */
function registered(kernel: string): boolean {
  return tf.getKernel(kernel, tf.getBackend()) !== undefined;
}

/** dW, db and (withDx) dL/dx of a conv+relu+pool block in one kernel; see kernels.ts */
function fusedGrad(x: tf.Tensor4D, c: tf.Tensor4D, p: tf.Tensor4D, dp: tf.Tensor4D, w: tf.Tensor4D, withDx: boolean): tf.Tensor[] {
  const attrs: ConvReluPoolGradAttrs = { filterShape: w.shape, withDx };
  const inputs: tf.NamedTensorMap = withDx ? { x, conv: c, pooled: p, dy: dp, filter: w } : { x, conv: c, pooled: p, dy: dp };
  return engine.runKernel(CONV_RELU_POOL_GRAD, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
}

/** conv5×5 + bias + relu + maxpool2 on data x: no gradient for x is ever computed. */
export function convBlockFirst(x: tf.Tensor4D, w: tf.Variable<tf.Rank.R4>, b: tf.Variable<tf.Rank.R1>): tf.Tensor4D {
  const op = customOp(([wt, bt], save) => {
    const { c, p } = convForward(x, wt as tf.Tensor4D, bt as tf.Tensor1D);
    save([c, p]);
    return {
      value: p,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [c, p] = saved as tf.Tensor4D[];
        if (registered(CONV_RELU_POOL_GRAD)) return fusedGrad(x, c, p, dy as tf.Tensor4D, wt as tf.Tensor4D, false);
        return convParamGrads(x, reluPoolGrad(dy as tf.Tensor4D, c, p), wt as tf.Tensor4D);
      },
    };
  });
  return op(w, b) as tf.Tensor4D;
}

/** conv5×5 + bias + relu + maxpool2 whose input needs a gradient, flattened to [B, h·w·c] for the dense layers. */
export function convBlockFlat(x: tf.Tensor4D, w: tf.Variable<tf.Rank.R4>, b: tf.Variable<tf.Rank.R1>): tf.Tensor2D {
  const op = customOp(([xt, wt, bt], save) => {
    const { c, p } = convForward(xt as tf.Tensor4D, wt as tf.Tensor4D, bt as tf.Tensor1D);
    save([xt, wt, c, p]);
    return {
      value: tf.reshape(p, [p.shape[0], -1]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, cs, ps] = saved as tf.Tensor4D[];
        const dp = tf.reshape(dy, ps.shape) as tf.Tensor4D;
        if (registered(CONV_RELU_POOL_GRAD)) {
          const [dw, db, dx] = fusedGrad(xs, cs, ps, dp, ws, true);
          return [dx, dw, db];
        }
        const dz = reluPoolGrad(dp, cs, ps);
        const dx = run<tf.Tensor4D>('Conv2DBackpropInput', { dy: dz, filter: ws }, { ...conv, inputShape: xs.shape });
        return [dx, ...convParamGrads(xs, dz, ws)];
      },
    };
  });
  return op(x, w, b) as tf.Tensor2D;
}

/** x·W + b, optionally relu, as one fused kernel forward and the minimal set of kernels backward. */
export function dense(x: tf.Tensor2D, w: tf.Variable<tf.Rank.R2>, b: tf.Variable<tf.Rank.R1>, relu: boolean): tf.Tensor2D {
  const op = customOp(([xt, wt, bt], save) => {
    // the _FusedMatMul kernels (like tf.fused.matMul) take rank-3 operands; reshapes are free
    const y3 = run<tf.Tensor3D>('_FusedMatMul', { a: tf.expandDims(xt, 0), b: tf.expandDims(wt, 0), bias: bt }, {
      transposeA: false, transposeB: false, activation: relu ? 'relu' : 'linear', leakyreluAlpha: 0,
    });
    const y = tf.reshape(y3, [y3.shape[1], y3.shape[2]]) as tf.Tensor2D;
    save(relu ? [xt, wt, y] : [xt, wt]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as tf.Tensor2D[];
        const dz = relu ? tf.mul(dy, tf.step(ys)) : dy;
        return [
          tf.matMul(dz, ws, false, true),
          tf.matMul(xs, dz, true, false),
          tf.sum(dz, 0),
        ];
      },
    };
  });
  return op(x, w, b) as tf.Tensor2D;
}

/**
 * Same outputs as backboneForward(w, x), with the custom-gradient blocks above. The MLP has no
 * convolution, so the conv kernels (and the wasm backward kernel) are never reached for it; its first
 * dense block computes an input gradient nobody reads (x is data), a few hundred multiply-adds.
 */
export function backboneForwardForTraining(w: NetworkWeights, x: tf.Tensor4D): { trunk: tf.Tensor2D; feature: tf.Tensor2D } {
  const flat = hasConv(w) ? convBlockFlat(convBlockFirst(x, w.conv1W, w.conv1B), w.conv2W, w.conv2B) : tf.reshape(x, [x.shape[0], -1]) as tf.Tensor2D;
  const h1 = dense(flat, w.fc1W, w.fc1B, true);
  const trunk = dense(h1, w.fc2W, w.fc2B, true);
  const feature = dense(trunk, w.embW, w.embB, false);
  return { trunk, feature };
}

/**
 * Same outputs as backboneForward(w, x), for evaluation (no tape): the conv blocks go through the
 * one-pass conv+relu+pool kernel where it is registered (bit for bit the stock kernels, in about half
 * their time), so embedding the shown images costs the snapshot worker half as much.
 */
export function backboneForwardForEvaluation(w: NetworkWeights, x: tf.Tensor4D): { trunk: tf.Tensor2D; feature: tf.Tensor2D } {
  if (!hasConv(w) || !registered(CONV_RELU_POOL)) return backboneForward(w, x);
  return tf.tidy(() => {
    const p1 = convForward(x, w.conv1W, w.conv1B).p;
    const p2 = convForward(p1, w.conv2W, w.conv2B).p;
    const flat = tf.reshape(p2, [p2.shape[0], -1]) as tf.Tensor2D;
    const h1 = tf.fused.matMul({ a: flat, b: w.fc1W, bias: w.fc1B, activation: 'relu' });
    const trunk = tf.fused.matMul({ a: h1, b: w.fc2W, bias: w.fc2B, activation: 'relu' }) as tf.Tensor2D;
    const feature = tf.fused.matMul({ a: trunk, b: w.embW, bias: w.embB }) as tf.Tensor2D;
    return { trunk, feature };
  });
}
