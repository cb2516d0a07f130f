import * as tf from '@tensorflow/tfjs-core';
import '../engine/tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { randomMatrix } from './common/testUtil';
import type { ChoiceValues, LossId, ParamValues } from './types';
import type { LossHead } from './lossHead';
import { variableFrom } from './common/baseHead';
import { createHead, hasOffPlotClassifier, headLrMultiplier, plottedPredict, plottedUnknownScore } from './heads';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CLASSES = 3, TRUNK = 6, DIM = 2, IN = 5;
const LABELS = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];

interface Config { loss: LossId; choices?: ChoiceValues; params?: ParamValues; overlay: string | null }
const CONFIGS: Config[] = [
  { loss: 'softmax', overlay: 'weights' },
  { loss: 'heated', overlay: 'weights' },
  { loss: 'heated', choices: { schedule: 'learnable' }, overlay: 'weights' },
  { loss: 'center', overlay: 'centers' },
  { loss: 'center', choices: { prediction: 'nearest' }, overlay: 'centers' },
  { loss: 'triplet', overlay: null },
  { loss: 'triplet', choices: { mining: 'batch_hard', distance: 'squared' }, overlay: null },
  { loss: 'triplet', choices: { mining: 'batch_all' }, overlay: null },
  { loss: 'triplet', choices: { embedding: 'l2', distance: 'squared' }, params: { margin: 0.2 }, overlay: null },
  { loss: 'pair', overlay: 'weights' },
  { loss: 'simplex', overlay: null },
  { loss: 'simplex', choices: { dam: 'off' }, overlay: 'vertices' },
  { loss: 'simplex', choices: { variant: 'hinge' }, overlay: null },
  { loss: 'simplex', choices: { variant: 'softmax', dam: 'off' }, overlay: 'vertices' },
  { loss: 'cosface', overlay: 'weights' },
  { loss: 'cosface', params: { margin: 0 }, overlay: 'weights' },
];
const name = (c: Config) => `${c.loss} ${JSON.stringify(c.choices ?? {})}`;

/** A tiny trainable "backbone": trunk = relu(x A), feature = trunk E. */
function tinyProblem(seed: string) {
  const x = tf.tensor2d(randomMatrix(LABELS.length, IN, `x${seed}`, 1));
  const a = variableFrom(tf.tensor2d(randomMatrix(IN, TRUNK, `a${seed}`, 0.8)));
  const e = variableFrom(tf.tensor2d(randomMatrix(TRUNK, DIM, `e${seed}`, 0.8)));
  const labels = tf.tensor1d(LABELS, 'int32');
  const forward = () => {
    const trunk = tf.relu(tf.matMul(x, a)) as tf.Tensor2D;
    return { trunk, feature: tf.matMul(trunk, e) as tf.Tensor2D };
  };
  return { x, a, e, labels, forward, dispose: () => tf.dispose([x, a, e, labels]) };
}

function make(c: Config, seed = 1): LossHead {
  return createHead({ loss: c.loss, classes: CLASSES, embeddingDim: DIM, trunkDim: TRUNK, params: c.params ?? {}, choices: c.choices ?? {}, seed });
}

/** One training step plus everything the worker does with a head between steps; returns the loss. */
async function step(head: LossHead, p: ReturnType<typeof tinyProblem>, opt: tf.Optimizer, i: number): Promise<number> {
  const cost = opt.minimize(() => {
    const { trunk, feature } = p.forward();
    return head.loss(trunk, feature, p.labels, i);
  }, true, [p.a, p.e, ...head.variables]);
  const value = cost!.dataSync()[0];
  cost!.dispose();
  tf.tidy(() => {
    const { trunk, feature } = p.forward();
    head.afterStep(trunk, feature, p.labels, i);
  });
  const { trunk, feature } = tf.tidy(() => p.forward());
  const outs = [head.predict(trunk, feature), head.display(trunk, feature), head.unknownScore(trunk, feature)];
  await head.overlay();
  await head.currentAlpha?.(i);
  tf.dispose([trunk, feature, ...outs]);
  return value;
}

