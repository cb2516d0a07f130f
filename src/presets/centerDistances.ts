/**
 * The heat map of the nirvana-dam preset: Euclidean distances between the class means of the shown
 * test points in the plotted feature, held-out (unknown) classes included, so one sees whether the
 * unknown digits fall between the known centers or onto one of them.
 */

/** classes × classes distances between class means; NaN in the rows and columns of classes without points. */
export function classCenterDistances(points: Float32Array, dim: number, labels: ArrayLike<number>, classes: number): number[][] {
  const n = Math.min(labels.length, Math.floor(points.length / dim));
  const sums = Array.from({ length: classes }, () => new Float64Array(dim));
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (c < 0 || c >= classes) continue;
    counts[c]++;
    for (let k = 0; k < dim; k++) sums[c][k] += points[i * dim + k];
  }
  const means = sums.map((s, c) => (counts[c] ? Array.from(s, (v) => v / counts[c]) : null));
  return means.map((a) => means.map((b) => {
    if (!a || !b) return NaN;
    let d = 0;
    for (let k = 0; k < dim; k++) d += (a[k] - b[k]) ** 2;
    return Math.sqrt(d);
  }));
}
