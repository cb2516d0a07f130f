import * as tf from '@tensorflow/tfjs-core';
import '../engine/tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { centerLoss, initialiseCenters, updateCenters } from './center/math';
import { heatedLogits, heatedSoftmaxLoss } from './heated/math';
import type { MiningStrategy } from './triplet/miners';
import { makePairs, pairBinaryLoss } from './pair/math';
import { simplexCenters, simplexCentersTensor, simplexHingeLoss, simplexHingeTau, simplexMseLoss, simplexSoftmaxLoss } from './simplex/math';
import { maxProbUnknownScore, softmaxCrossEntropy } from './softmax/math';
import { gradientCheck, randomMatrix, worstRatio } from './common/testUtil';
import { tripletLoss } from './triplet/math';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const labels8 = [0, 0, 1, 1, 2, 2, 0, 1];
const y = () => tf.tensor1d(labels8, 'int32');

function expectGradientsMatch(x0: number[][], f: (x: tf.Tensor2D) => tf.Scalar): void {
  const { analytic, numeric } = gradientCheck(x0, f);
  expect(analytic.every(Number.isFinite)).toBe(true);
  // not a tautology: a zero or wrong gradient would be far off for these inputs
  expect(Math.max(...numeric.map(Math.abs))).toBeGreaterThan(1e-3);
  expect(worstRatio(analytic, numeric)).toBeLessThanOrEqual(1);
}

describe('finite-difference gradients (float32, central differences)', () => {
  it('softmax cross-entropy', () => {
    expectGradientsMatch(randomMatrix(8, 3, 'sm', 3), (z) => softmaxCrossEntropy(z, y()));
  });

  it('heated-up softmax w.r.t. features and weights', () => {
    const w = tf.tensor2d(randomMatrix(2, 3, 'hw'));
    expectGradientsMatch(randomMatrix(8, 2, 'hf'), (f) => heatedSoftmaxLoss(f, w, y(), 4));
    const f = tf.tensor2d(randomMatrix(8, 2, 'hf'));
    expectGradientsMatch(randomMatrix(2, 3, 'hw'), (ww) => heatedSoftmaxLoss(f, ww, y(), 4));
  });

  it('center loss', () => {
    const c = tf.tensor2d(randomMatrix(3, 2, 'cc'));
    expectGradientsMatch(randomMatrix(8, 2, 'cf'), (f) => centerLoss(f, c, y()));
  });

  const minings: MiningStrategy[] = ['batch_all', 'batch_hard', 'semi_hard'];
  for (const mining of minings) {
    for (const squared of [false, true]) {
      it(`triplet ${mining}${squared ? ' squared' : ''}`, () => {
        // spread-out points with margin 0.5: no distance lies within h of a mining or hinge decision
        expectGradientsMatch(randomMatrix(8, 2, `t-${mining}`, 2), (f) => tripletLoss(f, y(), { margin: 0.5, mining, squared }));
      });
    }
  }

  for (const mining of minings) {
    it(`triplet ${mining} on L2-normalised embeddings (Taha et al.'s code: squared, margin 0.2)`, () => {
      // normalising turns a step h into an angle h/‖f‖, so short rows put mining and hinge decisions
      // within reach of the central difference; these rows (norms 0.35–2.45) keep them out of it
      expectGradientsMatch(randomMatrix(8, 2, 'b', 2), (f) => tripletLoss(f, y(), { margin: 0.2, mining, squared: true, normalize: true }));
    });
  }

  it('pair binary verification', () => {
    const pairs = tf.tensor2d(makePairs(labels8), undefined, 'int32');
    const w = tf.tensor1d([0.7, -0.4]);
    expectGradientsMatch(randomMatrix(8, 2, 'pf'), (f) => pairBinaryLoss(f, y(), pairs, w, 0.3));
  });

  it('simplex MSE, hinge and softmax', () => {
    const v = simplexCentersTensor(3, 2, 2);
    expectGradientsMatch(randomMatrix(8, 2, 's1', 2), (f) => simplexMseLoss(f, v, y()));
    expectGradientsMatch(randomMatrix(8, 2, 's2', 3), (f) => simplexHingeLoss(f, v, y(), simplexHingeTau(3, 2, 2)));
    expectGradientsMatch(randomMatrix(8, 2, 's3', 2), (f) => simplexSoftmaxLoss(f, v, y()));
  });
});

/** Value and gradient of a loss, asserting both are finite. */
function finite(x0: number[][], f: (x: tf.Tensor2D) => tf.Scalar): { value: number; grad: number[] } {
  return tf.tidy(() => {
    const x = tf.tensor2d(x0);
    const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => f(t as tf.Tensor2D))(x);
    const out = { value: value.dataSync()[0], grad: Array.from(grad.dataSync()) };
    expect(Number.isFinite(out.value)).toBe(true);
    expect(out.grad.every(Number.isFinite)).toBe(true);
    return out;
  });
}

