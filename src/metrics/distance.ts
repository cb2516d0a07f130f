/**
 * Squared Euclidean distances and leave-one-out nearest neighbours for row-major points [n][dim].
 *
 * Distances use ‖a‖² + ‖b‖² − 2 a·b in float64: with a 2×4 register block this is about twice as
 * fast as summing (a − b)² at d = 64, and float64 keeps the cancellation error (~1e-16 · ‖a‖²) far
 * below any gap that matters for a ranking. The dot product of (i, j) sums the same products in the
 * same order as (j, i), so the matrix is exactly symmetric and ties stay ties.
 */

/** Row-major points [n][dim]; float64 is accepted so tests can feed exact reference values. */
export type PointArray = Float32Array | Float64Array;

/** Number of rows in `points`; throws on a shape that cannot be [n][dim]. */
export function pointCount(points: PointArray, dim: number): number {
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim must be a positive integer, got ${dim}`);
  if (points.length % dim !== 0) {
    throw new RangeError(`points.length ${points.length} is not a multiple of dim ${dim}`);
  }
  return points.length / dim;
}

function squaredNorms(p: Float64Array, n: number, dim: number): Float64Array {
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = i * dim, end = k + dim; k < end; k++) s += p[k] * p[k];
    norms[i] = s;
  }
  return norms;
}

/** rows per gramBlock call where a caller streams many rows (see forEachNeighbourList) */
const GRAM_ROWS = 8;

/**
 * Writes ‖a_i‖² + ‖b_j‖² − 2 a_i·b_j (unclamped) for rows i ∈ [r0, r1) and columns j ∈ [c0, c1) into
 * out[(i − r0) · stride + j]. The hot loop of every distance in this library.
 */
function gramBlock(
  p: Float64Array, norms: Float64Array, dim: number,
  r0: number, r1: number, c0: number, c1: number,
  out: Float64Array, stride: number,
): void {
  let i = r0;
  for (; i + 1 < r1; i += 2) {
    const a0 = i * dim, a1 = a0 + dim;
    const n0 = norms[i], n1 = norms[i + 1];
    const row0 = (i - r0) * stride, row1 = row0 + stride;
    let j = c0;
    for (; j + 3 < c1; j += 4) {
      const b0 = j * dim, b1 = b0 + dim, b2 = b1 + dim, b3 = b2 + dim;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < dim; k++) {
        const x = p[a0 + k], y = p[a1 + k];
        const q0 = p[b0 + k], q1 = p[b1 + k], q2 = p[b2 + k], q3 = p[b3 + k];
        s00 += x * q0; s01 += x * q1; s02 += x * q2; s03 += x * q3;
        s10 += y * q0; s11 += y * q1; s12 += y * q2; s13 += y * q3;
      }
      out[row0 + j] = n0 + norms[j] - 2 * s00;
      out[row0 + j + 1] = n0 + norms[j + 1] - 2 * s01;
      out[row0 + j + 2] = n0 + norms[j + 2] - 2 * s02;
      out[row0 + j + 3] = n0 + norms[j + 3] - 2 * s03;
      out[row1 + j] = n1 + norms[j] - 2 * s10;
      out[row1 + j + 1] = n1 + norms[j + 1] - 2 * s11;
      out[row1 + j + 2] = n1 + norms[j + 2] - 2 * s12;
      out[row1 + j + 3] = n1 + norms[j + 3] - 2 * s13;
    }
    for (; j < c1; j++) {
      const b = j * dim;
      let s0 = 0, s1 = 0;
      for (let k = 0; k < dim; k++) {
        const q = p[b + k];
        s0 += p[a0 + k] * q;
        s1 += p[a1 + k] * q;
      }
      out[row0 + j] = n0 + norms[j] - 2 * s0;
      out[row1 + j] = n1 + norms[j] - 2 * s1;
    }
  }
  for (; i < r1; i++) {
    const a = i * dim, row = (i - r0) * stride;
    for (let j = c0; j < c1; j++) {
      const b = j * dim;
      let s = 0;
      for (let k = 0; k < dim; k++) s += p[a + k] * p[b + k];
      out[row + j] = norms[i] + norms[j] - 2 * s;
    }
  }
}

/**
 * Full n×n matrix of squared Euclidean distances (row-major, exactly symmetric, zero diagonal,
 * never negative). Needs 8·n² bytes: for large n prefer {@link forEachNeighbourList}, which streams.
 */
export function pairwiseSquaredDistances(points: PointArray, dim: number): Float64Array {
  const n = pointCount(points, dim);
  // One float64 copy up front: reading float32 in the hot loop costs a conversion per load.
  const p = Float64Array.from(points);
  const norms = squaredNorms(p, n, dim);
  const out = new Float64Array(n * n);
  const T = 64;
  // Upper-triangle tiles only; the mirror pass below fills the rest, halving the work.
  for (let r = 0; r < n; r += T) {
    const rEnd = Math.min(r + T, n);
    gramBlock(p, norms, dim, r, rEnd, r, n, out.subarray(r * n), n);
  }
  for (let r = 0; r < n; r += T) {
    for (let c = r; c < n; c += T) {
      const rEnd = Math.min(r + T, n), cEnd = Math.min(c + T, n);
      for (let i = r; i < rEnd; i++) {
        for (let j = Math.max(c, i + 1); j < cEnd; j++) {
          const v = out[i * n + j];
          const clamped = v > 0 ? v : 0;
          out[i * n + j] = clamped;
          out[j * n + i] = clamped;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) out[i * n + i] = 0;
  return out;
}

/** Scratch buffers for {@link selectNearest}, allocated once per neighbour pass. */
interface SelectScratch {
  values: Float64Array; // n: a copy of the row for quickselect
  keys: Float64Array; // n: distances of the k survivors, sorted natively
  used: Int32Array; // n: per sorted position, how many tied survivors already took it
}

/** Value of rank `k` (0-based) among values[0..n), reordering values; numeric quickselect. */
function kthSmallest(values: Float64Array, n: number, k: number): number {
  let lo = 0, hi = n - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1];
    let a = lo, b = hi;
    while (a <= b) {
      while (values[a] < pivot) a++;
      while (values[b] > pivot) b--;
      if (a <= b) {
        const t = values[a]; values[a] = values[b]; values[b] = t;
        a++; b--;
      }
    }
    if (k <= b) hi = b;
    else if (k >= a) lo = a;
    else break;
  }
  return values[k];
}

/**
 * The k nearest entries of `row` (skipping `self`) ranked by (distance, index), written to out[0..k).
 * Small k: a bounded insertion list (one comparison rejects most candidates). Large k (MAP@R needs
 * R ≈ n / C): numeric quickselect finds the k-th distance τ; the survivors are those below τ plus the
 * lowest-index ones at τ; a native (comparator-free) sort of their distances then gives each survivor
 * its rank by binary search, ties ranked by index because survivors are visited in index order.
 * Everything stays numeric: a comparator-based sort was 10× slower at n = 10 000.
 */
function selectNearest(
  row: Float64Array, n: number, self: number, k: number, out: Int32Array, scratch: SelectScratch,
): void {
  if (k === 0) return;
  if (k <= 16) {
    let size = 0;
    let worstD = Infinity, worstJ = -1;
    for (let j = 0; j < n; j++) {
      const d = row[j];
      if (j === self) continue;
      if (size === k && (d > worstD || (d === worstD && j > worstJ))) continue;
      let pos = size < k ? size++ : k - 1;
      while (pos > 0) {
        const o = out[pos - 1], od = row[o];
        if (d < od || (d === od && j < o)) { out[pos] = o; pos--; } else break;
      }
      out[pos] = j;
      if (size === k) { worstJ = out[k - 1]; worstD = row[worstJ]; }
    }
    return;
  }
  selectMany(row, n, self, k, out, scratch);
}

function selectMany(
  row: Float64Array, n: number, self: number, k: number, out: Int32Array, scratch: SelectScratch,
): void {
  const { values, keys, used } = scratch;
  values.set(row.subarray(0, n));
  values[self] = Infinity; // never below the k-th of the others, since k ≤ n − 1
  const tau = kthSmallest(values, n, k - 1);
  let m = 0;
  for (let j = 0; j < n; j++) if (row[j] < tau && j !== self) out[m++] = j;
  for (let j = 0; j < n && m < k; j++) if (row[j] === tau && j !== self) out[m++] = j;
  for (let t = 0; t < k; t++) keys[t] = row[out[t]];
  const sorted = keys.subarray(0, k).sort();
  used.fill(0, 0, k);
  // out[] is in index order; place each survivor at its rank. values[] is free again, reuse it.
  const placed = values;
  for (let t = 0; t < k; t++) {
    const j = out[t], d = row[j];
    let lo = 0, hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < d) lo = mid + 1; else hi = mid;
    }
    placed[lo + used[lo]++] = j;
  }
  for (let t = 0; t < k; t++) out[t] = placed[t];
}

/**
 * Streams each point's leave-one-out nearest neighbours (nearest first, ties to the lower index):
 * `visit(i, neighbours, count)` gets a reused buffer whose first `count = min(kOf(i), n − 1)` entries
 * are valid only during the call. Memory is O(block · n), so this also works for n = 10 000.
 */
export function forEachNeighbourList(
  points: PointArray,
  dim: number,
  kOf: (query: number) => number,
  visit: (query: number, neighbours: Int32Array, count: number) => void,
): void {
  const n = pointCount(points, dim);
  if (n === 0) return;
  const p = Float64Array.from(points);
  const norms = squaredNorms(p, n, dim);
  const block = Math.max(2, Math.min(n, Math.floor(4_000_000 / n)));
  const dist = new Float64Array(block * n);
  const scratch: SelectScratch = { values: new Float64Array(n), keys: new Float64Array(n), used: new Int32Array(n) };
  let out = new Int32Array(Math.min(n - 1, 16));
  for (let r = 0; r < n; r += block) {
    const rEnd = Math.min(r + block, n);
    // in short calls: one call over a whole block runs its loop once, long, so V8 compiles it on the
    // stack (OSR) and throws that code away when the call returns, at every evaluation (seen as a
    // stream of deopts and recompiles beside the training); called often, it stays compiled
    for (let s = r; s < rEnd; s += GRAM_ROWS) gramBlock(p, norms, dim, s, Math.min(s + GRAM_ROWS, rEnd), 0, n, dist.subarray((s - r) * n), n);
    for (let i = r; i < rEnd; i++) {
      const k = Math.max(0, Math.min(Math.floor(kOf(i)), n - 1));
      if (k > out.length) out = new Int32Array(Math.max(k, out.length * 2));
      selectNearest(dist.subarray((i - r) * n, (i - r + 1) * n), n, i, k, out, scratch);
      visit(i, out, k);
    }
  }
}

/**
 * Leave-one-out k-nearest-neighbour indices, row-major [n][k], nearest first, ties to the lower
 * index. Throws if k > n − 1 (a point has only n − 1 possible neighbours).
 */
export function nearestNeighbours(points: PointArray, dim: number, k: number): Int32Array {
  const n = pointCount(points, dim);
  if (!Number.isInteger(k) || k < 0 || (n > 0 && k > n - 1)) {
    throw new RangeError(`k must be an integer in [0, ${Math.max(0, n - 1)}], got ${k}`);
  }
  const result = new Int32Array(n * k);
  forEachNeighbourList(points, dim, () => k, (i, nb) => result.set(nb.subarray(0, k), i * k));
  return result;
}
