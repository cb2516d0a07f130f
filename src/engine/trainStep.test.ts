import * as tf from '@tensorflow/tfjs-core';
import './tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { backboneForward, backboneVariables, createBackbone, describeSpec, forwardFlops, lenetSpec, mlpSpec, type BackboneSpec, type BackboneWeights } from './backbone';
import { createTrainStep, type BatchLoss } from './trainStep';
import { backboneForwardForTraining } from './trainStepForward';
import { initWasmBackendNode } from './wasm/node';
import { onBackend, randn, relErr } from '../testing/wasmTestUtil';

beforeAll(async () => {
  await initWasmBackendNode();
});

const CLASSES = 10;

function classifier(seed: string, dim: number): tf.Variable<tf.Rank.R2> {
  return tf.variable(tf.tensor2d(randn(seed, dim * CLASSES, 0.5), [dim, CLASSES]));
}

const ceLoss = (cls: tf.Variable<tf.Rank.R2>): BatchLoss => (_trunk, feature, labels) =>
  tf.losses.softmaxCrossEntropy(tf.oneHot(labels, CLASSES), tf.matMul(feature, cls)) as tf.Scalar;

function batch(s: BackboneSpec, n: number, seed: string): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const x = tf.tensor4d(randn(`x:${seed}`, n * s.height * s.width * s.channels), [n, s.height, s.width, s.channels]);
  const y = tf.tensor1d(Array.from({ length: n }, (_, i) => (i * 7 + 3) % CLASSES), 'int32');
  return { x, y };
}

/** loss and every gradient of backbone + classifier, as plain arrays, on the current backend */
function gradients(s: BackboneSpec, n: number, forward: typeof backboneForward): tf.Tensor[] {
  const w: BackboneWeights = createBackbone(s, 7); // seeded: identical weights on every backend
  const cls = classifier('cls', s.embeddingDim);
  const { x, y } = batch(s, n, 'grad');
  const vars = [...backboneVariables(w), cls];
  const { value, grads } = tf.variableGrads(() => ceLoss(cls)(tf.zeros([1, 1]), forward(w, x).feature, y), vars);
  const out = [value, ...vars.map(v => grads[v.name])];
  tf.dispose(vars);
  return out;
}

const shapes: [string, BackboneSpec][] = [
  ['MNIST', lenetSpec(28, 28, 1, 2)],
  ['CIFAR', lenetSpec(32, 32, 3, 2)],
];
const names = ['loss', 'conv1W', 'conv1B', 'conv2W', 'conv2B', 'fc1W', 'fc1B', 'fc2W', 'fc2B', 'embW', 'embB', 'classifier'];

describe('backbone gradients on wasm match the cpu backend', () => {
  for (const [label, s] of shapes) {
    for (const [fname, forward] of [['reference', backboneForward], ['fused', backboneForwardForTraining]] as const) {
      it(`${label}, ${fname} forward on wasm vs reference on cpu`, async () => {
        const n = s.channels === 3 ? 16 : 32; // the cpu backend's CIFAR convolutions are slow
        const cpu = await onBackend('cpu', () => gradients(s, n, backboneForward));
        const wasm = await onBackend('wasm', () => gradients(s, n, forward));
        for (let i = 0; i < cpu.length; i++) {
          // relu masks can flip on values within float noise of 0; 1e-3 of the largest entry allows that
          expect(relErr(wasm[i], cpu[i]), names[i]).toBeLessThan(1e-3);
        }
        // sanity: the gradients are not trivially zero
        expect(Math.max(...Array.from(cpu[1]).map(Math.abs))).toBeGreaterThan(1e-6);
      });
    }
  }
});

