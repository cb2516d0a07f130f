/** Integer class labels, one per sample (Uint8Array from the datasets, number[] in tests). */
export type Labels = ArrayLike<number>;

/** Throws unless every label is an integer in [0, classes). Fails loudly: a bad label is a bug upstream. */
export function checkLabels(labels: Labels, classes: number, what = 'label'): void {
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`classes must be a positive integer, got ${classes}`);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= classes) {
      throw new RangeError(`${what} ${y} at index ${i} is not in [0, ${classes})`);
    }
  }
}

/** R_i = number of *other* samples sharing sample i's label (MAP@R's R; 0 marks a lone query). */
export function sameLabelCounts(labels: Labels): Int32Array {
  const counts = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  const r = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) r[i] = (counts.get(labels[i]) ?? 1) - 1;
  return r;
}
