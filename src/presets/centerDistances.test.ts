import { describe, expect, it } from 'vitest';
import { classCenterDistances } from './centerDistances';

describe('classCenterDistances', () => {
  it('measures between class means, symmetric with a zero diagonal', () => {
    // class 0 around (0, 0), class 1 around (3, 4), class 2 at (0, 1)
    const points = new Float32Array([-1, 0, 1, 0, 3, 3, 3, 5, 0, 1]);
    const d = classCenterDistances(points, 2, [0, 0, 1, 1, 2], 3);
    expect(d[0][1]).toBeCloseTo(5);
    expect(d[1][0]).toBeCloseTo(5);
    expect(d[0][2]).toBeCloseTo(1);
    expect(d[1][2]).toBeCloseTo(Math.hypot(3, 3));
    expect([d[0][0], d[1][1], d[2][2]]).toEqual([0, 0, 0]);
  });

  it('leaves classes without points as NaN and ignores labels out of range', () => {
    const d = classCenterDistances(new Float32Array([0, 0, 2, 0, 9, 9]), 2, [0, 1, 7], 3);
    expect(d[0][1]).toBeCloseTo(2);
    expect(d[2].every(Number.isNaN)).toBe(true);
    expect(d[0][2]).toBeNaN();
  });
});
