import * as tf from '@tensorflow/tfjs-core';
import '../tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmBackendNode } from './node';
import { registerWasmTrainingKernels } from './index';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { CONV_RELU_POOL, CONV_RELU_POOL_GRAD, useStockWasmKernels, wasmHeapOf } from './kernels';
import { setSimdDisabled } from './simd';
import { onBackend, randn, relErr } from '../../testing/wasmTestUtil';

beforeAll(async () => {
  await initWasmBackendNode();
  registerWasmTrainingKernels(); // second call must be harmless
});

interface ConvCase { name: string; x: [number, number, number, number]; k: number; cout: number; stride: number; pad: 'valid' | 'same' }

const cases: ConvCase[] = [
  { name: 'MNIST conv1', x: [16, 28, 28, 1], k: 5, cout: 6, stride: 1, pad: 'valid' },
  { name: 'MNIST conv2', x: [16, 12, 12, 6], k: 5, cout: 16, stride: 1, pad: 'valid' },
  { name: 'CIFAR conv1', x: [16, 32, 32, 3], k: 5, cout: 16, stride: 1, pad: 'valid' },
  { name: 'CIFAR conv2', x: [16, 14, 14, 16], k: 5, cout: 32, stride: 1, pad: 'valid' },
  // not used by our backbone, but a registered kernel must be right for any caller
  { name: 'stride 2, same padding', x: [3, 9, 11, 2], k: 3, cout: 4, stride: 2, pad: 'same' },
  { name: 'odd sizes, valid, stride 2', x: [2, 10, 7, 3], k: 4, cout: 5, stride: 2, pad: 'valid' },
  // stride 1 with 'same' and an even kernel: asymmetric padding in the flipped-conv input gradient
  { name: 'stride 1, same, even kernel', x: [2, 9, 8, 3], k: 4, cout: 5, stride: 1, pad: 'same' },
];

