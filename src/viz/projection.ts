/**
 * Projection of an embedding [n][dim] to the 2-D (or 3-D) plot, pure math with no DOM.
 *
 * PCA uses the covariance matrix's top eigenvectors found by subspace iteration with a Rayleigh–Ritz
 * step (cheap for d ≤ 256, and warm-started from the previous frame so an animation converges in a
 * few iterations). An eigenvector's sign — and, when two variances are close, its direction inside
 * the top plane — is arbitrary, so consecutive frames would flip or spin; {@link AlignedProjector}
 * removes that by matching each frame to the previous one (signs, then in 2-D an orthogonal
 * Procrustes rotation of the projected points onto the previous frame's projected points).
 */
import seedrandom from 'seedrandom';

export type ProjectionMode =
  | { kind: 'pca' }
  /** show embedding dimensions i and j (and k for 3-D) as the plot's axes */
  | { kind: 'axes'; i: number; j: number; k?: number };

export interface ProjectorOptions {
  /** output dimensions (default 2) */
  components?: 2 | 3;
  /**
   * Start each frame's PCA from the previous basis (default true): a few iterations instead of
   * dozens. Off, every frame's PCA is independent and only the alignment step keeps frames steady.
   */
  warmStart?: boolean;
}

export interface PcaResult {
  /** row-major [components][dim], orthonormal rows, by decreasing variance */
  basis: Float64Array;
  /** the variances along the rows of `basis` (covariance normalised by n − 1) */
  variances: Float64Array;
  mean: Float64Array;
}

/** Mean and covariance (normalised by n − 1, as numpy.cov) of row-major points [n][dim]. */
export function covariance(points: ArrayLike<number>, dim: number): { mean: Float64Array; cov: Float64Array } {
  const n = points.length / dim;
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let t = 0; t < dim; t++) mean[t] += points[i * dim + t];
  for (let t = 0; t < dim; t++) mean[t] /= Math.max(n, 1);
  const cov = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < dim; t++) row[t] = points[i * dim + t] - mean[t];
    // Upper triangle only; mirrored below.
    for (let a = 0; a < dim; a++) {
      const ra = row[a];
      for (let b = a; b < dim; b++) cov[a * dim + b] += ra * row[b];
    }
  }
  const norm = Math.max(n - 1, 1);
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      const v = cov[a * dim + b] / norm;
      cov[a * dim + b] = v;
      cov[b * dim + a] = v;
    }
  }
  return { mean, cov };
}

/** Eigen-decomposition of a small symmetric p×p matrix (cyclic Jacobi); vectors as rows, unsorted. */
function jacobiEigen(m: Float64Array, p: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += a[i * p + j] ** 2;
    if (off < 1e-30) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const apq = a[i * p + j];
        if (apq === 0) continue;
        const theta = (a[j * p + j] - a[i * p + i]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < p; k++) {
          const aki = a[k * p + i], akj = a[k * p + j];
          a[k * p + i] = c * aki - s * akj;
          a[k * p + j] = s * aki + c * akj;
        }
        for (let k = 0; k < p; k++) {
          const aik = a[i * p + k], ajk = a[j * p + k];
          a[i * p + k] = c * aik - s * ajk;
          a[j * p + k] = s * aik + c * ajk;
        }
        for (let k = 0; k < p; k++) {
          const vik = v[i * p + k], vjk = v[j * p + k];
          v[i * p + k] = c * vik - s * vjk;
          v[j * p + k] = s * vik + c * vjk;
        }
      }
    }
  }
  const values = new Float64Array(p);
  for (let i = 0; i < p; i++) values[i] = a[i * p + i];
  return { values, vectors: v };
}

/** Modified Gram–Schmidt on the rows of q [p][dim]; a row that collapses is replaced by a fresh one. */
function orthonormaliseRows(q: Float64Array, p: number, dim: number, rng: () => number): void {
  for (let r = 0; r < p; r++) {
    for (let attempt = 0; ; attempt++) {
      for (let s = 0; s < r; s++) {
        let dot = 0;
        for (let t = 0; t < dim; t++) dot += q[r * dim + t] * q[s * dim + t];
        for (let t = 0; t < dim; t++) q[r * dim + t] -= dot * q[s * dim + t];
      }
      let norm = 0;
      for (let t = 0; t < dim; t++) norm += q[r * dim + t] ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-10 || attempt > 3) {
        for (let t = 0; t < dim; t++) q[r * dim + t] /= norm || 1;
        break;
      }
      // Degenerate start (e.g. rank-deficient data): retry from a random direction.
      for (let t = 0; t < dim; t++) q[r * dim + t] = rng() - 0.5;
    }
  }
}

