import { color } from 'd3';

/** Decision regions of a 2-D plot (the worker's RegionGrid, see workers/regions.ts). */
export interface RegionRaster {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  size: number;
  /** predicted class per cell, row-major, row r at y0 + (r + ½)/size·(y1 − y0) */
  labels: Uint8Array;
  /** 0–255 per cell, 255 = most confident */
  confidence: Uint8Array;
}

export const REGION_BOUNDARY_COLOUR = 'rgba(40, 44, 60, 0.45)';

/** Opacity of a region at full / no confidence: pale enough that every point stays readable. */
const MAX_ALPHA = 0.3;
const MIN_ALPHA = 0.06;

/** The cell index under (x, y), or -1 outside the grid. */
export function cellAt(g: RegionRaster, x: number, y: number): number {
  const c = Math.floor(((x - g.x0) / (g.x1 - g.x0)) * g.size);
  const r = Math.floor(((y - g.y0) / (g.y1 - g.y0)) * g.size);
  return c >= 0 && c < g.size && r >= 0 && r < g.size ? r * g.size + c : -1;
}

/**
 * How well the regions match a run's predictions on its points: `agree`, the share of the points on
 * the grid whose cell is their predicted class; `inside`, how many points lie on the grid; `far`, how
 * many are off by more than the grid's resolution (no cell within `reach` cells has their class).
 * A point by a boundary can lie in a cell whose centre is across it, and where several boundaries
 * meet (a softmax's origin) a class's wedge can be thinner than a cell for a cell or two: so `agree`
 * is near 1 and `far` is 0 when the regions are right.
 */
export function regionAgreement(g: RegionRaster, points: Float32Array, predictions: Uint8Array, reach = 2): { agree: number; inside: number; far: number } {
  let inside = 0, agree = 0, far = 0;
  for (let i = 0; i < predictions.length; i++) {
    const k = cellAt(g, points[2 * i], points[2 * i + 1]);
    if (k < 0) continue;
    inside++;
    if (g.labels[k] === predictions[i]) { agree++; continue; }
    const r = Math.floor(k / g.size), c = k % g.size;
    let near = false;
    for (let dr = -reach; dr <= reach && !near; dr++) {
      for (let dc = -reach; dc <= reach && !near; dc++) {
        const rr = r + dr, cc = c + dc;
        near = rr >= 0 && cc >= 0 && rr < g.size && cc < g.size && g.labels[rr * g.size + cc] === predictions[i];
      }
    }
    if (!near) far++;
  }
  return { agree: inside ? agree / inside : NaN, inside, far };
}

/**
 * RGBA pixels of the grid, one per cell, top row first (the grid's last row: y grows upwards on the
 * plot): the class colour at an opacity that grows with the confidence.
 */
export function regionPixels(g: RegionRaster, palette: string[]): Uint8ClampedArray {
  const rgb = palette.map((p) => {
    const c = color(p)?.rgb();
    return c ? [c.r, c.g, c.b] : [128, 128, 128];
  });
  const out = new Uint8ClampedArray(4 * g.size * g.size);
  for (let r = 0; r < g.size; r++) {
    for (let c = 0; c < g.size; c++) {
      const k = r * g.size + c;
      const o = 4 * ((g.size - 1 - r) * g.size + c);
      const [R, G, B] = rgb[g.labels[k] % rgb.length];
      out[o] = R; out[o + 1] = G; out[o + 2] = B;
      out[o + 3] = Math.round(255 * (MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * (g.confidence[k] / 255)));
    }
  }
  return out;
}

/**
 * The boundaries between regions as segments along cell edges, in plot coordinates, 4 numbers each
 * (x₁, y₁, x₂, y₂); neighbouring collinear edges are merged.
 */
export function regionBoundaries(g: RegionRaster): Float32Array {
  const { size, labels } = g;
  const X = (c: number) => g.x0 + (c / size) * (g.x1 - g.x0);
  const Y = (r: number) => g.y0 + (r / size) * (g.y1 - g.y0);
  const segs: number[] = [];
  // vertical edges between columns c-1 and c, merged along r
  for (let c = 1; c < size; c++) {
    let start = -1;
    for (let r = 0; r <= size; r++) {
      const edge = r < size && labels[r * size + c - 1] !== labels[r * size + c];
      if (edge && start < 0) start = r;
      if (!edge && start >= 0) { segs.push(X(c), Y(start), X(c), Y(r)); start = -1; }
    }
  }
  // horizontal edges between rows r-1 and r, merged along c
  for (let r = 1; r < size; r++) {
    let start = -1;
    for (let c = 0; c <= size; c++) {
      const edge = c < size && labels[(r - 1) * size + c] !== labels[r * size + c];
      if (edge && start < 0) start = c;
      if (!edge && start >= 0) { segs.push(X(start), Y(r), X(c), Y(r)); start = -1; }
    }
  }
  return Float32Array.from(segs);
}