describe('wasm training kernels match the cpu backend', () => {
  for (const c of cases) {
    it(`Conv2DBackpropFilter: ${c.name}`, async () => {
      const filterShape: [number, number, number, number] = [c.k, c.k, c.x[3], c.cout];
      // dy's shape comes from the forward conv, on either backend
      const yShape = tf.tidy(() => tf.conv2d(tf.zeros(c.x) as tf.Tensor4D, tf.zeros(filterShape) as tf.Tensor4D, c.stride, c.pad).shape);
      const xv = randn(`x:${c.name}`, c.x.reduce((a, b) => a * b));
      const dyv = randn(`dy:${c.name}`, yShape.reduce((a, b) => a * b));
      const f = () => [tf.engine().runKernel('Conv2DBackpropFilter',
        { x: tf.tensor4d(xv, c.x), dy: tf.tensor(dyv, yShape) },
        { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape }) as tf.Tensor];
      const [cpu] = await onBackend('cpu', f);
      const [wasm] = await onBackend('wasm', f);
      expect(relErr(wasm, cpu)).toBeLessThan(1e-5);
    });
  }

  for (const c of cases) {
    it(`Conv2DBackpropInput: ${c.name}`, async () => {
      const filterShape: [number, number, number, number] = [c.k, c.k, c.x[3], c.cout];
      const yShape = tf.tidy(() => tf.conv2d(tf.zeros(c.x) as tf.Tensor4D, tf.zeros(filterShape) as tf.Tensor4D, c.stride, c.pad).shape);
      const wv = randn(`w:${c.name}`, filterShape.reduce((a, b) => a * b));
      const dyv = randn(`dy:${c.name}`, yShape.reduce((a, b) => a * b));
      const f = () => [tf.engine().runKernel('Conv2DBackpropInput',
        { dy: tf.tensor(dyv, yShape), filter: tf.tensor4d(wv, filterShape) },
        { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x }) as tf.Tensor];
      const [cpu] = await onBackend('cpu', f);
      const [wasm] = await onBackend('wasm', f);
      expect(relErr(wasm, cpu)).toBeLessThan(1e-5);
    });
  }

  const pools: { name: string; x: [number, number, number, number]; size: number; stride: number; pad: 'valid' | 'same'; relu: boolean }[] = [
    { name: 'MNIST pool1 after relu (ties at 0)', x: [8, 24, 24, 6], size: 2, stride: 2, pad: 'valid', relu: true },
    { name: 'CIFAR pool2', x: [8, 10, 10, 32], size: 2, stride: 2, pad: 'valid', relu: false },
    { name: 'overlapping 3×3 stride 2 same', x: [3, 9, 8, 5], size: 3, stride: 2, pad: 'same', relu: true },
    { name: 'odd size, valid drops the edge', x: [2, 7, 7, 3], size: 2, stride: 2, pad: 'valid', relu: false },
  ];
  for (const p of pools) {
    it(`MaxPoolGrad: ${p.name}`, async () => {
      const xv = randn(`px:${p.name}`, p.x.reduce((a, b) => a * b));
      const f = () => {
        let x = tf.tensor4d(xv, p.x);
        if (p.relu) x = tf.relu(x);
        const y = tf.maxPool(x, p.size, p.stride, p.pad);
        const dy = tf.tensor(randn(`pdy:${p.name}`, y.size), y.shape);
        return [tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y }, { filterSize: p.size, strides: p.stride, pad: p.pad }) as tf.Tensor];
      };
      const [cpu] = await onBackend('cpu', f);
      const [wasm] = await onBackend('wasm', f);
      expect(relErr(wasm, cpu)).toBeLessThan(1e-6);
    });
  }

  const products: { a: number[]; b: number[]; ta: boolean; tb: boolean }[] = [
    { a: [128, 256], b: [128, 120], ta: true, tb: false },
    { a: [128, 120], b: [256, 120], ta: false, tb: true },
    { a: [7, 5], b: [3, 7], ta: true, tb: true },
    { a: [4, 6, 5], b: [4, 3, 5], ta: false, tb: true },
    { a: [2, 5, 6], b: [2, 5, 3], ta: true, tb: false },
    { a: [30, 20], b: [20, 10], ta: false, tb: false },
  ];
  for (const m of products) {
    it(`BatchMatMul [${m.a}]${m.ta ? 'ᵀ' : ''} · [${m.b}]${m.tb ? 'ᵀ' : ''}`, async () => {
      const av = randn(`a${m.a}`, m.a.reduce((x, y) => x * y));
      const bv = randn(`b${m.b}`, m.b.reduce((x, y) => x * y));
      const f = () => [tf.matMul(tf.tensor(av, m.a), tf.tensor(bv, m.b), m.ta, m.tb)];
      const [cpu] = await onBackend('cpu', f);
      const [wasm] = await onBackend('wasm', f);
      expect(relErr(wasm, cpu)).toBeLessThan(1e-5);
    });
  }

  const fusedCases = [['MNIST conv1', [8, 28, 28, 1], 6], ['CIFAR conv1', [4, 32, 32, 3], 16], ['MNIST conv2', [8, 12, 12, 6], 16], ['CIFAR conv2', [4, 14, 14, 16], 32]] as const;
  for (const simd of [true, false]) {
    for (const [name, xs, cout] of fusedCases) {
      it(`${CONV_RELU_POOL_GRAD} (fused conv+relu+pool backward, ${simd ? 'wasm SIMD' : 'JS fallback'}): ${name}`, async () => {
        const filterShape: [number, number, number, number] = [5, 5, xs[3], cout];
        const xv = randn(`fx:${name}`, xs.reduce((a: number, b: number) => a * b, 1));
        const wv = randn(`fw:${name}`, filterShape.reduce((a, b) => a * b), 0.3);
        const forward = () => {
          const x = tf.tensor4d(xv, [...xs]);
          const w = tf.tensor4d(wv, filterShape);
          const c = tf.relu(tf.conv2d(x, w, 1, 'valid'));
          const p = tf.maxPool(c, 2, 2, 'valid');
          const dp = tf.tensor4d(randn(`fdp:${name}`, p.size), p.shape);
          return { x, w, c, p, dp };
        };
        // reference: what TF.js's own autodiff does for relu → maxPool → conv weights and input
        const ref = await onBackend('cpu', () => {
          const { x, w, c, p, dp } = forward();
          const dc = tf.engine().runKernel('MaxPoolGrad', { dy: dp, input: c, output: p }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor4D;
          const dz = tf.mul(dc, tf.step(c));
          const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: dz }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape }) as tf.Tensor;
          const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy: dz, filter: w }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', inputShape: xs }) as tf.Tensor;
          return [dw, tf.sum(dz, [0, 1, 2]), dx];
        });
        setSimdDisabled(!simd);
        try {
          for (const withDx of [false, true]) {
            const got = await onBackend('wasm', () => {
              const { x, w, c, p, dp } = forward();
              return tf.engine().runKernel(CONV_RELU_POOL_GRAD, withDx ? { x, conv: c, pooled: p, dy: dp, filter: w } : { x, conv: c, pooled: p, dy: dp },
                { filterShape, withDx }) as tf.Tensor[];
            });
            expect(got.length).toBe(withDx ? 3 : 2);
            for (let i = 0; i < got.length; i++) expect(relErr(got[i], ref[i]), `output ${i}`).toBeLessThan(1e-4);
          }
        } finally {
          setSimdDisabled(false);
        }
      });
    }
  }

  it('benchmarks can swap the stock kernels back in and out', () => {
    const ours = tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc;
    useStockWasmKernels(true);
    expect(tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc).not.toBe(ours);
    expect(tf.getKernel(CONV_RELU_POOL_GRAD, 'wasm')).toBeUndefined();
    expect(tf.getKernel(CONV_RELU_POOL, 'wasm')).toBeUndefined();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined(); // TF.js cannot train without it
    useStockWasmKernels(false);
    expect(tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc).toBe(ours);
    expect(tf.getKernel(CONV_RELU_POOL_GRAD, 'wasm')).toBeDefined();
    expect(tf.getKernel(CONV_RELU_POOL, 'wasm')).toBeDefined();
  });

  it('registers for wasm only', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernelsForBackend('wasm').some(k => k.kernelName === 'Conv2DBackpropFilter')).toBe(true);
  });
});