/**
 * Top `components` principal directions of points [n][dim] (components ≤ dim). `warmStart`
 * ([≤ components][dim] rows, e.g. the previous frame's basis) makes the iteration start near the
 * answer. Signs are as the iteration leaves them; callers that need a convention apply one.
 */
export function pca(points: ArrayLike<number>, dim: number, components: number, warmStart?: Float64Array): PcaResult {
  if (components > dim) throw new RangeError(`cannot take ${components} components of ${dim}-D points`);
  const { mean, cov } = covariance(points, dim);
  // Two extra vectors: convergence then goes as λ_{k+3}/λ_k instead of λ_{k+1}/λ_k.
  const p = Math.min(dim, components + 2);
  const rng = seedrandom('pca-start');
  const q = new Float64Array(p * dim);
  for (let i = 0; i < q.length; i++) q[i] = rng() - 0.5;
  if (warmStart && warmStart.length % dim === 0) q.set(warmStart.subarray(0, Math.min(warmStart.length, p * dim)));
  orthonormaliseRows(q, p, dim, rng);

  const z = new Float64Array(p * dim);
  const small = new Float64Array(p * p);
  let ritz = new Float64Array(p);
  const previous = new Float64Array(components * dim);
  for (let iter = 0; iter < 1000; iter++) {
    // z = q · C (C symmetric, so each row is C times that row)
    z.fill(0);
    for (let r = 0; r < p; r++) {
      for (let a = 0; a < dim; a++) {
        const qa = q[r * dim + a];
        if (qa === 0) continue;
        for (let b = 0; b < dim; b++) z[r * dim + b] += qa * cov[a * dim + b];
      }
    }
    // Rayleigh–Ritz: diagonalise qCqᵀ inside the span and rotate q to its eigenvectors.
    for (let r = 0; r < p; r++) {
      for (let s = 0; s < p; s++) {
        let dot = 0;
        for (let t = 0; t < dim; t++) dot += q[r * dim + t] * z[s * dim + t];
        small[r * p + s] = dot;
      }
    }
    for (let r = 0; r < p; r++) for (let s = r + 1; s < p; s++) small[r * p + s] = small[s * p + r] = (small[r * p + s] + small[s * p + r]) / 2;
    const { values, vectors } = jacobiEigen(small, p);
    const order = Array.from({ length: p }, (_, i) => i).sort((x, y) => values[y] - values[x]);
    ritz = Float64Array.from(order, (i) => values[i]);
    // Next iterate: rows of z rotated to the Ritz vectors (this is C applied to the Ritz vectors).
    const next = new Float64Array(p * dim);
    const ritzVectors = new Float64Array(p * dim);
    order.forEach((src, r) => {
      for (let s = 0; s < p; s++) {
        const w = vectors[src * p + s];
        for (let t = 0; t < dim; t++) {
          next[r * dim + t] += w * z[s * dim + t];
          ritzVectors[r * dim + t] += w * q[s * dim + t];
        }
      }
    });
    let converged = iter > 0;
    for (let r = 0; r < components && converged; r++) {
      let dot = 0;
      for (let t = 0; t < dim; t++) dot += ritzVectors[r * dim + t] * previous[r * dim + t];
      converged = 1 - Math.abs(dot) < 1e-15;
    }
    previous.set(ritzVectors.subarray(0, components * dim));
    if (converged || p === dim) {
      // p = dim: the span is the whole space, so the Ritz vectors are already exact.
      return { basis: previous, variances: ritz.slice(0, components), mean };
    }
    q.set(next);
    orthonormaliseRows(q, p, dim, rng);
  }
  return { basis: previous, variances: ritz.slice(0, components), mean };
}

