/**
 * A snapshot of one run (Trainer.capture): the shown samples embedded with the run's current
 * weights, its predictions and unknown scores, and on request the per-point gradient norms and the
 * triplets its miner picks among the shown points, plus the input of the metrics. Separate from the
 * Trainer because it only reads a run, never trains it: the Trainer hands over the run, the set to
 * embed and the few session values a snapshot carries.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AnyDataset } from '../data/types';
import { getLoss } from '../losses';
import type { EvaluationInput } from '../metrics';
import { shuffleInPlace } from './batches';
import { hasOffPlotClassifier, plottedPredict, plottedUnknownScore } from '../losses/heads';
import type { RunState } from './runState';
import type { ShownSet } from './shownSet';
import { backboneForwardForEvaluation } from './trainStepForward';
import type { LossHead } from '../losses/lossHead';
import type { Snapshot } from './types';
import seedrandom from 'seedrandom';

/** What a snapshot should carry beyond the points (costly extras, on when the page shows them). */
export interface SnapshotView {
  gradNorms?: boolean;
  triplets?: boolean;
}

/** The session's part of a snapshot: the data set, its settings, and the epoch when it is taken. */
export interface CaptureContext {
  ds: AnyDataset;
  seed: number;
  batchSize: number;
  openSet: readonly number[];
  /** read when the snapshot is put together (after the embedding), as the run's step is */
  epoch: () => number;
}

/**
 * Embeds `set` with run `s`'s current weights. `between` is awaited after each evaluation chunk.
 */
export async function captureRun(
  s: RunState, runId: string, set: ShownSet, ctx: CaptureContext, view: SnapshotView, between?: () => Promise<void>,
): Promise<{ snapshot: Snapshot; metricsInput: EvaluationInput }> {
  const displays: tf.Tensor2D[] = [];
  const preds: tf.Tensor1D[] = [];
  const unknowns: tf.Tensor1D[] = [];
  /** the head's own classifier where it reads another layer than the plotted feature */
  const offPlot = hasOffPlotClassifier(s.head);
  const trunkPreds: tf.Tensor1D[] = [];
  const trunks: tf.Tensor2D[] = [];
  const features: tf.Tensor2D[] = [];
  for (const chunk of set.chunks) {
    tf.tidy(() => {
      const { trunk, feature } = backboneForwardForEvaluation(s.weights, chunk);
      displays.push(tf.keep(s.head.display(trunk, feature)));
      // every run is measured on what it plots, with its loss's rule there (nearest class mean for
      // the triplet regularizer, whose classifier reads the trunk)
      preds.push(tf.keep(plottedPredict(s.head, trunk, feature)));
      unknowns.push(tf.keep(plottedUnknownScore(s.head, trunk, feature)));
      if (offPlot) trunkPreds.push(tf.keep(s.head.predict(trunk, feature)));
      if (view.gradNorms) { trunks.push(tf.keep(trunk)); features.push(tf.keep(feature)); }
    });
    if (between) await between();
  }
  const [disp, pred, unk] = [tf.concat(displays), tf.concat(preds), tf.concat(unknowns)];
  const points = (await disp.data()) as Float32Array;
  const dim = disp.shape[1];
  const predictions = Uint8Array.from(await pred.data());
  const unknownScores = Float32Array.from(await unk.data());
  let trunkPredictions: Uint8Array | null = null;
  if (offPlot) {
    const tp = tf.concat(trunkPreds);
    trunkPredictions = Uint8Array.from(await tp.data());
    tf.dispose([...trunkPreds, tp]);
  }
  tf.dispose([...displays, ...preds, ...unknowns, disp, pred, unk]);
  const gradNorms = view.gradNorms ? await gradientNorms(s, set, trunks, features, ctx.batchSize) : null;
  tf.dispose([...trunks, ...features]);
  const labels = Uint8Array.from(set.idx, (i) => ctx.ds.test.labels[i]);
  const openSet = ctx.openSet.length > 0;
  let correct = 0, known = 0;
  for (let i = 0; i < labels.length; i++) {
    if (set.unknown[i]) continue;
    known++;
    if (labels[i] === predictions[i]) correct++;
  }
  const triplets = view.triplets && s.head.minedTriplets ? await mineOnEval(s, set, points, dim, ctx) : null;
  const snapshot: Snapshot = {
    runId, step: s.step, epoch: ctx.epoch(), points, shown: set.positions?.slice() ?? null, dim, predictions, gradNorms, overlay: await s.head.overlay(),
    unitCircle: getLoss(s.cfg.loss).capabilities.unitCircle, alpha: await s.head.currentAlpha?.(s.step) ?? null, accuracy: correct / Math.max(1, known),
    metrics: null, triplets,
  };
  const metricsInput: EvaluationInput = {
    points: points.slice(), dim, labels, predictions: predictions.slice(), classes: ctx.ds.classNames.length, seed: ctx.seed,
    ...(trunkPredictions ? { trunkPredictions } : {}),
    ...(openSet ? { unknownScores, unknownMask: set.unknown.slice() } : {}),
  };
  return { snapshot, metricsInput };
}

