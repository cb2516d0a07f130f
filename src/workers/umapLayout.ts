/**
 * UMAP of a run's wide embedding (> 3 dimensions) to the plane, for the plot only: metrics always use
 * the full embedding. Plain function (tested in Node); `umap.worker.ts` runs it off the page's thread.
 *
 * Kept stable from frame to frame: the k-NN graph is rebuilt for the new points (they moved), but the
 * layout starts from the previous one and runs only a few epochs, so clusters stay where the eye left
 * them instead of jumping to a fresh random layout every snapshot.
 */
import { UMAP } from 'umap-js';

export interface UmapRequest {
  /** row-major [n][dim] */
  points: Float32Array;
  dim: number;
  /** the previous layout [n][2] of the same points, or null for a first layout */
  previous: Float32Array | null;
  seed: number;
}

export interface UmapResult {
  /** row-major [n][2] */
  layout: Float32Array;
  /** time to compute it (k-NN graph + epochs), ms */
  ms: number;
  epochs: number;
  /** where the time went, ms: neighbours, fuzzy graph + start, optimisation epochs */
  parts: { knn: number; graph: number; epochs: number };
}

/** A first layout from random starts needs the full schedule; a warm start only settles the moved points. */
export const FIRST_EPOCHS = 200;
export const WARM_EPOCHS = 40;
/** UMAP's default step (1) reshuffles a layout in a few epochs; a warm start only nudges it */
const WARM_LEARNING_RATE = 0.1;
const NEIGHBOURS = 15;

/** mulberry32: umap-js takes a random() and a fixed seed keeps a run's first layout reproducible */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Up to this many points the exact neighbours cost less than umap-js's NN-descent (measured: 2 000 × 16-D exact ≈ 0.1 s, NN-descent ≈ 0.5–1.5 s). */
const EXACT_KNN_MAX = 4000;

/**
 * Exact k nearest neighbours (each point its own first neighbour, as umap-js expects), by brute force
 * over a flat Float64Array: O(n²·dim), but tight loops without the per-pair allocations of NN-descent.
 */
export function exactKnn(points: Float32Array, n: number, dim: number, k: number): { indices: number[][]; distances: number[][] } {
  const x = Float64Array.from(points.subarray(0, n * dim), (v) => (Number.isFinite(v) ? v : 0));
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += x[i * dim + d] ** 2;
    sq[i] = s;
  }
  const indices: number[][] = new Array(n);
  const distances: number[][] = new Array(n);
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    bestD.fill(Infinity);
    bestI.fill(i);
    const oi = i * dim;
    for (let j = 0; j < n; j++) {
      const oj = j * dim;
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += x[oi + d] * x[oj + d];
      const dist = j === i ? -1 : Math.max(0, sq[i] + sq[j] - 2 * dot);
      if (dist >= bestD[k - 1]) continue;
      // insertion into the sorted top k
      let p = k - 1;
      while (p > 0 && bestD[p - 1] > dist) {
        bestD[p] = bestD[p - 1];
        bestI[p] = bestI[p - 1];
        p--;
      }
      bestD[p] = dist;
      bestI[p] = j;
    }
    indices[i] = Array.from(bestI);
    distances[i] = Array.from(bestD, (v) => Math.sqrt(Math.max(0, v)));
  }
  return { indices, distances };
}

export function umapLayout(req: UmapRequest): UmapResult {
  const t0 = performance.now();
  const { points, dim } = req;
  const n = Math.floor(points.length / dim);
  const rows: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = new Array<number>(dim);
    for (let d = 0; d < dim; d++) {
      const v = points[i * dim + d];
      // a diverged run's NaN would poison the whole graph; put such points at the origin
      r[d] = Number.isFinite(v) ? v : 0;
    }
    rows[i] = r;
  }
  const warm = req.previous !== null && req.previous.length === 2 * n;
  const epochs = warm ? WARM_EPOCHS : FIRST_EPOCHS;
  const layout = new Float32Array(2 * n);
  if (n <= NEIGHBOURS + 1) return { layout, ms: performance.now() - t0, epochs: 0, parts: { knn: 0, graph: 0, epochs: 0 } };
  const umap = new UMAP({ nComponents: 2, nNeighbors: NEIGHBOURS, nEpochs: epochs, learningRate: warm ? WARM_LEARNING_RATE : 1, random: seeded(req.seed) });
  if (n <= EXACT_KNN_MAX) {
    const knn = exactKnn(points, n, dim, NEIGHBOURS);
    umap.setPrecomputedKNN(knn.indices, knn.distances);
  }
  const t1 = performance.now();
  umap.initializeFit(rows);
  const t2 = performance.now();
  if (warm && req.previous) {
    // getEmbedding() is the array the optimiser moves: overwrite the random start in place
    const emb = umap.getEmbedding();
    const prev = req.previous;
    for (let i = 0; i < n; i++) {
      emb[i][0] = Number.isFinite(prev[2 * i]) ? prev[2 * i] : 0;
      emb[i][1] = Number.isFinite(prev[2 * i + 1]) ? prev[2 * i + 1] : 0;
    }
  }
  const t3 = performance.now();
  for (let e = 0; e < epochs; e++) umap.step();
  const t4 = performance.now();
  const emb = umap.getEmbedding();
  for (let i = 0; i < n; i++) {
    layout[2 * i] = emb[i][0];
    layout[2 * i + 1] = emb[i][1];
  }
  return { layout, ms: performance.now() - t0, epochs, parts: { knn: t1 - t0, graph: t2 - t1 + (t3 - t2), epochs: t4 - t3 } };
}