/**
 * The orthogonal 2×2 matrix R minimising ‖A·R − B‖ for [n][2] point sets A, B (orthogonal
 * Procrustes), row-major [r00, r01, r10, r11]. Closed form: with M = AᵀB, the best rotation has
 * angle atan2(M10 − M01, M00 + M11), the best reflection atan2(M01 + M10, M00 − M11); the larger
 * of their scores wins.
 */
export function procrustes2(m00: number, m01: number, m10: number, m11: number): [number, number, number, number] {
  const rotScore = Math.hypot(m00 + m11, m10 - m01);
  const refScore = Math.hypot(m00 - m11, m01 + m10);
  if (rotScore >= refScore) {
    const th = Math.atan2(m10 - m01, m00 + m11);
    const c = Math.cos(th), s = Math.sin(th);
    return [c, -s, s, c];
  }
  const th = Math.atan2(m01 + m10, m00 - m11);
  const c = Math.cos(th), s = Math.sin(th);
  return [c, s, s, -c];
}

/**
 * Stateful projector for an animation: call {@link project} once per frame with the new embedding.
 * - pca, dim = components: identity (the plot shows the embedding itself: no centring, no flips).
 * - pca, dim > components: centred PCA, aligned to the previous frame; in 2-D, an orthogonal
 *   Procrustes fit of the projected points onto the previous frame's (when the point count matches,
 *   else onto the previous basis), so the picture neither mirrors nor spins between frames.
 * - axes: columns i, j (k) of the embedding, unchanged.
 * {@link projectExtra} maps overlay points (class centers, weight vectors) with the same mean and basis.
 */
export class AlignedProjector {
  private readonly components: 2 | 3;
  private readonly warmStart: boolean;
  private dim = -1;
  private mean: Float64Array | null = null;
  private rows: Float64Array | null = null;
  private lastOutput: Float32Array | null = null;

  constructor(private readonly mode: ProjectionMode, options: ProjectorOptions = {}) {
    this.components = options.components ?? 2;
    this.warmStart = options.warmStart ?? true;
    if (mode.kind === 'axes') {
      const axes = this.axes();
      if (axes.some((a) => !Number.isInteger(a) || a < 0)) throw new RangeError(`axes must be non-negative integers, got ${axes}`);
    }
  }

  private axes(): number[] {
    if (this.mode.kind !== 'axes') return [];
    const { i, j, k } = this.mode;
    if (this.components === 3) {
      if (k === undefined) throw new RangeError('a 3-D axes projection needs a third axis k');
      return [i, j, k];
    }
    return [i, j];
  }

  /** Forgets the previous frame (e.g. a new run): the next frame is not aligned to anything. */
  reset(): void {
    this.dim = -1;
    this.mean = this.rows = this.lastOutput = null;
  }

  /** Projects one frame [n][dim] to [n][components] and remembers it for aligning the next. */
  project(points: Float32Array, dim: number): Float32Array {
    if (!Number.isInteger(dim) || dim < 1 || points.length % dim !== 0) {
      throw new RangeError(`points.length ${points.length} is not a multiple of dim ${dim}`);
    }
    const k = this.components;
    if (dim !== this.dim) this.reset();
    const previousRows = this.rows;
    this.dim = dim;
    this.mean = new Float64Array(dim);
    if (this.mode.kind === 'axes') {
      this.rows = this.unitRows(this.axes(), dim);
    } else if (dim <= k) {
      this.rows = this.unitRows(Array.from({ length: k }, (_, c) => c), dim);
    } else {
      const result = pca(points, dim, k, (this.warmStart && previousRows) || undefined);
      this.mean = result.mean;
      this.rows = result.basis;
      this.alignSigns(previousRows);
      if (k === 2 && previousRows) this.alignPlane(this.apply(points, dim), previousRows);
    }
    const out = this.apply(points, dim);
    this.lastOutput = out;
    return out.slice();
  }

  /** Projects overlay points [m][dim] with the current frame's mean and basis. */
  projectExtra(points: Float32Array, dim: number): Float32Array {
    if (!this.rows && this.mode.kind === 'axes') {
      // Fixed axes need no frame: overlays may be drawn before the first snapshot arrives.
      this.rows = this.unitRows(this.axes(), dim);
      this.mean = new Float64Array(dim);
      this.dim = dim;
    }
    if (!this.rows) throw new Error('projectExtra before the first project(): no basis yet');
    if (dim !== this.dim) throw new RangeError(`overlay is ${dim}-D, the frame is ${this.dim}-D`);
    return this.apply(points, dim);
  }

