/** Where overlay marks go, in data units (pure, tested in Node). */

/**
 * Radius of "the edge of the data" around the origin: a high quantile of ‖p‖ rather than the maximum,
 * so one stray point does not push the weight diamonds far away from the classes they point at.
 */
export function dataRadius(points: Float32Array, quantile = 0.98): number {
  const n = Math.floor(points.length / 2);
  const r = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    const v = Math.hypot(x, y);
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
export function placeWeightMarkers(weights: Float32Array, radius: number): Float32Array {
  const out = new Float32Array(weights.length - (weights.length % 2));
  for (let i = 0; i + 1 < weights.length; i += 2) {
    const x = weights[i];
    const y = weights[i + 1];
    const norm = Math.hypot(x, y);
    if (!(norm > 1e-12) || !Number.isFinite(norm)) continue;
    out[i] = (x / norm) * radius;
    out[i + 1] = (y / norm) * radius;
  }
  return out;
}

/** Positions of the overlay marks for a snapshot, in data units. */
export function overlayPositions(
  overlay: { kind: 'weights' | 'centers' | 'vertices'; points: Float32Array },
  points: Float32Array,
  unitCircle: boolean,
): Float32Array {
  if (overlay.kind !== 'weights') return overlay.points;
  const radius = unitCircle ? 0.9 : dataRadius(points) * 1.08;
  return placeWeightMarkers(overlay.points, radius);
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
