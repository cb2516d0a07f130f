import { describe, expect, it } from 'vitest';
import { reference } from './__fixtures__/reference';
import { auroc, knownMask, openSetSplit, unknownMask } from './auroc';

describe('auroc', () => {
  it('gives scikit-learn documentation example 0.75', () => {
    // roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75: of 4 (pos, neg) pairs, 0.35 < 0.4 loses once.
    expect(auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it('counts a positive–negative tie as one half', () => {
    // pairs: (pos 1, neg 1) tie → ½, (pos 2, neg 1) → 1; (½ + 1) / 2 = 0.75
    expect(auroc([1, 1, 2], [1, 0, 1])).toBe(0.75);
    expect(auroc([3, 3, 3, 3], [1, 0, 1, 0])).toBe(0.5);
  });

  it('is 1 for perfect, 0 for inverted separation, with booleans as flags', () => {
    expect(auroc([0, 1, 2, 3], [false, false, true, true])).toBe(1);
    expect(auroc([3, 2, 1, 0], [false, false, true, true])).toBe(0);
    expect(auroc([-Infinity, 0, Infinity], [0, 1, 1])).toBe(1);
  });

  it('is null without both classes and NaN for a NaN score', () => {
    expect(auroc([1, 2], [1, 1])).toBeNull();
    expect(auroc([1, 2], [0, 0])).toBeNull();
    expect(auroc([1, NaN], [0, 1])).toBeNaN();
  });

  it('matches the numpy pair-counting reference (scores with ties)', () => {
    for (const c of reference.metrics) {
      expect(Math.abs((auroc(c.unknownScores, c.unknownMask) ?? NaN) - c.auroc)).toBeLessThan(1e-12);
    }
  });
});

describe('open-set split', () => {
  it('splits classes and masks samples', () => {
    const split = openSetSplit(5, [4, 1, 4]);
    expect(split).toEqual({ known: [0, 2, 3], unknown: [1, 4] });
    const labels = Uint8Array.of(0, 1, 2, 4, 1, 3);
    expect(Array.from(unknownMask(labels, split))).toEqual([0, 1, 0, 1, 1, 0]);
    expect(Array.from(knownMask(labels, split))).toEqual([1, 0, 1, 0, 0, 1]);
  });

  it('rejects bad class ids and splits with no known class', () => {
    expect(() => openSetSplit(3, [3])).toThrow(RangeError);
    expect(() => openSetSplit(2, [0, 1])).toThrow(/at least one known/);
  });
});
