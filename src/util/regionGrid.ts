/**
 * The decision-region grid of a 2-D plot as a data structure, shared by the worker that computes it
 * (workers/regions.ts) and the page that draws and checks it (viz/regions.ts): which cell a place
 * falls in, which cells are refined, and the class at a place.
 *
 * A uniform grid cannot follow a boundary closer than a cell, and the points a plot is read by pack
 * along the boundaries (an early softmax's uncertain points sit on the lines between its wedges): at
 * 192² about 2–5 % of such points lay in a cell whose centre is across the boundary. So the cells
 * that a boundary crosses and a shown point lies in are refined: `fine` × `fine` sub-cells, each
 * with the rule's own prediction at its centre. The rest of the plane keeps the coarse cells.
 */

/** Finer labels in a few cells: `cells` ascending (row-major indices), `fine`² labels per cell, sub-row 0 at the cell's low y. */
export interface RegionRefinement {
  fine: number;
  cells: Uint32Array;
  labels: Uint8Array;
}

/**
 * Decision regions of a 2-D run: the predicted class at each cell centre of a size × size grid over
 * [x0, x1] × [y0, y1] of the plotted space, row r at y0 + (r + ½)/size·(y1 − y0), a confidence per
 * cell (0–255, 255 = most confident), and finer labels where a boundary crosses a shown point's cell.
 */
export interface RegionGrid {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  size: number;
  labels: Uint8Array;
  confidence: Uint8Array;
  refined?: RegionRefinement | null;
}

type Box = Pick<RegionGrid, 'x0' | 'x1' | 'y0' | 'y1' | 'size'>;

/** The cell index under (x, y), or -1 outside the grid. */
export function cellAt(g: Box, x: number, y: number): number {
  const c = Math.floor(((x - g.x0) / (g.x1 - g.x0)) * g.size);
  const r = Math.floor(((y - g.y0) / (g.y1 - g.y0)) * g.size);
  return c >= 0 && c < g.size && r >= 0 && r < g.size ? r * g.size + c : -1;
}

/** Whether any of the 8 neighbours of cell k has another label than k. */
function onBoundary(labels: Uint8Array, size: number, k: number): boolean {
  const r = Math.floor(k / size), c = k % size;
  for (let dr = -1; dr <= 1; dr++) {
    for (let dc = -1; dc <= 1; dc++) {
      const rr = r + dr, cc = c + dc;
      if (rr >= 0 && cc >= 0 && rr < size && cc < size && labels[rr * size + cc] !== labels[k]) return true;
    }
  }
  return false;
}

/**
 * The cells to refine: those that hold a point and touch another class's cell, ascending, at most
 * `max` (the first ones by index: a bound on the work, reached only by a degenerate grid).
 */
export function cellsToRefine(g: Box & { labels: Uint8Array }, points: Float32Array, max: number): Uint32Array {
  const holds = new Uint8Array(g.size * g.size);
  for (let i = 0; i + 1 < points.length; i += 2) {
    const k = cellAt(g, points[i], points[i + 1]);
    if (k >= 0) holds[k] = 1;
  }
  const out: number[] = [];
  for (let k = 0; k < holds.length && out.length < max; k++) if (holds[k] && onBoundary(g.labels, g.size, k)) out.push(k);
  return Uint32Array.from(out);
}

/** The centres of the sub-cells of `cells`, [x, y] each: cell by cell, sub-row by sub-row (low y first). */
export function subCellCentres(g: Box, cells: Uint32Array, fine: number): Float32Array {
  const w = (g.x1 - g.x0) / g.size, h = (g.y1 - g.y0) / g.size;
  const out = new Float32Array(2 * cells.length * fine * fine);
  let o = 0;
  for (const k of cells) {
    const r = Math.floor(k / g.size), c = k % g.size;
    for (let i = 0; i < fine; i++) {
      for (let j = 0; j < fine; j++) {
        out[o++] = g.x0 + (c + (j + 0.5) / fine) * w;
        out[o++] = g.y0 + (r + (i + 0.5) / fine) * h;
      }
    }
  }
  return out;
}

/** Where cell k's fine labels are in `refined.labels` (a multiple of fine²), or -1 when k is not refined. */
export function refinedOffset(refined: RegionRefinement | null | undefined, k: number): number {
  if (!refined) return -1;
  const cells = refined.cells;
  let lo = 0, hi = cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cells[mid] === k) return mid * refined.fine * refined.fine;
    if (cells[mid] < k) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The class the regions show at (x, y): the sub-cell's label in a refined cell, else the cell's; -1 outside the grid. */
export function labelAt(g: RegionGrid, x: number, y: number): number {
  const k = cellAt(g, x, y);
  if (k < 0) return -1;
  const ref = g.refined;
  const o = refinedOffset(ref, k);
  if (!ref || o < 0) return g.labels[k];
  const f = ref.fine;
  // the position inside the cell, in sub-cells
  const u = ((x - g.x0) / (g.x1 - g.x0)) * g.size - (k % g.size);
  const v = ((y - g.y0) / (g.y1 - g.y0)) * g.size - Math.floor(k / g.size);
  const j = Math.min(f - 1, Math.max(0, Math.floor(u * f)));
  const i = Math.min(f - 1, Math.max(0, Math.floor(v * f)));
  return ref.labels[o + i * f + j];
}
