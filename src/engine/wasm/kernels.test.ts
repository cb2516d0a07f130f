import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmBackendNode } from './node';
import { registerWasmTrainingKernels } from './index';
import { onBackend, randn, relErr } from './testUtil';

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

  it('registers for wasm only', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernelsForBackend('wasm').some(k => k.kernelName === 'Conv2DBackpropFilter')).toBe(true);
  });
});
