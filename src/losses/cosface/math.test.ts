import * as tf from '@tensorflow/tfjs-core';
import '../../engine/tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientCheck, randomMatrix, worstRatio } from '../common/testUtil';
import { heatedSoftmaxLoss } from '../heated/math';
import { cosFaceLogits, cosFaceLoss } from './math';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const labels = () => tf.tensor1d([0, 0, 1, 1, 2, 2, 0, 1], 'int32');

describe('additive-margin softmax (CosFace), docs/losses.md §9', () => {
  it('by hand: f on w_0, s = 2, m = 0.5 gives logits (1, 0) and loss log(1 + e⁻¹)', () => {
    const f = tf.tensor2d([[3, 0]]);
    const w = tf.tensor2d([[1, 0], [0, 1]]); // d×C: w_0 = (1, 0), w_1 = (0, 1)
    const y = tf.tensor1d([0], 'int32');
    const z = cosFaceLogits(f, w, y, 2, 0.5, 1e-12).arraySync();
    expect(z[0][0]).toBeCloseTo(1, 5);
    expect(z[0][1]).toBeCloseTo(0, 5);
    expect(cosFaceLoss(f, w, y, 2, 0.5, 1e-12).arraySync()).toBeCloseTo(Math.log(1 + Math.exp(-1)), 5);
  });

  it('is the heated-up softmax at α = s when the margin is 0, and grows with the margin', () => {
    const f = tf.tensor2d(randomMatrix(8, 2, 'cf'));
    const w = tf.tensor2d(randomMatrix(2, 3, 'cw'));
    expect(cosFaceLoss(f, w, labels(), 8, 0).arraySync()).toBeCloseTo(heatedSoftmaxLoss(f, w, labels(), 8).arraySync(), 5);
    const byMargin = [0, 0.1, 0.2, 0.35].map((m) => cosFaceLoss(f, w, labels(), 8, m).arraySync());
    for (let i = 1; i < byMargin.length; i++) expect(byMargin[i]).toBeGreaterThan(byMargin[i - 1]);
  });

  it('has the finite-difference gradient w.r.t. features and weights', () => {
    const w = tf.tensor2d(randomMatrix(2, 3, 'cw'));
    const f = tf.tensor2d(randomMatrix(8, 2, 'cf'));
    for (const [x0, loss] of [
      [randomMatrix(8, 2, 'cf'), (x: tf.Tensor2D) => cosFaceLoss(x, w, labels(), 4, 0.2)],
      [randomMatrix(2, 3, 'cw'), (x: tf.Tensor2D) => cosFaceLoss(f, x, labels(), 4, 0.2)],
    ] as const) {
      const { analytic, numeric } = gradientCheck(x0, loss);
      expect(analytic.every(Number.isFinite)).toBe(true);
      expect(Math.max(...numeric.map(Math.abs))).toBeGreaterThan(1e-3);
      expect(worstRatio(analytic, numeric)).toBeLessThanOrEqual(1);
    }
  });
});
