import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randn } from '../testing/wasmTestUtil';
import { FusedAdam } from './fusedAdam';
import { initWasmBackendNode } from './wasm/node';

const SHAPES = [[5, 5, 1, 16], [16], [512, 120], [120], [2, 10]];

/** 40 Adam steps on fresh variables with seeded gradients and a changing learning rate; returns every state tensor's values. */
async function train(make: (lr: number) => tf.AdamOptimizer, steps = 40): Promise<{ values: Float32Array[]; moments: Float32Array[]; tensorsDuring: number[] }> {
  const vars = SHAPES.map((s, i) => tf.tidy(() => tf.variable(tf.tensor(randn(`v${i}`, s.reduce((a, b) => a * b, 1)), s))));
  const opt = make(1e-3);
  const tensorsDuring: number[] = [];
  for (let t = 0; t < steps; t++) {
    // the trainer assigns the learning rate before each step (warm-up, cosine, heat-up)
    (opt as unknown as { learningRate: number }).learningRate = 1e-3 * (1 + Math.sin(t));
    // some gradients tiny, some large, one variable skipped on odd steps (no gradient: no update)
    const grads = vars.flatMap((v, i) => (i === 4 && t % 2 ? [] : [{ name: v.name, tensor: tf.tensor(randn(`g${t}:${i}`, v.size, i === 1 ? 1e-6 : 3), v.shape) }]));
    opt.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
    tensorsDuring.push(tf.memory().numTensors);
  }
  const weights = await opt.getWeights();
  const out = {
    values: await Promise.all(vars.map(async (v) => new Float32Array(await v.data()))),
    moments: await Promise.all(weights.map(async (w) => new Float32Array(await w.tensor.data()))),
    tensorsDuring,
  };
  weights[0].tensor.dispose(); // the iteration count, a fresh scalar
  opt.dispose();
  tf.dispose(vars);
  return out;
}

describe('FusedAdam', () => {
  beforeAll(async () => { await initWasmBackendNode(); });
  afterAll(async () => { await tf.setBackend('cpu'); });

  for (const backend of ['wasm', 'cpu']) {
    it(`${backend}: the same values, moments and iteration count as tf.train.adam, bit for bit, and no tensor left behind`, async () => {
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      const stock = await train((lr) => tf.train.adam(lr));
      const fused = await train((lr) => new FusedAdam(lr));
      expect(fused.values.length).toBe(stock.values.length);
      fused.values.forEach((v, i) => expect(Array.from(v), `variable ${i}`).toEqual(Array.from(stock.values[i])));
      expect(fused.moments.length).toBe(stock.moments.length);
      fused.moments.forEach((m, i) => expect(Array.from(m), `state ${i}`).toEqual(Array.from(stock.moments[i])));
      expect(new Set(fused.tensorsDuring.slice(2)).size).toBe(1);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('wasm: a checkpoint round trip (getWeights → setWeights into a new optimiser) goes on exactly as the stock one', async () => {
    await tf.setBackend('wasm');
    const run = async (make: (lr: number) => tf.AdamOptimizer): Promise<number[]> => {
      const v = tf.tidy(() => tf.variable(tf.tensor(randn('w', 64), [8, 8])));
      const g = tf.tensor(randn('g', 64, 0.5), [8, 8]);
      let opt = make(1e-2);
      for (let t = 0; t < 5; t++) opt.applyGradients([{ name: v.name, tensor: g }]);
      const saved = await opt.getWeights();
      const copy = saved.map((w) => ({ name: w.name, tensor: tf.clone(w.tensor) }));
      opt.dispose();
      opt = make(1e-2);
      await opt.setWeights(copy);
      for (let t = 0; t < 5; t++) opt.applyGradients([{ name: v.name, tensor: g }]);
      const out = Array.from(await v.data());
      opt.dispose();
      tf.dispose([v, g, ...copy.map((c) => c.tensor)]);
      return out;
    };
    expect(await run((lr) => new FusedAdam(lr))).toEqual(await run((lr) => tf.train.adam(lr)));
  });
});
