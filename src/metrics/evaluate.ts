import { accuracy, confusionMatrix, perClassAccuracy } from './accuracy';
import { auroc } from './auroc';
import { forEachNeighbourList, pointCount, type PointArray } from './distance';
import type { Labels } from './labels';
import { MapAtRAccumulator } from './mapAtR';
import { nmiOfEmbedding } from './nmi';
import { RecallAccumulator, type RecallAtK } from './recall';

export interface EvaluationInput {
  /** the embedding, row-major [n][dim] */
  points: PointArray;
  dim: number;
  labels: Labels;
  /** the loss's own prediction per sample from the plotted feature, in [0, classes) */
  predictions: Labels;
  /**
   * where the loss's classifier reads another layer than the plotted one (the triplet regularizer's
   * trunk classifier): its predictions, reported beside the plotted feature's accuracy
   */
  trunkPredictions?: Labels;
  classes: number;
  /** open set: larger = more likely an unknown class; AUROC needs both this and `unknownMask` */
  unknownScores?: ArrayLike<number>;
  /** open set: 1 for samples of a held-out (unknown) class */
  unknownMask?: ArrayLike<number>;
  /** seeds k-means for NMI */
  seed: number | string;
}

export interface Evaluation {
  accuracy: number;
  /** accuracy of `trunkPredictions` on the same (known) samples; null without them */
  trunkAccuracy: number | null;
  recall: RecallAtK;
  mapAtR: number;
  nmi: number;
  /** null unless unknownScores and unknownMask are given and both known and unknown samples exist */
  auroc: number | null;
  /**
   * Retrieval on unseen classes (Musgrave et al. 2020): recall@K and MAP@R with the held-out classes'
   * test samples as both queries and database, none of the known ones; null without held-out samples.
   */
  unseen: { recall: RecallAtK; mapAtR: number } | null;
  /** [C][C] counts, rows = true class */
  confusion: number[][];
  /** accuracy per true class; NaN for a class without samples */
  perClass: number[];
}

/** Copies the rows where keep[i] is set; returns the inputs unchanged when nothing is dropped. */
function selectRows(points: PointArray, dim: number, labels: Labels, predictions: Labels, keep: ArrayLike<number> | undefined) {
  const n = labels.length;
  let kept = n;
  if (keep) { kept = 0; for (let i = 0; i < n; i++) if (keep[i]) kept++; }
  if (kept === n) return { points, labels, predictions };
  const p = new Float32Array(kept * dim);
  const l = new Int32Array(kept);
  const q = new Int32Array(kept);
  for (let i = 0, o = 0; i < n; i++) {
    if (!keep?.[i]) continue;
    p.set(points.subarray(i * dim, (i + 1) * dim), o * dim);
    l[o] = labels[i];
    q[o] = predictions[i];
    o++;
  }
  return { points: p, labels: l, predictions: q };
}

/**
 * Recall@K and MAP@R of an embedding, leave-one-out: one neighbour pass (max(8, R) neighbours per
 * query) serves both. NaN for a non-finite embedding (a diverged run).
 */
function retrieval(points: PointArray, dim: number, labels: Labels): { recall: RecallAtK; mapAtR: number } {
  if (!points.every(Number.isFinite)) return { recall: { 1: NaN, 2: NaN, 4: NaN, 8: NaN }, mapAtR: NaN };
  const recallAcc = new RecallAccumulator(labels);
  const mapAcc = new MapAtRAccumulator(labels);
  forEachNeighbourList(
    points, dim,
    (i) => Math.max(RecallAccumulator.neighboursNeeded, mapAcc.r[i]),
    (i, nb, count) => { recallAcc.add(i, nb, count); mapAcc.add(i, nb, count); },
  );
  return { recall: recallAcc.result(), mapAtR: mapAcc.result() };
}

/**
 * Every metric the app shows, for one evaluation of the test embedding.
 * Open set: when `unknownMask` is given, accuracy, confusion, recall@K, MAP@R and NMI are computed on
 * the known samples only (an unknown sample has no correct class to predict), AUROC on all samples,
 * and `unseen` retrieval (recall@K, MAP@R) on the unknown samples among themselves. One leave-one-out neighbour pass (max(8, R) neighbours per query) serves both recall@K
 * and MAP@R. A non-finite embedding (a diverged run) gives NaN retrieval metrics instead of throwing.
 */
export function evaluateEmbedding(input: EvaluationInput): Evaluation {
  const { dim, classes, seed, unknownScores, unknownMask } = input;
  const n = pointCount(input.points, dim);
  if (input.labels.length !== n || input.predictions.length !== n) {
    throw new RangeError(`${n} points, ${input.labels.length} labels, ${input.predictions.length} predictions`);
  }
  if (unknownMask && unknownMask.length !== n) throw new RangeError(`unknownMask has ${unknownMask.length} entries for ${n} points`);
  if (unknownScores && unknownScores.length !== n) throw new RangeError(`unknownScores has ${unknownScores.length} entries for ${n} points`);
  if (input.trunkPredictions && input.trunkPredictions.length !== n) throw new RangeError(`trunkPredictions has ${input.trunkPredictions.length} entries for ${n} points`);

  let keep: Uint8Array | undefined;
  if (unknownMask) {
    keep = new Uint8Array(n);
    for (let i = 0; i < n; i++) keep[i] = unknownMask[i] ? 0 : 1;
  }
  const { points, labels, predictions } = selectRows(input.points, dim, input.labels, input.predictions, keep);

  const confusion = confusionMatrix(predictions, labels, classes);
  const { recall, mapAtR: map } = retrieval(points, dim, labels);
  let nmi = NaN;
  if (points.every(Number.isFinite)) {
    // k = the classes actually present: in an open-set run the held-out ones are not among them.
    const present = new Set<number>();
    for (let i = 0; i < labels.length; i++) present.add(labels[i]);
    nmi = nmiOfEmbedding(points, dim, labels, Math.max(1, present.size), seed);
  }
  // the trunk classifier on the same rows as the plotted accuracy (known samples only)
  const trunkPredictions = input.trunkPredictions ? selectRows(input.points, dim, input.labels, input.trunkPredictions, keep).predictions : null;
  // the held-out classes among themselves: a query of an unseen class, its neighbours of unseen classes
  let unseen: Evaluation['unseen'] = null;
  if (unknownMask && keep && keep.some((k) => k === 0)) {
    const held = Uint8Array.from(keep, (k) => 1 - k);
    const u = selectRows(input.points, dim, input.labels, input.predictions, held);
    unseen = retrieval(u.points, dim, u.labels);
  }
  return {
    accuracy: accuracy(predictions, labels),
    trunkAccuracy: trunkPredictions ? accuracy(trunkPredictions, labels) : null,
    recall,
    mapAtR: map,
    nmi,
    auroc: unknownScores && unknownMask ? auroc(unknownScores, unknownMask) : null,
    unseen,
    confusion,
    perClass: perClassAccuracy(confusion),
  };
}