describe('our fused kernel on TF.js\'s heap', () => {
  it('finds the wasm backend\'s heap, so the conv+relu+pool gradient reads its inputs in place', async () => {
    await tf.setBackend('wasm');
    const heap = wasmHeapOf(tf.backend() as BackendWasm);
    expect(heap).not.toBeNull();
    const before = heap!.memory.buffer.byteLength;
    const ptr = heap!.malloc(64);
    expect(ptr).toBeGreaterThan(0);
    heap!.free(ptr);
    expect(heap!.memory.buffer.byteLength).toBeGreaterThanOrEqual(before);
  });
});

describe('Identity on wasm', () => {
  it('shares the input\'s memory: same values, each tensor outlives the other, and the memory is freed with the last', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as BackendWasm;
    const before = backend.numDataIds();
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.clone(a); // the Identity kernel
    expect(backend.numDataIds() - before).toBe(1); // one buffer, not two
    a.dispose();
    expect(await b.array()).toEqual([[1, 2], [3, 4]]);
    const c = tf.add(b, 1);
    b.dispose();
    expect(await c.array()).toEqual([[2, 3], [4, 5]]);
    c.dispose();
    expect(backend.numDataIds()).toBe(before);
    // strings keep the stock path
    const s = tf.tensor(['x', 'y']);
    expect(await tf.clone(s).array()).toEqual(['x', 'y']);
  });
});
