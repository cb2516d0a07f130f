import { checkLabels, type Labels } from './labels';

function checkSameLength(predictions: Labels, labels: Labels): void {
  if (predictions.length !== labels.length) {
    throw new RangeError(`${predictions.length} predictions for ${labels.length} labels`);
  }
}

/** Fraction of predictions equal to the label; NaN for no samples (undefined, not 0). */
export function accuracy(predictions: Labels, labels: Labels): number {
  checkSameLength(predictions, labels);
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) correct++;
  return correct / labels.length;
}

/** Counts [C][C]: confusion[true][predicted]. Out-of-range classes throw rather than vanish. */
export function confusionMatrix(predictions: Labels, labels: Labels, classes: number): number[][] {
  checkSameLength(predictions, labels);
  checkLabels(labels, classes);
  checkLabels(predictions, classes, 'prediction');
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) m[labels[i]][predictions[i]]++;
  return m;
}

/** Per true class: diagonal / row sum; NaN for a class with no samples (nothing to be right about). */
export function perClassAccuracy(confusion: number[][]): number[] {
  return confusion.map((row, c) => {
    const total = row.reduce((s, v) => s + v, 0);
    return row[c] / total;
  });
}
