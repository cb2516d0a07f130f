/** Per-point position helpers for the embedding plot's animation (pure, tested in Node). */

/**
 * A number that changes when the drawn positions change: Σ |x| + |y| over finite values, rounded to 4
 * decimals. Tests read it from `data-checksum` to see that points moved between snapshots without
 * having to read pixels.
 */
export function positionChecksum(points: Float32Array): number {
  let s = 0;
  for (let i = 0; i < points.length; i++) {
    const v = points[i];
    if (Number.isFinite(v)) s += Math.abs(v);
  }
  return Math.round(s * 1e4) / 1e4;
}

/** out[i] = a[i] + (b[i] − a[i])·t, written into `out` so a 10 000-point frame allocates nothing. */
export function lerpInto(out: Float32Array, a: Float32Array, b: Float32Array, t: number): Float32Array {
  const n = Math.min(out.length, a.length, b.length);
  for (let i = 0; i < n; i++) out[i] = a[i] + (b[i] - a[i]) * t;
  return out;
}

let lastOrder: { n: number; seed: number; order: Uint32Array } | null = null;

/**
 * A fixed pseudo-random permutation of 0..n−1 (xorshift, Fisher–Yates). Drawing points in class order
 * would always put the last class on top and hide the others where they overlap; a shuffled but
 * stable order is fair and does not flicker between frames.
 */
export function shuffledOrder(n: number, seed = 0x9e3779b9): Uint32Array {
  // frames while training ask for the same order several times a second
  if (lastOrder && lastOrder.n === n && lastOrder.seed === seed) return lastOrder.order.slice();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    const j = s % (i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  lastOrder = { n, seed, order: order.slice() };
  return order;
}
