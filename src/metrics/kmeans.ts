import seedrandom from 'seedrandom';
import { pointCount, type PointArray } from './distance';

export interface KMeansResult {
  /** cluster of each point, in [0, k) */
  assignments: Int32Array;
  /** row-major [k][dim] */
  centers: Float64Array;
  /** sum of squared distances of the points to their centers */
  inertia: number;
  /** Lloyd iterations run (capped by maxIterations) */
  iterations: number;
}

export interface KMeansOptions {
  seed: number | string;
  /** independent k-means++ starts; the lowest inertia wins (default 4) */
  restarts?: number;
  /** Lloyd iteration cap per start (default 100) */
  maxIterations?: number;
}

function sqDist(p: Float64Array, i: number, c: Float64Array, j: number, dim: number): number {
  let s = 0;
  for (let k = 0; k < dim; k++) {
    const t = p[i * dim + k] - c[j * dim + k];
    s += t * t;
  }
  return s;
}

/** Nearest center per point (ties to the lower center index); returns the inertia. */
function assign(p: Float64Array, n: number, dim: number, centers: Float64Array, k: number, out: Int32Array): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0, bestD = Infinity;
    for (let j = 0; j < k; j++) {
      const d = sqDist(p, i, centers, j, dim);
      if (d < bestD) { bestD = d; best = j; }
    }
    out[i] = best;
    inertia += bestD;
  }
  return inertia;
}

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007): the first center uniformly, each next one with
 * probability proportional to the squared distance to the nearest center chosen so far.
 */
export function kmeansPlusPlusInit(points: PointArray, dim: number, k: number, rng: () => number): Float64Array {
  const n = pointCount(points, dim);
  if (k < 1 || k > n) throw new RangeError(`k must be in [1, ${n}], got ${k}`);
  const centers = new Float64Array(k * dim);
  const nearest = new Float64Array(n).fill(Infinity);
  let chosen = Math.floor(rng() * n);
  for (let c = 0; c < k; c++) {
    for (let t = 0; t < dim; t++) centers[c * dim + t] = points[chosen * dim + t];
    let total = 0;
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let t = 0; t < dim; t++) {
        const v = points[i * dim + t] - centers[c * dim + t];
        d += v * v;
      }
      if (d < nearest[i]) nearest[i] = d;
      total += nearest[i];
    }
    if (c === k - 1) break;
    if (total === 0) {
      // Every point sits on a center already (duplicates): any choice is as good; take a uniform one.
      chosen = Math.floor(rng() * n);
      continue;
    }
    let target = rng() * total;
    chosen = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i];
      if (target < 0) { chosen = i; break; }
    }
  }
  return centers;
}

/**
 * Lloyd's algorithm from given centers until the assignment stops changing or `maxIterations`.
 * A cluster that empties keeps its previous center (rare after k-means++, and deterministic).
 */
export function lloyd(points: PointArray, dim: number, initialCenters: Float64Array, maxIterations = 100): KMeansResult {
  const n = pointCount(points, dim);
  const k = initialCenters.length / dim;
  const p = Float64Array.from(points);
  const centers = Float64Array.from(initialCenters);
  let current = new Int32Array(n);
  let next = new Int32Array(n);
  let inertia = assign(p, n, dim, centers, k, current);
  const sums = new Float64Array(k * dim);
  const counts = new Int32Array(k);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = current[i];
      counts[c]++;
      for (let t = 0; t < dim; t++) sums[c * dim + t] += p[i * dim + t];
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let t = 0; t < dim; t++) centers[c * dim + t] = sums[c * dim + t] / counts[c];
    }
    inertia = assign(p, n, dim, centers, k, next);
    let changed = false;
    for (let i = 0; i < n && !changed; i++) changed = next[i] !== current[i];
    [current, next] = [next, current];
    if (!changed) break;
  }
  return { assignments: current, centers, inertia, iterations };
}

/** k-means: several k-means++ starts from one seeded generator, Lloyd each, keep the lowest inertia. */
export function kmeans(points: PointArray, dim: number, k: number, options: KMeansOptions): KMeansResult {
  const restarts = options.restarts ?? 4;
  const maxIterations = options.maxIterations ?? 100;
  if (!Number.isInteger(restarts) || restarts < 1) throw new RangeError(`restarts must be ≥ 1, got ${restarts}`);
  const rng = seedrandom(`kmeans:${options.seed}`);
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const result = lloyd(points, dim, kmeansPlusPlusInit(points, dim, k, rng), maxIterations);
    if (best === null || result.inertia < best.inertia) best = result;
  }
  // restarts ≥ 1 guarantees a result; the assertion only informs the type checker.
  return best as KMeansResult;
}
