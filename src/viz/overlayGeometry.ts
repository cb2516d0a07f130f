/** Where overlay marks go, in data units, for the 2-D plot and the 3-D view (pure, tested in Node). */

/** Euclidean norm of row i of a row-major [n][dim] array. */
function rowNorm(points: Float32Array, i: number, dim: number): number {
  let s = 0;
  for (let k = 0; k < dim; k++) s += points[dim * i + k] ** 2;
  return Math.sqrt(s);
}

/**
 * Radius of "the edge of the data" around the origin: a high quantile of ‖p‖ rather than the maximum,
 * so one stray point does not push the weight diamonds far away from the classes they point at.
 */
export function dataRadius(points: Float32Array, quantile = 0.98, dim = 2): number {
  const n = Math.floor(points.length / dim);
  const r = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = rowNorm(points, i, dim);
    if (Number.isFinite(v)) r[m++] = v;
  }
  if (m === 0) return 1;
  const sorted = r.subarray(0, m).sort();
  const q = sorted[Math.min(m - 1, Math.max(0, Math.round(quantile * (m - 1))))];
  return q > 0 ? q : 1;
}

/**
 * Classifier weight directions → marker positions: each w_c scaled to unit length and then to `radius`.
 * A near-zero weight has no direction; it stays at the origin rather than becoming NaN.
 * Heated-up softmax passes radius 0.9 (the original paper draws 0.9·ŵ_c inside the unit circle);
 * other losses pass the data radius so the diamonds sit at the rim of the cloud.
 */
export function placeWeightMarkers(weights: Float32Array, radius: number, dim = 2): Float32Array {
  const n = Math.floor(weights.length / dim);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const norm = rowNorm(weights, i, dim);
    if (!(norm > 1e-12) || !Number.isFinite(norm)) continue;
    for (let k = 0; k < dim; k++) out[dim * i + k] = (weights[dim * i + k] / norm) * radius;
  }
  return out;
}

/**
 * Positions of the overlay marks for a snapshot, in data units ([m][dim]): weights become directions
 * at the rim (0.9 inside the unit circle or sphere), centers and vertices stay where they are.
 */
export function overlayPositions(
  overlay: { kind: 'weights' | 'centers' | 'vertices'; points: Float32Array },
  points: Float32Array,
  unitCircle: boolean,
  dim = 2,
): Float32Array {
  if (overlay.kind !== 'weights') return overlay.points;
  const radius = unitCircle ? 0.9 : dataRadius(points, 0.98, dim) * 1.08;
  return placeWeightMarkers(overlay.points, radius, dim);
}

/** The unit circle as a closed polyline (drawn through the zoomed scales, so it stays exact). */
export function circlePoints(segments = 128, radius = 1): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i <= segments; i++) {
    const a = (2 * Math.PI * i) / segments;
    pts.push([radius * Math.cos(a), radius * Math.sin(a)]);
  }
  return pts;
}