describe('createTrainStep', () => {
  for (const backend of ['wasm', 'cpu']) {
    it(`${backend}: fused and reference steps give the same losses and weights`, async () => {
      const s = lenetSpec(28, 28, 1, 2);
      const run = (forward: 'fused' | 'reference') => () => {
        const w = createBackbone(s, 3);
        const cls = classifier('cls2', s.embeddingDim);
        const step = createTrainStep({ weights: w, headVariables: [cls], loss: ceLoss(cls), optimizer: tf.train.adam(1e-3), forward });
        const losses: tf.Tensor[] = [];
        for (let i = 0; i < 3; i++) {
          const { x, y } = batch(s, 16, `step${i}`);
          losses.push(step(x, y).loss);
        }
        const out = [tf.stack(losses), ...backboneVariables(w).map(v => v.clone()), cls.clone()];
        tf.dispose([...backboneVariables(w), cls]);
        return out;
      };
      // variables outlive tidy, so dispose them in run(); the optimizer's slots leak into the test only
      const ref = await onBackend(backend, run('reference'));
      const fused = await onBackend(backend, run('fused'));
      for (let i = 0; i < ref.length; i++) expect(relErr(fused[i], ref[i])).toBeLessThan(1e-3);
    });
  }

  // cpu is only here to show the step is backend-agnostic; its convolutions are too slow for 50 steps
  for (const [backend, forward, steps] of [['wasm', 'fused', 50], ['wasm', 'reference', 50], ['cpu', 'fused', 10]] as const) {
    it(`${backend}/${forward}: no tensor leak over ${steps} steps`, async () => {
      await tf.setBackend(backend);
      const s = lenetSpec(28, 28, 1, 2);
      const w = createBackbone(s, 1);
      const cls = classifier('leak', s.embeddingDim);
      const opt = tf.train.adam(1e-3);
      const step = createTrainStep({ weights: w, headVariables: [cls], loss: ceLoss(cls), optimizer: opt, forward });
      const { x, y } = batch(s, 8, 'leak');
      const counts: number[] = [];
      for (let i = 0; i < steps; i++) {
        const r = step(x, y, i % 2 === 0);
        r.loss.dispose();
        r.trunk?.dispose();
        r.feature?.dispose();
        counts.push(tf.memory().numTensors);
      }
      // Adam creates its slots on the first step; from then on the count must not move
      expect(new Set(counts.slice(1)).size).toBe(1);
      tf.dispose([x, y, cls, ...backboneVariables(w)]);
      opt.dispose();
    });
  }
});

describe('the MLP of the toy 2-D sets', () => {
  const s = mlpSpec(2, 2);
  /** toy points enter as 1×1×2 "images" */
  const points = (n: number, seed: string) => tf.tensor4d(randn(`p:${seed}`, n * 2), [n, 1, 1, 2]);
  const labels = (n: number) => tf.tensor1d(Array.from({ length: n }, (_, i) => (i * 7 + 3) % CLASSES), 'int32');

  function mlpGradients(forward: typeof backboneForward): tf.Tensor[] {
    const w = createBackbone(s, 7);
    const cls = classifier('cls', s.embeddingDim);
    const vars = [...backboneVariables(w), cls];
    const { value, grads } = tf.variableGrads(() => ceLoss(cls)(tf.zeros([1, 1]), forward(w, points(64, 'grad')).feature, labels(64)), vars);
    const out = [value, ...vars.map((v) => grads[v.name])];
    tf.dispose(vars);
    return out;
  }

  it('has no convolution: six dense variables, 2 → 64 → 64 → d, named as such', () => {
    const w = createBackbone(s, 1);
    expect(backboneVariables(w).map((v) => v.shape)).toEqual([[2, 64], [64], [64, 64], [64], [64, 2], [2]]);
    expect(describeSpec(s)).toBe('2 inputs → fc64 ReLU → fc64 ReLU → fc2 (MLP, He init)');
    expect(forwardFlops(s)).toBe(2 * (2 * 64 + 64 * 64 + 64 * 2));
    tf.dispose(backboneVariables(w));
  });

  for (const [fname, forward] of [['reference', backboneForward], ['fused', backboneForwardForTraining]] as const) {
    it(`${fname} forward on wasm (training kernels registered) matches the reference on cpu`, async () => {
      const cpu = await onBackend('cpu', () => mlpGradients(backboneForward));
      const wasm = await onBackend('wasm', () => mlpGradients(forward));
      for (let i = 0; i < cpu.length; i++) expect(relErr(wasm[i], cpu[i]), `tensor ${i}`).toBeLessThan(1e-3);
      expect(Math.max(...Array.from(cpu[1]).map(Math.abs))).toBeGreaterThan(1e-6);
    });
  }
});