  /** Row-major [components][dim]: the unit directions the plot's axes show. */
  basis(): Float32Array {
    if (!this.rows) throw new Error('no basis before the first project()');
    return Float32Array.from(this.rows);
  }

  /** The point subtracted before projecting ([dim]; zeros for identity and axes). */
  center(): Float32Array {
    if (!this.mean) throw new Error('no center before the first project()');
    return Float32Array.from(this.mean);
  }

  /** Rows e_a for each axis a; an axis ≥ dim gives a zero row (a 1-D embedding plots on a line). */
  private unitRows(axes: number[], dim: number): Float64Array {
    if (this.mode.kind === 'axes') {
      for (const a of axes) if (a >= dim) throw new RangeError(`axis ${a} does not exist in a ${dim}-D embedding`);
    }
    const rows = new Float64Array(axes.length * dim);
    axes.forEach((a, r) => { if (a < dim) rows[r * dim + a] = 1; });
    return rows;
  }

  private apply(points: ArrayLike<number>, dim: number): Float32Array {
    const rows = this.rows as Float64Array; // set by every caller before apply
    const mean = this.mean as Float64Array;
    const k = this.components;
    const n = points.length / dim;
    const out = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let t = 0; t < dim; t++) s += (points[i * dim + t] - mean[t]) * rows[c * dim + t];
        out[i * k + c] = s;
      }
    }
    return out;
  }

  /**
   * Each direction's sign: toward the previous frame's direction, or on the first frame so that its
   * largest-magnitude entry is positive (as scikit-learn's svd_flip), so a fresh start is reproducible.
   */
  private alignSigns(previousRows: Float64Array | null): void {
    const rows = this.rows as Float64Array;
    const dim = this.dim;
    for (let c = 0; c < this.components; c++) {
      let ref = 0;
      if (previousRows) {
        for (let t = 0; t < dim; t++) ref += rows[c * dim + t] * previousRows[c * dim + t];
      } else {
        let best = 0;
        for (let t = 0; t < dim; t++) if (Math.abs(rows[c * dim + t]) > Math.abs(best)) best = rows[c * dim + t];
        ref = best;
      }
      if (ref < 0) for (let t = 0; t < dim; t++) rows[c * dim + t] = -rows[c * dim + t];
    }
  }

  /**
   * 2-D: rotate (or reflect) inside the PCA plane to best match the previous frame: onto its projected
   * points when the same points are shown, else onto its basis. The basis is rotated with the points so
   * that projectExtra and basis() stay consistent with what is drawn.
   */
  private alignPlane(projected: Float32Array, previousRows: Float64Array): void {
    const rows = this.rows as Float64Array;
    const dim = this.dim;
    let m00 = 0, m01 = 0, m10 = 0, m11 = 0;
    const prev = this.lastOutput;
    if (prev && prev.length === projected.length) {
      for (let i = 0; i < projected.length; i += 2) {
        const a0 = projected[i], a1 = projected[i + 1], b0 = prev[i], b1 = prev[i + 1];
        m00 += a0 * b0; m01 += a0 * b1; m10 += a1 * b0; m11 += a1 * b1;
      }
    } else {
      // Same fit with the basis rows as the "points": M = B_new · B_prevᵀ.
      for (let t = 0; t < dim; t++) {
        const a0 = rows[t], a1 = rows[dim + t], b0 = previousRows[t], b1 = previousRows[dim + t];
        m00 += a0 * b0; m01 += a0 * b1; m10 += a1 * b0; m11 += a1 * b1;
      }
    }
    const [r00, r01, r10, r11] = procrustes2(m00, m01, m10, m11);
    // Projected points y·R; the basis rows transform as Rᵀ·B so that (x − μ)·(Rᵀ B)ᵀ = y·R.
    const rotated = new Float64Array(2 * dim);
    for (let t = 0; t < dim; t++) {
      rotated[t] = r00 * rows[t] + r10 * rows[dim + t];
      rotated[dim + t] = r01 * rows[t] + r11 * rows[dim + t];
    }
    this.rows = rotated;
  }
}
