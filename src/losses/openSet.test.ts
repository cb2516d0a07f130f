import * as tf from '@tensorflow/tfjs-core';
import '../engine/tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { argmaxKnown, knownClassIds, maxProbUnknownKnown, nearestKnownCenter, oneMinusMaxKnown } from './common/knownClasses';
import { randomMatrix } from './common/testUtil';
import { simplexCenters } from './simplex/math';
import type { ChoiceValues, LossId } from './types';
import { createHead, plottedPredict, plottedUnknownScore } from './heads';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CLASSES = 10;
const HELD_OUT = [6, 7, 8, 9];
const TRUNK = 84;

describe('knownClasses (hand-checked)', () => {
  const known = (): tf.Tensor1D => tf.tensor1d(knownClassIds(4, [1, 3]), 'int32');

  it('lists the known classes', () => {
    expect(knownClassIds(4, [1, 3])).toEqual([0, 2]);
    expect(knownClassIds(3)).toEqual([0, 1, 2]);
  });

  it('arg-max and maximum probability over the known classes only', () => {
    // logits of 4 classes, 1 and 3 held out: row 0's largest is class 1 (held out) → class 2 wins among 0 and 2
    const logits = tf.tensor2d([[0, 5, 1, 0], [2, 0, 0, 9]]);
    expect(Array.from(argmaxKnown(logits, known()).dataSync())).toEqual([2, 0]);
    expect(Array.from(argmaxKnown(logits, null).dataSync())).toEqual([1, 3]);
    // score = logsumexp(other known logits) − max known logit: row 0: 0 − 1 = −1; row 1: 0 − 2 = −2
    const s = Array.from(maxProbUnknownKnown(logits, known()).dataSync());
    expect(s[0]).toBeCloseTo(-1, 6);
    expect(s[1]).toBeCloseTo(-2, 6);
    // cosines: 1 − max over known: row 0: 1 − 0.5 = 0.5
    expect(oneMinusMaxKnown(tf.tensor2d([[0.2, 0.9, 0.5, 1]]), known()).dataSync()[0]).toBeCloseTo(0.5, 6);
  });

  it('nearest known center: a point on a held-out center is as far as the nearest known one', () => {
    const centers = tf.tensor2d([[0, 0], [3, 0], [0, 4], [10, 10]]);
    const { index, distance } = nearestKnownCenter(tf.tensor2d([[3, 0]]), centers, known());
    // known centers: class 0 at (0,0) distance 3, class 2 at (0,4) distance 5
    expect(index.dataSync()[0]).toBe(0);
    expect(distance.dataSync()[0]).toBeCloseTo(3, 5);
  });
});

/** Features that fall everywhere: large random vectors. */
function features(n: number, dim: number, seed: string): { trunk: tf.Tensor2D; feature: tf.Tensor2D } {
  return { trunk: tf.tidy(() => tf.relu(tf.tensor2d(randomMatrix(n, TRUNK, `t${seed}`, 3)))), feature: tf.tensor2d(randomMatrix(n, dim, `f${seed}`, 30)) };
}

const CASES: { loss: LossId; choices?: ChoiceValues; dim: number }[] = [
  { loss: 'softmax', dim: 2 },
  { loss: 'heated', dim: 2 },
  { loss: 'center', dim: 2 },
  { loss: 'center', choices: { prediction: 'nearest' }, dim: 2 },
  { loss: 'triplet', dim: 2 },
  { loss: 'pair', dim: 2 },
  { loss: 'simplex', dim: 2 },
  { loss: 'simplex', choices: { dam: 'off' }, dim: 9 },
];

describe('open set: the heads predict and score against the known classes only', () => {
  it.each(CASES)('$loss $choices: no prediction is a held-out class', ({ loss, choices, dim }) => {
    const head = createHead({ loss, classes: CLASSES, embeddingDim: dim, trunkDim: TRUNK, params: {}, choices: choices ?? {}, seed: 3, unknownClasses: HELD_OUT });
    const { trunk, feature } = features(400, dim, loss);
    // a center-loss head with its centers set from a batch of the known classes only
    const labels = tf.tensor1d(Array.from({ length: 400 }, (_, i) => i % 6), 'int32');
    head.afterStep(trunk, feature, labels, 0);
    for (const p of [head.predict(trunk, feature), plottedPredict(head, trunk, feature)]) {
      const got = new Set(Array.from(p.dataSync()));
      for (const c of HELD_OUT) expect(got.has(c)).toBe(false);
      expect(got.size).toBeGreaterThan(1);
    }
    for (const s of [head.unknownScore(trunk, feature), plottedUnknownScore(head, trunk, feature)]) expect(Array.from(s.dataSync()).every(Number.isFinite)).toBe(true);
    head.dispose();
    tf.dispose([trunk, feature, labels]);
  });

  it('without held-out classes every class can be predicted (the test above can fail)', () => {
    const head = createHead({ loss: 'softmax', classes: CLASSES, embeddingDim: 2, trunkDim: TRUNK, params: {}, choices: {}, seed: 3 });
    const { trunk, feature } = features(400, 2, 'softmax');
    const got = new Set(Array.from(head.predict(trunk, feature).dataSync()));
    expect(HELD_OUT.some((c) => got.has(c))).toBe(true);
    head.dispose();
    tf.dispose([trunk, feature]);
  });

  it('the simplex is built over the known classes: a feature on a known vertex scores 0 and is that class', () => {
    // DAM off in 9-D: with 6 known classes the simplex has 6 vertices of radius u (not 10)
    const u = 10;
    const head = createHead({ loss: 'simplex', classes: CLASSES, embeddingDim: 9, trunkDim: TRUNK, params: { u }, choices: { dam: 'off' }, seed: 1, unknownClasses: HELD_OUT });
    const v = simplexCenters(6, 9, u);
    const f = tf.tensor2d(v.flat(), [6, 9]);
    const trunk = tf.zeros([6, TRUNK]) as tf.Tensor2D;
    expect(Array.from(head.predict(trunk, f).dataSync())).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(head.unknownScore(trunk, f).dataSync()).every((d) => Math.abs(d) < 1e-3)).toBe(true);
    // and the loss pulls class c to its own known vertex: 0 on the vertices
    const labels = tf.tensor1d([0, 1, 2, 3, 4, 5], 'int32');
    expect(head.loss(trunk, f, labels, 0).dataSync()[0]).toBeCloseTo(0, 4);
    head.dispose();
    tf.dispose([f, trunk, labels]);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const head = createHead({ loss: 'center', classes: CLASSES, embeddingDim: 2, trunkDim: TRUNK, params: {}, choices: { prediction: 'nearest' }, seed: 3, unknownClasses: HELD_OUT });
    const { trunk, feature } = features(20, 2, 'x');
    tf.dispose([head.predict(trunk, feature), head.unknownScore(trunk, feature)]);
    head.dispose();
    tf.dispose([trunk, feature]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
