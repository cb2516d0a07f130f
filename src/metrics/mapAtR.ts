import { forEachNeighbourList, type PointArray } from './distance';
import { sameLabelCounts, type Labels } from './labels';

/**
 * MAP@R (Musgrave et al., "A Metric Learning Reality Check", 2020) over a stream of neighbour lists.
 * For a query with R other samples of its class: MAP@R = (1/R) Σ_{i=1..R} P(i)·rel(i), where rel(i)
 * says whether the i-th nearest neighbour shares the label and P(i) is the precision of the first i.
 * Dividing by R (not by the number of hits) is what separates it from plain average precision: a
 * query whose R nearest are not all relevant is penalised. Queries with R = 0 are skipped.
 */
export class MapAtRAccumulator {
  private sum = 0;
  private queries = 0;
  /** R per query: how many neighbours each query must be given. */
  readonly r: Int32Array;

  constructor(private readonly labels: Labels) {
    this.r = sameLabelCounts(labels);
  }

  /** `neighbours[0..count)` nearest first, count ≥ R (a longer list is fine: only the first R count). */
  add(query: number, neighbours: Int32Array, count: number): void {
    const r = this.r[query];
    if (r === 0) return;
    if (count < r) throw new RangeError(`query ${query} needs ${r} neighbours, got ${count}`);
    const y = this.labels[query];
    let hits = 0, ap = 0;
    for (let i = 0; i < r; i++) {
      if (this.labels[neighbours[i]] === y) {
        hits++;
        ap += hits / (i + 1);
      }
    }
    this.sum += ap / r;
    this.queries++;
  }

  /** Mean over non-lone queries; NaN if there are none. */
  result(): number {
    return this.sum / this.queries;
  }
}

/** MAP@R with leave-one-out Euclidean neighbours; each query ranks only its own R nearest. */
export function mapAtR(points: PointArray, dim: number, labels: Labels): number {
  const acc = new MapAtRAccumulator(labels);
  forEachNeighbourList(points, dim, (i) => acc.r[i], (i, nb, c) => acc.add(i, nb, c));
  return acc.result();
}
