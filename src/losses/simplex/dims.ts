// No TensorFlow here: the registry (and so the page's main thread) needs these limits without tfjs.

/** The smallest embedding the simplex loss accepts for C classes. */
export function simplexMinDim(classes: number): number {
  return Math.max(classes - 1, 1);
}

export function simplexDimError(classes: number, dim: number): string {
  return `the simplex loss needs an embedding of at least C−1 = ${simplexMinDim(classes)} dimensions for ${classes} classes (got ${dim})`;
}

