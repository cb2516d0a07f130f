import * as tf from '@tensorflow/tfjs-core';
import '../tfNode'; // the CPU backend and every gradient, in Node
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randn } from '../../testing/wasmTestUtil';
import { convReluPoolSimd, convReluPoolSupports } from './convReluPoolSimd';
import { registerWasmTrainingKernels } from './index';
import { CONV_RELU_POOL } from './kernels';
import { initWasmBackendNode } from './node';

/*
 * The forward kernel must give exactly what the stock FusedConv2D (relu) + MaxPool give on wasm: the
 * training trajectories, and so every figure measured before it, depend on that. Compared with
 * Object.is, so a single differing bit, NaN or signed zero fails.
 */

beforeAll(async () => {
  await initWasmBackendNode();
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

interface Case { name: string; x: [number, number, number, number]; k: number; cout: number; fast: boolean }
const cases: Case[] = [
  { name: 'MNIST conv1', x: [6, 28, 28, 1], k: 5, cout: 16, fast: true },
  { name: 'MNIST conv2', x: [6, 12, 12, 16], k: 5, cout: 32, fast: true },
  { name: 'CIFAR-10 conv1', x: [3, 32, 32, 3], k: 5, cout: 16, fast: true },
  { name: 'CIFAR-10 conv2', x: [3, 14, 14, 16], k: 5, cout: 32, fast: true },
  { name: 'a 3×3 filter, 24 channels', x: [2, 10, 8, 2], k: 3, cout: 24, fast: true },
  // shapes the .wat does not take: the stock kernels
  { name: 'Co not a multiple of 8', x: [2, 28, 28, 1], k: 5, cout: 6, fast: false },
  { name: 'odd conv output', x: [2, 11, 12, 1], k: 5, cout: 8, fast: false },
];

/** Counts calls of the stock FusedConv2D on wasm, which the fast path never makes. */
let stockCalls = 0;
function countStockConv(): () => void {
  const stock = tf.getKernel('FusedConv2D', 'wasm')!;
  tf.unregisterKernel('FusedConv2D', 'wasm');
  tf.registerKernel({ ...stock, kernelFunc: (a) => { stockCalls++; return stock.kernelFunc(a); } });
  return () => { tf.unregisterKernel('FusedConv2D', 'wasm'); tf.registerKernel(stock); };
}
let restore: (() => void) | null = null;
afterEach(() => { restore?.(); restore = null; });

function inputs(c: Case, nan: boolean): { x: tf.Tensor4D; w: tf.Tensor4D; b: tf.Tensor1D } {
  const xv = randn(`x:${c.name}`, c.x.reduce((a, b) => a * b));
  const wv = randn(`w:${c.name}`, c.k * c.k * c.x[3] * c.cout, 0.3);
  const bv = randn(`b:${c.name}`, c.cout, 0.1);
  if (nan) { xv[7] = NaN; xv[xv.length - 3] = NaN; wv[5] = NaN; bv[c.cout - 1] = -0; }
  return { x: tf.tensor4d(xv, c.x), w: tf.tensor4d(wv, [c.k, c.k, c.x[3], c.cout]), b: tf.tensor1d(bv) };
}

function sameBits(a: Float32Array, b: Float32Array): number {
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) differ++;
  return a.length === b.length ? differ : Infinity;
}

describe(`${CONV_RELU_POOL} (conv + bias + relu + maxpool 2×2/2 forward on wasm)`, () => {
  for (const c of cases) {
    for (const nan of [false, true]) {
      it(`${c.name}${nan ? ', with NaN inputs and weights' : ''}: the stock kernels' values, bit for bit${c.fast ? ', without them' : ''}`, async () => {
        const { x, w, b } = inputs(c, nan);
        const ref = tf.tidy(() => {
          const conv = tf.fused.conv2d({ x, filter: w, bias: b, strides: 1, pad: 'valid', activation: 'relu' });
          return [conv, tf.maxPool(conv, 2, 2, 'valid')];
        });
        restore = countStockConv();
        stockCalls = 0;
        const before = tf.memory().numTensors;
        const [conv, pooled] = tf.engine().runKernel(CONV_RELU_POOL, { x, filter: w, bias: b }, {}) as tf.Tensor4D[];
        expect(stockCalls).toBe(c.fast ? 0 : 1);
        expect(tf.memory().numTensors - before).toBe(2);
        expect(conv.shape).toEqual(ref[0].shape);
        expect(pooled.shape).toEqual(ref[1].shape);
        expect(sameBits(await conv.data() as Float32Array, await ref[0].data() as Float32Array)).toBe(0);
        expect(sameBits(await pooled.data() as Float32Array, await ref[1].data() as Float32Array)).toBe(0);
        if (nan) expect(Array.from(await pooled.data()).some((v) => v === -Infinity || Number.isNaN(v))).toBe(true);
        tf.dispose([x, w, b, conv, pooled, ...ref]);
      });
    }
  }

  it('the .wat takes only the shapes it supports, and only arrays on the memory it is given', () => {
    expect(convReluPoolSupports([1, 28, 28, 1], [5, 5, 1, 16])).toBe(true);
    expect(convReluPoolSupports([1, 28, 28, 1], [5, 5, 1, 12])).toBe(false);
    expect(convReluPoolSupports([1, 28, 28, 1], [5, 5, 3, 16])).toBe(false);
    expect(convReluPoolSupports([1, 27, 28, 1], [5, 5, 1, 16])).toBe(false);
    expect(convReluPoolSupports([1, 4, 4, 1], [5, 5, 1, 16])).toBe(false);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const on = (at: number, n: number) => new Float32Array(memory.buffer, at * 4, n);
    const args = { x: on(0, 36), w: on(40, 72), bias: on(120, 8), c: on(128, 128), p: on(256, 32), xShape: [1, 6, 6, 1], kh: 3, kw: 3, co: 8 };
    on(0, 36).set(Float32Array.from({ length: 36 }, (_, i) => i / 10));
    on(40, 72).fill(1);
    expect(convReluPoolSimd(memory, args)).toBe(true);
    // the top-left output: bias 0 + the nine inputs under the filter; its window's max is the bottom-right one
    expect(args.c[0]).toBeCloseTo(0 + 0.1 + 0.2 + 0.6 + 0.7 + 0.8 + 1.2 + 1.3 + 1.4, 5);
    expect(args.p[0]).toBe(args.c[(1 * 4 + 1) * 8]);
    expect(convReluPoolSimd(memory, { ...args, x: new Float32Array(36) })).toBe(false);
    expect(convReluPoolSimd(memory, { ...args, co: 4 })).toBe(false);
  });

  it('tensors in the backend\'s heap are computed in place (no copy, no stock kernel)', () => {
    const backend = tf.backend() as BackendWasm;
    const x = tf.ones([1, 6, 6, 1]), w = tf.ones([3, 3, 1, 8]), b = tf.zeros([8]);
    const [conv, pooled] = tf.engine().runKernel(CONV_RELU_POOL, { x, filter: w, bias: b }, {}) as tf.Tensor[];
    expect(Array.from(backend.typedArrayFromHeap(conv))).toEqual(new Array(128).fill(9));
    expect(Array.from(backend.typedArrayFromHeap(pooled))).toEqual(new Array(32).fill(9));
    tf.dispose([x, w, b, conv, pooled]);
  });
});
