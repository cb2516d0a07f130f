import { color } from 'd3';
import { cellAt, labelAt, refinedOffset, type RegionGrid } from '../util/regionGrid';

export { cellAt, labelAt } from '../util/regionGrid';

/** Decision regions of a 2-D plot: the worker's grid (util/regionGrid.ts, computed in workers/regions.ts). */
export type RegionRaster = RegionGrid;

export const REGION_BOUNDARY_COLOUR = 'rgba(40, 44, 60, 0.45)';

/** Opacity of a region at full / no confidence: pale enough that every point stays readable. */
const MAX_ALPHA = 0.3;
const MIN_ALPHA = 0.06;

/** Whether cell k shows class `c` anywhere: its own label, or one of its sub-cells' where it is refined. */
function cellShows(g: RegionRaster, k: number, c: number): boolean {
  if (g.labels[k] === c) return true;
  const o = refinedOffset(g.refined, k);
  if (!g.refined || o < 0) return false;
  const n = g.refined.fine * g.refined.fine;
  for (let s = 0; s < n; s++) if (g.refined.labels[o + s] === c) return true;
  return false;
}

/**
 * How well the regions match a run's predictions on its points: `agree`, the share of the points on
 * the grid that lie in the region of their predicted class (the sub-cell's class in a refined cell);
 * `inside`, how many points lie on the grid; `far`, how many are off by more than the grid's
 * resolution (no cell within `reach` cells shows their class). A point closer to a boundary than a
 * (sub-)cell can lie in one whose centre is across it, so `agree` is near 1, not 1, when the regions
 * are right, and `far` is 0.
 */
export function regionAgreement(g: RegionRaster, points: Float32Array, predictions: Uint8Array, reach = 2): { agree: number; inside: number; far: number } {
  let inside = 0, agree = 0, far = 0;
  for (let i = 0; i < predictions.length; i++) {
    const x = points[2 * i], y = points[2 * i + 1];
    const k = cellAt(g, x, y);
    if (k < 0) continue;
    inside++;
    if (labelAt(g, x, y) === predictions[i]) { agree++; continue; }
    const r = Math.floor(k / g.size), c = k % g.size;
    let near = false;
    for (let dr = -reach; dr <= reach && !near; dr++) {
      for (let dc = -reach; dc <= reach && !near; dc++) {
        const rr = r + dr, cc = c + dc;
        near = rr >= 0 && cc >= 0 && rr < g.size && cc < g.size && cellShows(g, rr * g.size + cc, predictions[i]);
      }
    }
    if (!near) far++;
  }
  return { agree: inside ? agree / inside : NaN, inside, far };
}

type Rgb = [number, number, number];

function paletteRgb(palette: string[]): Rgb[] {
  return palette.map((p) => {
    const c = color(p)?.rgb();
    return c ? [c.r, c.g, c.b] : [128, 128, 128];
  });
}

/** One cell's RGBA at `o`: the class colour at an opacity that grows with the confidence. */
function paint(out: Uint8ClampedArray, o: number, rgb: Rgb[], label: number, confidence: number): void {
  const [R, G, B] = rgb[label % rgb.length];
  out[o] = R; out[o + 1] = G; out[o + 2] = B;
  out[o + 3] = Math.round(255 * (MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * (confidence / 255)));
}

/**
 * RGBA pixels of the grid, one per cell, top row first (the grid's last row: y grows upwards on the
 * plot): the class colour at an opacity that grows with the confidence. Refined cells are left
 * transparent: their sub-cells are drawn over them (refinedPixels).
 */
export function regionPixels(g: RegionRaster, palette: string[]): Uint8ClampedArray {
  const rgb = paletteRgb(palette);
  const out = new Uint8ClampedArray(4 * g.size * g.size);
  for (let r = 0; r < g.size; r++) {
    for (let c = 0; c < g.size; c++) {
      const k = r * g.size + c;
      paint(out, 4 * ((g.size - 1 - r) * g.size + c), rgb, g.labels[k], g.confidence[k]);
    }
  }
  for (const k of g.refined?.cells ?? []) {
    const r = Math.floor(k / g.size), c = k % g.size;
    out[4 * ((g.size - 1 - r) * g.size + c) + 3] = 0;
  }
  return out;
}

/**
 * The refined cells' sub-cells as one image, `fine` pixels wide and `fine` high per refined cell,
 * stacked in the order of `refined.cells` (each cell's top sub-row first), coloured like their cell
 * (its confidence); null without a refinement.
 */