describe('edge cases', () => {
  const all: MiningStrategy[] = ['batch_all', 'batch_hard', 'semi_hard'];

  it('identical embeddings give finite triplet gradients (Euclidean, sqrt at 0)', () => {
    const same = Array.from({ length: 6 }, () => [0.3, -0.2]);
    const labels = tf.tensor1d([0, 0, 1, 1, 2, 2], 'int32');
    for (const mining of all) {
      const { value } = finite(same, (f) => tripletLoss(f, labels, { margin: 1, mining }));
      // every distance is sqrt(ε): each active triplet costs exactly the margin
      expect(value).toBeCloseTo(1, 5);
    }
  });

  it('a single-class batch has no triplet and no negative pair: the terms are 0, not NaN', () => {
    const f = randomMatrix(4, 2, 'one');
    const labels = tf.tensor1d([3, 3, 3, 3], 'int32');
    for (const mining of all) expect(finite(f, (x) => tripletLoss(x, labels, { margin: 1, mining })).value).toBe(0);
    const pairs = tf.tensor2d(makePairs([3, 3, 3, 3]), undefined, 'int32');
    finite(f, (x) => pairBinaryLoss(x, labels, pairs, tf.tensor1d([1, 1]), 0));
  });

  it('a class seen once has no positive: it is skipped, the others still count', () => {
    const f = randomMatrix(5, 2, 'once', 2);
    const labels = tf.tensor1d([0, 0, 1, 1, 2], 'int32');
    for (const mining of all) {
      const { value } = finite(f, (x) => tripletLoss(x, labels, { margin: 5, mining }));
      expect(value).toBeGreaterThan(0);
    }
  });

  it('α = 1000 stays finite (log-softmax with the max subtracted)', () => {
    const w = tf.tensor2d(randomMatrix(2, 3, 'aw'));
    const { value } = finite(randomMatrix(8, 2, 'af'), (f) => heatedSoftmaxLoss(f, w, y(), 1000));
    expect(value).toBeGreaterThan(1);
  });

  it('a zero feature is normalised without NaN (ε under the root)', () => {
    const w = tf.tensor2d(randomMatrix(2, 3, 'zw'));
    finite([[0, 0], [1, 0], [0, 1]], (f) => heatedSoftmaxLoss(f, w, tf.tensor1d([0, 1, 2], 'int32'), 16));
  });

  it('a feature ε shortens only features near the origin and leaves the class weights at ε = 1e-4', () => {
    // w columns of norm 2; logits of unit-norm classes are α·cos, so a far feature gives α·cos either way
    const w = tf.tensor2d([[2, 0], [0, 2]]);
    const logits = (f: number[][], featureEps: number) => heatedLogits(tf.tensor2d(f), w, 4, 1e-4, featureEps).arraySync();
    const far = [[30, 40]];
    expect(logits(far, 1)[0][0]).toBeCloseTo(logits(far, 1e-4)[0][0], 2);
    expect(logits(far, 1)[0][0]).toBeCloseTo(4 * 0.6, 2);
    // ‖f‖ = 0.1: with ε = 1 the feature sits at radius 0.1/√1.01 ≈ 0.0995, a tenth of a full logit
    const near = [[0.06, 0.08]];
    expect(logits(near, 1e-4)[0][1]).toBeCloseTo(4 * 0.8 * 0.1 / Math.sqrt(0.0101), 3);
    expect(logits(near, 1)[0][1]).toBeCloseTo(4 * 0.8 * 0.1 / Math.sqrt(1.01), 4);
  });

  it('refuses a simplex in fewer than C−1 dimensions with a readable message', () => {
    expect(() => simplexCenters(10, 2, 1)).toThrow('the simplex loss needs an embedding of at least C−1 = 9 dimensions for 10 classes');
    expect(() => simplexCenters(4, 3, 1)).not.toThrow();
  });

  it.each([[2, 1], [3, 2], [10, 9], [5, 8], [7, 6]])('simplex of %i classes in %i dims is regular with radius u', (classes, dim) => {
    const u = 3.5;
    const v = simplexCenters(classes, dim, u);
    expect(v).toHaveLength(classes);
    const dist = (a: number[], b: number[]) => Math.hypot(...a.map((x, i) => x - b[i]));
    for (const p of v) expect(Math.hypot(...p)).toBeCloseTo(u, 10);
    const d01 = dist(v[0], v[1]);
    for (let i = 0; i < classes; i++) for (let j = i + 1; j < classes; j++) expect(dist(v[i], v[j])).toBeCloseTo(d01, 10);
  });
});

