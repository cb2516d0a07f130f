import * as tf from '@tensorflow/tfjs-core';
import { plottedPredict, plottedUnknownScore } from '../losses/heads';
import type { LossHead } from '../losses/lossHead';
import { cellsToRefine, subCellCentres, type RegionRefinement } from '../util/regionGrid';
import type { RegionGrid } from './protocol';

/**
 * Cells per side of the decision-region grid. 192² = 36 864 predictions of a 2-D rule (a few ms next
 * to 2 000 LeNet forwards). Alone it put 2–5 % of an early softmax's test points (packed along the
 * boundaries) into a cell whose centre is across the boundary; the refinement below takes that under
 * 0.5 % (scripts/measure-regions.ts).
 */
export const REGION_GRID = 192;
/**
 * Sub-cells per side in a refined cell (a boundary crossing a cell that holds a shown point): 16 put
 * 99.8–100 % of 1 000 points in their class's region where 4 gave 99.0 % (softmax at learning rate
 * 0.001, steps 20–250; measured in Node).
 */
export const REGION_FINE = 16;
/** At most this many refined cells (a few hundred in practice): bounds the work to 4 × the coarse grid. */
export const MAX_REFINED = 576;

/** The box the grid covers: the shown points' bounding box and a margin of a tenth of its size. */
export function regionExtent(points: Float32Array): [number, number, number, number] | null {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i], y = points[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!(x1 >= x0 && y1 >= y0)) return null;
  const pad = 0.1 * Math.max(x1 - x0, y1 - y0, 1e-6);
  return [x0 - pad, x1 + pad, y0 - pad, y1 + pad];
}

/**
 * The class a run predicts at each cell centre of a grid over its 2-D plot, with the loss's own rule
 * (plottedPredict: softmax / cosine argmax, nearest center, nearest simplex vertex through the DAM,
 * nearest class mean), and a confidence from the loss's own open-set score, ranked over the grid
 * (255 = the most confident cell); `fine` × `fine` sub-cells where a boundary crosses a cell that holds
 * one of `points` (1: none). The grid lies in the plotted space; every head's display is the
 * feature itself (its rule applies as is) or a positive rescaling of each row (f/‖f‖; heated-up
 * softmax's f/√(‖f‖² + ε)) whose rule reads only direction, so it gives the plotted points their classes.
 */
export async function decisionRegions(head: LossHead, points: Float32Array, size = REGION_GRID, fine = REGION_FINE): Promise<RegionGrid | null> {
  const extent = regionExtent(points);
  if (!extent) return null;
  const [x0, x1, y0, y1] = extent;
  const cells = new Float32Array(2 * size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const k = 2 * (r * size + c);
      cells[k] = x0 + ((c + 0.5) / size) * (x1 - x0);
      cells[k + 1] = y0 + ((r + 0.5) / size) * (y1 - y0);
    }
  }
  const grid = tf.tensor2d(cells, [size * size, 2]);
  // the plotted-feature rules read only the feature; the grid stands in for the trunk argument too
  const [pred, score] = tf.tidy(() => [plottedPredict(head, grid, grid), plottedUnknownScore(head, grid, grid)]);
  const [labels, scores] = await Promise.all([pred.data(), score.data()]);
  tf.dispose([grid, pred, score]);
  const coarse: RegionGrid = { x0, x1, y0, y1, size, labels: Uint8Array.from(labels), confidence: scoreConfidence(scores) };
  coarse.refined = await refine(head, coarse, points, fine);
  return coarse;
}

/** Finer labels in the cells a boundary crosses where a shown point lies (see util/regionGrid.ts). */
async function refine(head: LossHead, g: RegionGrid, points: Float32Array, fine: number): Promise<RegionRefinement | null> {
  const cells = cellsToRefine(g, points, MAX_REFINED);
  if (fine < 2 || cells.length === 0) return null;
  const centres = subCellCentres(g, cells, fine);
  const sub = tf.tensor2d(centres, [centres.length / 2, 2]);
  const pred = tf.tidy(() => plottedPredict(head, sub, sub));
  const labels = Uint8Array.from(await pred.data());
  tf.dispose([sub, pred]);
  return { fine, cells, labels };
}

/**
 * Confidence per cell from the loss's unknown score: 255 at or below the 2nd percentile of the grid's
 * scores, 0 at or above the 98th, linear between (NaN: 0). The percentiles come from a sorted sample
 * of at most `sample` cells (every k-th), so a 192² grid costs a pass, not a sort.
 */
export function scoreConfidence(scores: ArrayLike<number>, sample = 2048): Uint8Array {
  const n = scores.length;
  const out = new Uint8Array(n);
  const stride = Math.max(1, Math.floor(n / sample));
  const picked: number[] = [];
  for (let i = 0; i < n; i += stride) if (Number.isFinite(scores[i])) picked.push(scores[i]);
  if (!picked.length) return out;
  const sorted = Float64Array.from(picked).sort();
  const lo = sorted[Math.floor(0.02 * (sorted.length - 1))];
  const hi = sorted[Math.ceil(0.98 * (sorted.length - 1))];
  const span = hi - lo;
  for (let i = 0; i < n; i++) {
    const v = scores[i];
    if (Number.isNaN(v)) continue;
    const t = span > 0 ? (v - lo) / span : 0;
    out[i] = Math.round(255 * (1 - Math.min(1, Math.max(0, t))));
  }
  return out;
}