export function refinedPixels(g: RegionRaster, palette: string[]): Uint8ClampedArray | null {
  const ref = g.refined;
  if (!ref || ref.cells.length === 0) return null;
  const rgb = paletteRgb(palette);
  const f = ref.fine;
  const out = new Uint8ClampedArray(4 * f * f * ref.cells.length);
  ref.cells.forEach((k, n) => {
    for (let i = 0; i < f; i++) {
      for (let j = 0; j < f; j++) paint(out, 4 * ((n * f + f - 1 - i) * f + j), rgb, ref.labels[n * f * f + i * f + j], g.confidence[k]);
    }
  });
  return out;
}

/** Calls emit(start, end) for each maximal run of t in [0, n) where isEdge(t). */
function runs(n: number, isEdge: (t: number) => boolean, emit: (start: number, end: number) => void): void {
  let start = -1;
  for (let t = 0; t <= n; t++) {
    const edge = t < n && isEdge(t);
    if (edge && start < 0) start = t;
    if (!edge && start >= 0) { emit(start, t); start = -1; }
  }
}

/**
 * The boundaries between regions as segments along cell edges (sub-cell edges in and around refined
 * cells), in plot coordinates, 4 numbers each (x₁, y₁, x₂, y₂); neighbouring collinear edges are merged.
 */
export function regionBoundaries(g: RegionRaster): Float32Array {
  const { size, labels } = g;
  const ref = g.refined;
  const f = ref?.fine ?? 1;
  const offset = new Int32Array(size * size).fill(-1);
  ref?.cells.forEach((k) => { offset[k] = refinedOffset(ref, k); });
  /** the label of sub-cell (i, j) of cell k (the cell's own where it is not refined) */
  const sub = (k: number, i: number, j: number) => (ref && offset[k] >= 0 ? ref.labels[offset[k] + i * f + j] : labels[k]);
  const coarse = (k: number) => offset[k] < 0;
  // column and row positions in cells (fractions inside refined cells)
  const X = (c: number) => g.x0 + (c / size) * (g.x1 - g.x0);
  const Y = (r: number) => g.y0 + (r / size) * (g.y1 - g.y0);
  const segs: number[] = [];
  const vertical = (c: number, r0: number, r1: number) => segs.push(X(c), Y(r0), X(c), Y(r1));
  const horizontal = (r: number, c0: number, c1: number) => segs.push(X(c0), Y(r), X(c1), Y(r));

  // vertical edges between columns c-1 and c: merged along r between coarse cells, by sub-cell where either side is refined
  for (let c = 1; c < size; c++) {
    runs(size, (r) => coarse(r * size + c - 1) && coarse(r * size + c) && labels[r * size + c - 1] !== labels[r * size + c], (a, b) => vertical(c, a, b));
    for (let r = 0; r < size; r++) {
      const a = r * size + c - 1, b = r * size + c;
      if (coarse(a) && coarse(b)) continue;
      runs(f, (i) => sub(a, i, f - 1) !== sub(b, i, 0), (i0, i1) => vertical(c, r + i0 / f, r + i1 / f));
    }
  }
  // horizontal edges between rows r-1 and r, likewise
  for (let r = 1; r < size; r++) {
    runs(size, (c) => coarse((r - 1) * size + c) && coarse(r * size + c) && labels[(r - 1) * size + c] !== labels[r * size + c], (a, b) => horizontal(r, a, b));
    for (let c = 0; c < size; c++) {
      const a = (r - 1) * size + c, b = r * size + c;
      if (coarse(a) && coarse(b)) continue;
      runs(f, (j) => sub(a, f - 1, j) !== sub(b, 0, j), (j0, j1) => horizontal(r, c + j0 / f, c + j1 / f));
    }
  }
  // inside refined cells, between their sub-cells
  for (const k of ref?.cells ?? []) {
    const r = Math.floor(k / size), c = k % size;
    for (let j = 1; j < f; j++) runs(f, (i) => sub(k, i, j - 1) !== sub(k, i, j), (i0, i1) => vertical(c + j / f, r + i0 / f, r + i1 / f));
    for (let i = 1; i < f; i++) runs(f, (j) => sub(k, i - 1, j) !== sub(k, i, j), (j0, j1) => horizontal(r + i / f, c + j0 / f, c + j1 / f));
  }
  return Float32Array.from(segs);
}