/**
 * Which samples the loss pushes (the heated-up paper's argument): ‖∂L/∂f_i‖ per shown point,
 * scaled by the group size to undo the batch mean. Mining losses see the points in mixed groups of
 * batch size (their cost grows with n³), others in one group.
 */
async function gradientNorms(s: RunState, set: ShownSet, trunks: tf.Tensor2D[], features: tf.Tensor2D[], batchSize: number): Promise<Float32Array> {
  const n = set.idx.length;
  const size = getLoss(s.cfg.loss).needsPK ? Math.min(batchSize, 64) : n;
  const groups = Math.ceil(n / size);
  const out = new Float32Array(n);
  const trunk = tf.concat(trunks);
  const feature = tf.concat(features);
  const labels = tf.concat(set.labelChunks);
  try {
    for (let g = 0; g < groups; g++) {
      // strided groups mix the classes (the shown points are sorted by label)
      const idx = Int32Array.from({ length: Math.ceil((n - g) / groups) }, (_, k) => g + k * groups);
      const norms = tf.tidy(() => {
        const ids = tf.tensor1d(idx, 'int32');
        const [t, f, y] = [tf.gather(trunk, ids), tf.gather(feature, ids), tf.gather(labels, ids)];
        const grad = tf.grad((x: tf.Tensor) => s.head.loss(t as tf.Tensor2D, x as tf.Tensor2D, y as tf.Tensor1D, s.step))(f);
        return tf.mul(tf.norm(grad, 'euclidean', 1), idx.length);
      });
      const v = await norms.data();
      norms.dispose();
      idx.forEach((i, k) => { out[i] = v[k]; });
    }
  } finally {
    tf.dispose([trunk, feature, labels]);
  }
  return out;
}

/**
 * The triplets the run's miner picks in a P×K batch drawn from the shown test points (the training
 * batch's images are not on the plot), as evaluation indices (a, p, n).
 */
async function mineOnEval(s: RunState, set: ShownSet, points: Float32Array, dim: number, ctx: CaptureContext): Promise<Int32Array> {
  const rng = seedrandom(`triplets:${ctx.seed}:${s.step}`);
  const byClass = new Map<number, number[]>();
  set.idx.forEach((_, i) => {
    if (set.unknown[i]) return;
    const y = ctx.ds.test.labels[set.idx[i]];
    byClass.set(y, [...(byClass.get(y) ?? []), i]);
  });
  const chosen: number[] = [];
  const classes = [...byClass.keys()];
  shuffleInPlace(classes, rng);
  for (const c of classes.slice(0, 8)) {
    const members = byClass.get(c) as number[];
    shuffleInPlace(members, rng);
    chosen.push(...members.slice(0, 4));
  }
  const f = tf.tensor2d(Float32Array.from(chosen.flatMap((i) => Array.from(points.subarray(i * dim, (i + 1) * dim)))), [chosen.length, dim]);
  const y = tf.tensor1d(chosen.map((i) => ctx.ds.test.labels[set.idx[i]]), 'int32');
  try {
    const local = await (s.head.minedTriplets as NonNullable<LossHead['minedTriplets']>)(f, y);
    return Int32Array.from(local, (j) => chosen[j]);
  } finally {
    tf.dispose([f, y]);
  }
}