describe('center update (docs/losses.md §3)', () => {
  it('moves present classes by α_c · Σ(c − f)/(1 + n) and leaves absent classes', () => {
    const centers = tf.tensor2d([[0, 0], [1, 1], [5, 5]]);
    const f = tf.tensor2d([[2, 0], [4, 0], [1, 3]]);
    const next = updateCenters(centers, f, tf.tensor1d([0, 0, 1], 'int32'), 0.5).arraySync();
    // class 0: Δ = ((0−2) + (0−4)) / 3 = −2 → c = 0 − 0.5·(−2) = 1 ; class 1: Δ = (1−1, 1−3)/2 → (1, 1.5)
    expect(next[0]).toEqual([1, 0]);
    expect(next[1][0]).toBeCloseTo(1, 6);
    expect(next[1][1]).toBeCloseTo(1.5, 6);
    expect(next[2]).toEqual([5, 5]);
  });

  it('sets a center to its class mean the first time the class is in a batch, and only then', () => {
    const centers = tf.tensor2d([[0, 0], [7, 7], [5, 5]]);
    const seen = tf.tensor2d([[0], [1], [0]]);
    const f = tf.tensor2d([[2, 0], [4, 2], [1, 3]]);
    const { centers: next, present } = initialiseCenters(centers, seen, f, tf.tensor1d([0, 0, 1], 'int32'));
    // class 0: new → its mean (3, 1); class 1: seen before → unchanged; class 2: absent → unchanged, still unseen
    expect(next.arraySync()).toEqual([[3, 1], [7, 7], [5, 5]]);
    expect(present.arraySync()).toEqual([[1], [1], [0]]);
  });
});

describe('maxProbUnknownScore (open-set score of the classifiers)', () => {
  it('stays distinct where 1 − max softmax rounds to 0 in float32, and keeps its order', async () => {
    // leads of 17…60 over the runner-up: 1 − max p is exactly 0 in float32 for all of them
    const leads = [17, 20, 30, 60];
    const logits = tf.tensor2d(leads.map((l) => [l, 0, -3]));
    const naive = tf.sub(1, tf.max(tf.softmax(logits), 1)).dataSync();
    expect(Array.from(naive)).toEqual([0, 0, 0, 0]);
    const s = Array.from(maxProbUnknownScore(logits).dataSync());
    expect(new Set(s).size).toBe(leads.length);
    // a larger lead is more certain: a smaller score
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeLessThan(s[i - 1]);
    // log((1 − p)/p) = log(e^−l + e^(−l−3)) for the lead l
    leads.forEach((l, i) => expect(s[i]).toBeCloseTo(-l + Math.log1p(Math.exp(-3)), 3));
    logits.dispose();
  });
  it('is monotone in 1 − max p on ordinary logits, and finite on ties', () => {
    const logits = tf.tensor2d([[2, 1, 0], [1, 1, 1], [0.5, 0, 0], [3, 3, -1]]);
    const s = Array.from(maxProbUnknownScore(logits).dataSync());
    const q = Array.from(tf.sub(1, tf.max(tf.softmax(logits), 1)).dataSync());
    expect(s.every(Number.isFinite)).toBe(true);
    for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) if (q[i] < q[j] - 1e-6) expect(s[i]).toBeLessThan(s[j]);
    expect(s[1]).toBeCloseTo(Math.log(2), 5); // uniform over 3: (1 − 1/3)/(1/3) = 2
    expect(s[3]).toBeCloseTo(Math.log(1 + Math.exp(-4)), 5); // a tied top keeps the other top in the sum
    logits.dispose();
  });
});

describe('triplet embedding option', () => {
  it('normalize measures f/‖f‖: the same loss as on pre-normalised rows, invariant to the scale of f, unlike raw', () => {
    const rows = randomMatrix(8, 2, 'tn', 2);
    const norm = rows.map((r) => { const n = Math.hypot(...r); return r.map((v) => v / n); });
    const loss = (x: number[][], normalize: boolean) =>
      tf.tidy(() => tripletLoss(tf.tensor2d(x), y(), { margin: 0.2, mining: 'semi_hard', squared: true, normalize }).dataSync()[0]);
    expect(loss(rows, true)).toBeCloseTo(loss(norm, false), 5);
    expect(loss(rows.map((r) => r.map((v) => 3 * v)), true)).toBeCloseTo(loss(rows, true), 5);
    expect(loss(rows.map((r) => r.map((v) => 3 * v)), false)).not.toBeCloseTo(loss(rows, false), 2);
  });
});