describe.each(CONFIGS.map((c) => [name(c), c] as const))('head %s', (_n, c) => {
  it('has the right output shapes and overlay', async () => {
    const p = tinyProblem('s');
    const head = make(c);
    tf.tidy(() => {
      const { trunk, feature } = p.forward();
      const loss = head.loss(trunk, feature, p.labels, 0);
      expect(loss.shape).toEqual([]);
      expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
      const pred = head.predict(trunk, feature);
      expect(pred.shape).toEqual([LABELS.length]);
      expect(pred.dtype).toBe('int32');
      expect(Array.from(pred.dataSync()).every((k) => k >= 0 && k < CLASSES)).toBe(true);
      expect(head.display(trunk, feature).shape).toEqual([LABELS.length, DIM]);
      const u = head.unknownScore(trunk, feature);
      expect(u.shape).toEqual([LABELS.length]);
      expect(Array.from(u.dataSync()).every(Number.isFinite)).toBe(true);
    });
    const o = await head.overlay();
    expect(o?.kind ?? null).toBe(c.overlay);
    if (o) {
      expect(o.dim).toBe(DIM);
      expect(o.points).toHaveLength(CLASSES * DIM);
    }
    head.dispose();
    p.dispose();
  });

  it('a few optimiser steps reduce the loss', async () => {
    const p = tinyProblem('t');
    const head = make(c);
    const opt = tf.train.adam(0.05);
    const losses: number[] = [];
    for (let i = 0; i < 25; i++) losses.push(await step(head, p, opt, i));
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.9);
    opt.dispose();
    head.dispose();
    p.dispose();
  });

  it('does not leak tensors over 50 steps, and dispose frees the head', async () => {
    const before = tf.memory().numTensors;
    const p = tinyProblem('m');
    const head = make(c);
    const opt = tf.train.adam(0.01);
    // the optimiser creates its moment slots on the first step
    for (let i = 0; i < 3; i++) await step(head, p, opt, i);
    const steady = tf.memory().numTensors;
    for (let i = 3; i < 50; i++) await step(head, p, opt, i);
    expect(tf.memory().numTensors).toBe(steady);
    opt.dispose();
    head.dispose();
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('head specifics', () => {
  it('refuses the simplex without DAM on a too small embedding, with the minimum in the message', () => {
    expect(() => createHead({ loss: 'simplex', classes: 10, embeddingDim: 2, trunkDim: 84, params: {}, choices: { dam: 'off' }, seed: 1 }))
      .toThrow('the simplex loss needs an embedding of at least C−1 = 9 dimensions for 10 classes');
    expect(() => createHead({ loss: 'simplex', classes: 10, embeddingDim: 2, trunkDim: 84, params: {}, choices: { dam: 'on' }, seed: 1 })).not.toThrow();
  });

  it('is seeded: the same seed gives the same initial loss, another seed another', () => {
    const p = tinyProblem('seed');
    const loss = (seed: number) => {
      const h = make({ loss: 'pair', overlay: null }, seed);
      const v = tf.tidy(() => { const { trunk, feature } = p.forward(); return h.loss(trunk, feature, p.labels, 0).dataSync()[0]; });
      h.dispose();
      return v;
    };
    expect(loss(4)).toBe(loss(4));
    expect(loss(4)).not.toBe(loss(5));
    p.dispose();
  });

  it('heated: currentAlpha follows the schedule and setParams applies at the next step', async () => {
    const h = createHead({ loss: 'heated', classes: 3, embeddingDim: 2, trunkDim: 6, params: { alpha: 16, heatAt: 0.5 }, choices: { schedule: 'heatup' }, seed: 1 });
    h.setPlan?.(20);
    expect(await h.currentAlpha?.(9)).toBe(16);
    expect(await h.currentAlpha?.(10)).toBe(4);
    expect(headLrMultiplier(h, 9)).toBe(1);
    expect(headLrMultiplier(h, 10)).toBe(0.3); // the default LR factor at heat-up
    h.setParams({ alpha: 32, heatAt: 0.5, heatLr: 0.1 });
    expect(headLrMultiplier(h, 10)).toBe(0.1);
    expect(await h.currentAlpha?.(0)).toBe(32);
    h.dispose();
    const s = createHead({ loss: 'softmax', classes: 3, embeddingDim: 2, trunkDim: 6, params: {}, choices: {}, seed: 1 });
    expect(await s.currentAlpha?.(0) ?? null).toBeNull();
    expect(headLrMultiplier(s, 10)).toBe(1);
    s.dispose();
  });

  it('heated: display is f̂ as the loss scores it (inside the circle where ‖f‖² ≲ Feature ε), the overlay at radius 0.9', async () => {
    const strict = createHead({ loss: 'heated', classes: 3, embeddingDim: 2, trunkDim: 6, params: { featureEps: 1e-4 }, choices: {}, seed: 1 });
    const onCircle = tf.tidy(() => strict.display(tf.zeros([2, 6]), tf.tensor2d([[3, 4], [-0.1, 0]])).arraySync());
    expect(Math.hypot(...onCircle[0])).toBeCloseTo(1, 4);
    expect(Math.hypot(...onCircle[1])).toBeCloseTo(0.995, 2); // ε = 1e-4 shrinks short vectors a little
    strict.dispose();
    const h = createHead({ loss: 'heated', classes: 3, embeddingDim: 2, trunkDim: 6, params: { featureEps: 100 }, choices: {}, seed: 1 });
    const shown = tf.tidy(() => h.display(tf.zeros([2, 6]), tf.tensor2d([[3, 4], [60, 80]])).arraySync());
    expect(shown[0][0]).toBeCloseTo(3 / Math.sqrt(125), 5); // unsure: well inside, same direction
    expect(shown[0][1]).toBeCloseTo(4 / Math.sqrt(125), 5);
    expect(Math.hypot(...shown[1])).toBeCloseTo(100 / Math.sqrt(10100), 5);
    const o = (await h.overlay())!;
    for (let c = 0; c < 3; c++) expect(Math.hypot(o.points[2 * c], o.points[2 * c + 1])).toBeCloseTo(0.9, 3);
    h.dispose();
  });

  it('heated learnable α is trained and reported', async () => {
    const p = tinyProblem('la');
    const h = make({ loss: 'heated', choices: { schedule: 'learnable' }, params: { alpha: 2 }, overlay: null });
    expect(await h.currentAlpha?.(0)).toBe(2);
    const opt = tf.train.adam(0.05);
    for (let i = 0; i < 5; i++) await step(h, p, opt, i);
    expect(await h.currentAlpha?.(5)).not.toBe(2);
    h.setParams({ lambda: 3 }); // an unrelated slider keeps the learnt α
    expect(await h.currentAlpha?.(5)).not.toBe(2);
    opt.dispose();
    h.dispose();
    p.dispose();
  });

  it('center: afterStep moves the centers toward the class means; setParams keeps them', async () => {
    const h = createHead({ loss: 'center', classes: 2, embeddingDim: 2, trunkDim: 6, params: { centerRate: 0.5 }, choices: {}, seed: 1 });
    expect(Array.from((await h.overlay())!.points)).toEqual([0, 0, 0, 0]);
    // the first batch that holds a class sets its center to the class's mean there
    tf.tidy(() => h.afterStep(tf.zeros([3, 6]), tf.tensor2d([[3, 0], [3, 0], [0, -3]]), tf.tensor1d([0, 0, 1], 'int32'), 0));
    expect(Array.from((await h.overlay())!.points)).toEqual([3, 0, 0, -3]);
    // then Wen's update: class 0: Δ = (2·3 − 10)/3 = −4/3 → c = 3 + 0.5·4/3; class 1 absent: unchanged
    tf.tidy(() => h.afterStep(tf.zeros([2, 6]), tf.tensor2d([[5, 0], [5, 0]]), tf.tensor1d([0, 0], 'int32'), 1));
    const c = Array.from((await h.overlay())!.points);
    expect(c[0]).toBeCloseTo(3 + 2 / 3, 5);
    expect(c[3]).toBeCloseTo(-3, 6);
    h.setParams({ lambda: 0.1 });
    expect(Array.from((await h.overlay())!.points)).toEqual(c);
    h.dispose();
  });

  it('simplex: vertices follow u, and the nearest vertex is the prediction', async () => {
    const h = createHead({ loss: 'simplex', classes: 3, embeddingDim: 2, trunkDim: 6, params: { u: 2 }, choices: { dam: 'off' }, seed: 1 });
    const v = Array.from((await h.overlay())!.points);
    expect(Math.hypot(v[0], v[1])).toBeCloseTo(2, 5);
    h.setParams({ u: 5 });
    const w = Array.from((await h.overlay())!.points);
    expect(Math.hypot(w[2], w[3])).toBeCloseTo(5, 5);
    const pred = tf.tidy(() => h.predict(tf.zeros([3, 6]), tf.tensor2d([[w[4], w[5]], [w[0] * 0.9, w[1] * 0.9], [w[2], w[3]]])).arraySync());
    expect(pred).toEqual([2, 0, 1]);
    h.dispose();
  });

  it('triplet: plottedPredict is the nearest running class mean of the plotted embedding, predict the trunk classifier', async () => {
    const h = createHead({ loss: 'triplet', classes: 3, embeddingDim: 2, trunkDim: 6, params: {}, choices: {}, seed: 1 });
    const trunk = tf.tensor2d(randomMatrix(4, 6, 'tr', 1));
    // class means (0, 0), (10, 0), (0, 10) from one batch
    tf.tidy(() => h.afterStep(tf.zeros([3, 6]), tf.tensor2d([[0, 0], [10, 0], [0, 10]]), tf.tensor1d([0, 1, 2], 'int32'), 0));
    const f = tf.tensor2d([[9, 1], [1, 8], [-1, -1], [6, 1]]);
    const plotted = plottedPredict(h, trunk, f);
    expect(Array.from(plotted.dataSync())).toEqual([1, 2, 0, 1]);
    const own = h.predict(trunk, f);
    const trunkArgmax = tf.tidy(() => tf.argMax(tf.add(tf.matMul(trunk, h.variables[0] as tf.Tensor2D), h.variables[1]), 1));
    expect(Array.from(own.dataSync())).toEqual(Array.from(trunkArgmax.dataSync()));
    expect(hasOffPlotClassifier(h)).toBe(true);
    const u = plottedUnknownScore(h, trunk, f);
    expect(u.dataSync()[2]).toBeCloseTo(Math.SQRT2, 4);
    tf.dispose([trunk, f, plotted, own, trunkArgmax, u]);
    h.dispose();
    const s = createHead({ loss: 'softmax', classes: 3, embeddingDim: 2, trunkDim: 6, params: {}, choices: {}, seed: 1 });
    expect(hasOffPlotClassifier(s)).toBe(false);
    s.dispose();
  });

  it('triplet with the L2-normalised embedding plots and classifies f/‖f‖', () => {
    const h = createHead({ loss: 'triplet', classes: 2, embeddingDim: 2, trunkDim: 6, params: {}, choices: { embedding: 'l2' }, seed: 1 });
    const shown = tf.tidy(() => h.display(tf.zeros([2, 6]), tf.tensor2d([[3, 4], [0, -0.5]])).arraySync());
    expect(Math.hypot(...shown[0])).toBeCloseTo(1, 5);
    expect(Math.hypot(...shown[1])).toBeCloseTo(1, 5);
    // the means are of the unit vectors, (1, 0) and (0, 1): (3, 2) is class 0 by angle, though in raw
    // space it is nearer class 1's (0, 10) than class 0's (20, 0)
    tf.tidy(() => h.afterStep(tf.zeros([2, 6]), tf.tensor2d([[20, 0], [0, 10]]), tf.tensor1d([0, 1], 'int32'), 0));
    const p = tf.tidy(() => plottedPredict(h, tf.zeros([2, 6]), tf.tensor2d([[3, 2], [1, 3]])).arraySync());
    expect(p).toEqual([0, 1]);
    h.dispose();
  });

  it('setChoices changes a non-rebuilding choice in place: center Prediction keeps weights and centers', async () => {
    const h = createHead({ loss: 'center', classes: 2, embeddingDim: 2, trunkDim: 6, params: { centerRate: 0.5 }, choices: {}, seed: 1 });
    tf.tidy(() => h.afterStep(tf.zeros([3, 6]), tf.tensor2d([[4, 0], [4, 0], [0, -4]]), tf.tensor1d([0, 0, 1], 'int32'), 0));
    const centers = Array.from((await h.overlay())!.points);
    const weights = h.variables.map((v) => Array.from(v.dataSync()));
    const f = tf.tensor2d([[1.5, 0], [0, -1]]);
    h.setChoices({ prediction: 'nearest' });
    expect(Array.from((await h.overlay())!.points)).toEqual(centers);
    expect(h.variables.map((v) => Array.from(v.dataSync()))).toEqual(weights);
    // the new rule is in force: nearest center
    const p = h.predict(tf.zeros([2, 6]), f);
    expect(Array.from(p.dataSync())).toEqual([0, 1]);
    const u = h.unknownScore(tf.zeros([2, 6]), f); // distance to the nearest center, (4, 0) and (0, −4): the first batch's means
    expect(u.dataSync()[0]).toBeCloseTo(2.5, 4);
    expect(u.dataSync()[1]).toBeCloseTo(3, 4);
    tf.dispose([f, p, u]);
    h.dispose();
  });

  it('copyStateFrom copies the trainable variables and the centers of a center-loss head', async () => {
    const a = createHead({ loss: 'center', classes: 2, embeddingDim: 2, trunkDim: 6, params: { centerRate: 0.5 }, choices: {}, seed: 1 });
    tf.tidy(() => a.afterStep(tf.zeros([2, 6]), tf.tensor2d([[4, 2], [-2, -6]]), tf.tensor1d([0, 1], 'int32'), 0));
    a.variables.forEach((v) => tf.tidy(() => v.assign(tf.add(v, 0.25))));
    const b = createHead({ loss: 'center', classes: 2, embeddingDim: 2, trunkDim: 6, params: { centerRate: 0.5 }, choices: {}, seed: 2 });
    expect(Array.from((await b.overlay())!.points)).toEqual([0, 0, 0, 0]);
    b.copyStateFrom(a);
    expect(Array.from((await b.overlay())!.points)).toEqual(Array.from((await a.overlay())!.points));
    expect(Array.from((await b.overlay())!.points)).not.toEqual([0, 0, 0, 0]);
    expect(b.variables.map((v) => Array.from(v.dataSync()))).toEqual(a.variables.map((v) => Array.from(v.dataSync())));
    const s = createHead({ loss: 'softmax', classes: 2, embeddingDim: 2, trunkDim: 6, params: {}, choices: {}, seed: 1 });
    expect(() => s.copyStateFrom(a)).toThrow(/cannot copy a center head/);
    a.dispose();
    b.dispose();
    s.dispose();
  });
});
