import * as tf from '@tensorflow/tfjs-core';
import '../../engine/tfNode'; // the CPU backend and every gradient, in Node
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initWasmBackendNode } from '../../engine/wasm/node';
import { pairwiseDistance } from '../common/distance';
import { semiHardLoss } from './math';

function batch(seed: string, n: number, dim: number, classes: number) {
  const rng = seedrandom(seed);
  const f = tf.tensor2d(Array.from({ length: n * dim }, () => rng() * 4 - 2), [n, dim]);
  const y = tf.tensor1d(Array.from({ length: n }, (_, i) => i % classes), 'int32');
  return { f, y };
}

describe('semi-hard mining: the sort-and-search miner equals the exact one (tie-free inputs)', () => {
  beforeAll(async () => { await initWasmBackendNode(); });
  afterAll(async () => { await tf.setBackend('cpu'); });
  for (const backend of ['cpu', 'wasm']) {
    it.each([[48, 2, 8], [64, 3, 10], [40, 2, 2], [128, 2, 10]])(`${backend}: n=%i d=%i C=%i, value and gradient`, async (n, d, c) => {
      await tf.setBackend(backend);
      const { f, y } = batch(`sh${n}${d}${c}`, n, d, c);
      const run = (exact: boolean) => {
        const v = tf.variable(f.clone());
        const { value, grads } = tf.variableGrads(() => semiHardLoss(pairwiseDistance(v, v), y, 0.5, exact), [v]);
        const out = { loss: value.dataSync()[0], grad: Array.from(grads[v.name].dataSync()) };
        tf.dispose([value, grads[v.name], v]);
        return out;
      };
      const fast = run(false);
      const exact = run(true);
      expect(fast.loss).toBeGreaterThan(0);
      expect(fast.loss).toBeCloseTo(exact.loss, 5);
      fast.grad.forEach((g, i) => expect(g).toBeCloseTo(exact.grad[i], 5));
      tf.dispose([f, y]);
    });
  }
});
