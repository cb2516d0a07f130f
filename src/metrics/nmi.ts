import type { PointArray } from './distance';
import { pointCount } from './distance';
import { kmeans } from './kmeans';
import type { Labels } from './labels';

/** Shannon entropy (natural log) of a distribution given as counts summing to n. */
function entropy(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/**
 * Normalised mutual information with arithmetic normalisation, as scikit-learn's default
 * normalized_mutual_info_score: MI / ((H(U) + H(V)) / 2), natural log, computed from the contingency
 * table. Label values are arbitrary ids (only equality matters). As sklearn: 1 when both labelings
 * put everything in one cluster (no split is a perfect match), 0 when MI is 0 otherwise.
 */
export function normalizedMutualInformation(a: Labels, b: Labels): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`labelings differ in length: ${n} vs ${b.length}`);
  const countA = new Map<number, number>();
  const countB = new Map<number, number>();
  const joint = new Map<string, { a: number; b: number; count: number }>();
  for (let i = 0; i < n; i++) {
    countA.set(a[i], (countA.get(a[i]) ?? 0) + 1);
    countB.set(b[i], (countB.get(b[i]) ?? 0) + 1);
    const key = `${a[i]},${b[i]}`;
    const cell = joint.get(key);
    if (cell) cell.count++;
    else joint.set(key, { a: a[i], b: b[i], count: 1 });
  }
  if (countA.size === countB.size && countA.size <= 1) return 1;
  let mi = 0;
  for (const { a: u, b: v, count } of joint.values()) {
    // n_uv/n · log(n · n_uv / (n_u · n_v)), the contingency-table form of MI.
    mi += (count / n) * Math.log((n * count) / ((countA.get(u) ?? 0) * (countB.get(v) ?? 0)));
  }
  mi = Math.max(mi, 0); // rounding can leave −1e-17 for independent labelings; sklearn clips too
  if (mi === 0) return 0;
  const mean = (entropy(countA.values(), n) + entropy(countB.values(), n)) / 2;
  return mi / Math.max(mean, Number.EPSILON);
}

/**
 * NMI between the labels and a k-means clustering of the embedding with k = `classes`
 * (k-means++ seeded by `seed`, so the number is reproducible from a run's config).
 */
export function nmiOfEmbedding(points: PointArray, dim: number, labels: Labels, classes: number, seed: number | string): number {
  const n = pointCount(points, dim);
  if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} points`);
  if (n === 0) return Number.NaN;
  const { assignments } = kmeans(points, dim, Math.min(classes, n), { seed });
  return normalizedMutualInformation(labels, assignments);
}
