import { describe, expect, it } from 'vitest';
import { reference } from './__fixtures__/reference';
import { accuracy, confusionMatrix, perClassAccuracy } from './accuracy';

describe('accuracy', () => {
  // labels [0,1,2,2], predictions [0,1,1,2]: 3 of 4 right; class 2 has one of its two right.
  const labels = [0, 1, 2, 2];
  const predictions = [0, 1, 1, 2];

  it('counts matches', () => {
    expect(accuracy(predictions, labels)).toBe(0.75);
    expect(accuracy([], [])).toBeNaN();
  });

  it('builds the confusion matrix with rows = true class', () => {
    expect(confusionMatrix(predictions, labels, 3)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 1],
    ]);
  });

  it('gives per-class accuracy, NaN for an empty class', () => {
    const pc = perClassAccuracy(confusionMatrix(predictions, labels, 4));
    expect(pc.slice(0, 3)).toEqual([1, 1, 0.5]);
    expect(pc[3]).toBeNaN();
  });

  it('throws on out-of-range classes and length mismatches', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/prediction 3/);
    expect(() => confusionMatrix([0, 1], [0, -1], 3)).toThrow(/label -1/);
    expect(() => accuracy([0], [0, 1])).toThrow(RangeError);
  });

  it('matches the numpy reference', () => {
    for (const c of reference.metrics) {
      expect(accuracy(c.predictions, c.labels)).toBeCloseTo(c.accuracy, 12);
      const m = confusionMatrix(Uint8Array.from(c.predictions), Uint8Array.from(c.labels), c.classes);
      expect(m).toEqual(c.confusion);
      perClassAccuracy(m).forEach((v, k) => {
        const want = c.perClass[k];
        if (want === null) expect(v).toBeNaN();
        else expect(Math.abs(v - want)).toBeLessThan(1e-12);
      });
    }
  });
});
