import { forEachNeighbourList, type PointArray } from './distance';
import { sameLabelCounts, type Labels } from './labels';

export const RECALL_KS = [1, 2, 4, 8] as const;
export type RecallK = (typeof RECALL_KS)[number];
export type RecallAtK = Record<RecallK, number>;

/**
 * Recall@K over a stream of neighbour lists: a query scores 1 at K if any of its K nearest shares its
 * label. Lone queries (no other sample of their class) cannot score and are skipped, as in
 * pytorch-metric-learning's AccuracyCalculator; every metric is NaN if no query remains.
 */
export class RecallAccumulator {
  private readonly hits: Record<RecallK, number> = { 1: 0, 2: 0, 4: 0, 8: 0 };
  private queries = 0;
  private readonly others: Int32Array;

  constructor(private readonly labels: Labels) {
    this.others = sameLabelCounts(labels);
  }

  /** Neighbours a query needs: the largest K. */
  static readonly neighboursNeeded = RECALL_KS[RECALL_KS.length - 1];

  /** `neighbours[0..count)` nearest first; count may exceed 8 (the list is shared with MAP@R). */
  add(query: number, neighbours: Int32Array, count: number): void {
    if (this.others[query] === 0) return;
    this.queries++;
    const y = this.labels[query];
    let firstHit = Infinity;
    const limit = Math.min(count, RecallAccumulator.neighboursNeeded);
    for (let r = 0; r < limit; r++) {
      if (this.labels[neighbours[r]] === y) { firstHit = r; break; }
    }
    for (const k of RECALL_KS) if (firstHit < k) this.hits[k]++;
  }

  result(): RecallAtK {
    const q = this.queries;
    return { 1: this.hits[1] / q, 2: this.hits[2] / q, 4: this.hits[4] / q, 8: this.hits[8] / q };
  }
}

/** Recall@{1,2,4,8} with leave-one-out Euclidean neighbours, computed in one neighbour pass. */
export function recallAtK(points: PointArray, dim: number, labels: Labels): RecallAtK {
  const acc = new RecallAccumulator(labels);
  forEachNeighbourList(points, dim, () => RecallAccumulator.neighboursNeeded, (i, nb, c) => acc.add(i, nb, c));
  return acc.result();
}
