import type { Labels } from './labels';

/**
 * Area under the ROC curve of `scores` for telling positives (`isPositive[i]` truthy; here: samples of
 * an unknown class, with larger score = more unknown) from negatives (known classes).
 * Computed as the Mann–Whitney U statistic with average ranks for ties, so a tie between a positive
 * and a negative counts one half — the same value as scikit-learn's roc_auc_score.
 * Null when either class is empty (the curve is undefined; sklearn raises); NaN if a score is NaN.
 */
export function auroc(scores: ArrayLike<number>, isPositive: ArrayLike<number | boolean>): number | null {
  const n = scores.length;
  if (isPositive.length !== n) throw new RangeError(`${n} scores for ${isPositive.length} flags`);
  // A diverged model gives NaN scores; report "undefined" instead of a meaningless rank.
  for (let i = 0; i < n; i++) if (Number.isNaN(scores[i])) return Number.NaN;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Compare, not subtract: Infinity − Infinity is NaN and would break the sort.
  order.sort((a, b) => (scores[a] < scores[b] ? -1 : scores[a] > scores[b] ? 1 : 0));
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && scores[order[end]] === scores[order[start]]) end++;
    // Ranks start..end-1 (0-based) share their average: ((start + 1) + end) / 2 in 1-based ranks.
    const rank = (start + 1 + end) / 2;
    for (let t = start; t < end; t++) {
      if (isPositive[order[t]]) { positives++; positiveRankSum += rank; }
    }
    start = end;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  const u = positiveRankSum - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}

/** Known and unknown class ids of an open-set split, validated against the number of classes. */
export interface OpenSetSplit {
  known: number[];
  unknown: number[];
}

export function openSetSplit(classes: number, unknownClasses: readonly number[]): OpenSetSplit {
  const unknown = new Set<number>();
  for (const c of unknownClasses) {
    if (!Number.isInteger(c) || c < 0 || c >= classes) throw new RangeError(`unknown class ${c} is not in [0, ${classes})`);
    unknown.add(c);
  }
  if (unknown.size >= classes) throw new RangeError('an open-set split needs at least one known class');
  const known: number[] = [];
  for (let c = 0; c < classes; c++) if (!unknown.has(c)) known.push(c);
  return { known, unknown: [...unknown].sort((a, b) => a - b) };
}

/** 1 where the sample's class is held out as unknown, else 0. */
export function unknownMask(labels: Labels, split: OpenSetSplit): Uint8Array {
  const held = new Set(split.unknown);
  const mask = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) mask[i] = held.has(labels[i]) ? 1 : 0;
  return mask;
}

/** The complement of {@link unknownMask}: 1 for samples of a known class. */
export function knownMask(labels: Labels, split: OpenSetSplit): Uint8Array {
  const mask = unknownMask(labels, split);
  for (let i = 0; i < mask.length; i++) mask[i] ^= 1;
  return mask;
}
