/** Storage for one line-chart series: growable typed arrays, so appending at 10 Hz allocates rarely. */
export class SeriesData {
  xs: Float64Array;
  ys: Float64Array;
  length = 0;

  constructor(capacity = 256) {
    this.xs = new Float64Array(capacity);
    this.ys = new Float64Array(capacity);
  }

  push(x: number, y: number): void {
    if (this.length === this.xs.length) {
      const grow = (a: Float64Array): Float64Array => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.xs = grow(this.xs);
      this.ys = grow(this.ys);
    }
    this.xs[this.length] = x;
    this.ys[this.length] = y;
    this.length += 1;
  }

  clear(): void {
    this.length = 0;
  }
}

/**
 * Extent of the finite values (positive only, for a log axis) of several arrays, or null if none.
 * Used for the y domain, where NaN losses from a diverged run must not break the scale.
 */
export function finiteExtent(
  parts: { values: ArrayLike<number>; length: number }[],
  positiveOnly = false,
): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of parts) {
    const n = Math.min(p.length, p.values.length);
    for (let i = 0; i < n; i++) {
      const v = p.values[i];
      if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * Which marker labels to print: walking right to left (the newest change matters most), a label is
 * kept only if it is at least `minGapPx` from the last kept one, so labels never overprint. Returns,
 * per marker, how many markers its label stands for (0 = not labelled), so a label can say "+2 more".
 */
export function labelledMarkers(positionsPx: number[], minGapPx: number): number[] {
  const counts = positionsPx.map(() => 0);
  const idx = positionsPx.map((_, i) => i).sort((a, b) => positionsPx[b] - positionsPx[a] || b - a);
  let kept = -1;
  for (const i of idx) {
    if (kept < 0 || positionsPx[kept] - positionsPx[i] >= minGapPx) {
      kept = i;
      counts[i] = 1;
    } else {
      counts[kept] += 1;
    }
  }
  return counts;
}
