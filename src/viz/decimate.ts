/** Line-chart data reduction (pure, tested in Node). */

/**
 * Min–max decimation: splits [x0, x1] into `buckets` equal x-ranges and keeps, per bucket, the first,
 * the lowest, the highest and the last point, in x order. A loss curve of thousands of noisy points
 * then draws with a few per pixel column and still shows every spike, which plain striding would drop.
 * `xs` must be non-decreasing (steps). Returns new arrays; input shorter than 4·buckets is copied as is.
 */
export function decimateMinMax(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  length: number,
  buckets: number,
): { xs: Float64Array; ys: Float64Array } {
  const n = Math.min(length, xs.length, ys.length);
  if (n <= buckets * 4 || buckets < 1) {
    return { xs: Float64Array.from({ length: n }, (_, i) => xs[i]), ys: Float64Array.from({ length: n }, (_, i) => ys[i]) };
  }
  const x0 = xs[0];
  const span = xs[n - 1] - x0 || 1;
  const outX: number[] = [];
  const outY: number[] = [];
  let i = 0;
  for (let b = 0; b < buckets && i < n; b++) {
    const end = b === buckets - 1 ? Infinity : x0 + (span * (b + 1)) / buckets;
    const first = i;
    let lo = i;
    let hi = i;
    while (i < n && xs[i] < end) {
      if (ys[i] < ys[lo]) lo = i;
      if (ys[i] > ys[hi]) hi = i;
      i++;
    }
    if (i === first) continue;
    const last = i - 1;
    // indices in x order, without repeats, so the path never doubles back within a bucket
    const keep = [first, lo, hi, last].sort((a, c) => a - c);
    for (let k = 0; k < keep.length; k++) {
      if (k > 0 && keep[k] === keep[k - 1]) continue;
      outX.push(xs[keep[k]]);
      outY.push(ys[keep[k]]);
    }
  }
  return { xs: Float64Array.from(outX), ys: Float64Array.from(outY) };
}

/**
 * TensorBoard-style debiased exponential moving average (weight `smoothing` ∈ [0, 1)); non-finite
 * values are passed through as NaN and do not poison the average.
 */
export function smoothEma(ys: ArrayLike<number>, length: number, smoothing: number): Float64Array {
  const n = Math.min(length, ys.length);
  const out = new Float64Array(n);
  let acc = 0;
  let weight = 0;
  for (let i = 0; i < n; i++) {
    const y = ys[i];
    if (!Number.isFinite(y)) {
      out[i] = NaN;
      continue;
    }
    acc = acc * smoothing + (1 - smoothing) * y;
    weight = weight * smoothing + (1 - smoothing);
    out[i] = acc / weight;
  }
  return out;
}
