import { describe, expect, it } from 'vitest';
import { reference } from './__fixtures__/reference';
import { mapAtR } from './mapAtR';

describe('mapAtR', () => {
  it('matches the hand-computed 1-D example', () => {
    // Same data as recall.test.ts: x = 0 1 10 11 12, labels 0 1 0 1 1.
    //   q0: R=1, top-1 [1] wrong → 0          q1: R=2, top-2 [0,2] wrong → 0
    //   q2: R=1, top-1 [3] wrong → 0          q3: R=2, top-2 [2 ✗, 4 ✓] → (1/2)·P(2) = (1/2)(1/2) = 0.25
    //   q4: R=2, top-2 [3 ✓, 2 ✗] → (1/2)·P(1) = 0.5
    // MAP@R = 0.75 / 5 = 0.15. (Plain AP would give q3 0.5: MAP@R divides by R, not by the hits.)
    expect(mapAtR(Float32Array.of(0, 1, 10, 11, 12), 1, [0, 1, 0, 1, 1])).toBeCloseTo(0.15, 15);
  });

  it('skips lone queries and is 1 for perfectly separated classes', () => {
    expect(mapAtR(Float32Array.of(0, 1, 10, 11, 12, 100), 1, [0, 1, 0, 1, 1, 2])).toBeCloseTo(0.15, 15);
    expect(mapAtR(Float32Array.of(0, 0.1, 0.2, 50, 50.1, 50.2), 1, [1, 1, 1, 0, 0, 0])).toBe(1);
  });

  it('rewards the order of hits inside the first R', () => {
    // x = 0 1 2 30 31. All label 0 but 3,4 → every query's R nearest are all relevant → 1.
    expect(mapAtR(Float32Array.of(0, 1, 2, 30, 31), 1, [0, 0, 0, 1, 1])).toBe(1);
    // Labels 0 1 0 1 0:  q0 R=2 [1 ✗, 2 ✓] → 1/4   q1 R=1 [0 ✗ (tie with 2, lower index)] → 0
    //   q2 R=2 [1 ✗, 0 ✓] → 1/4   q3 R=1 [4 ✗] → 0   q4 R=2 [3 ✗, 2 ✓] → 1/4   mean 0.75 / 5 = 0.15
    expect(mapAtR(Float32Array.of(0, 1, 2, 30, 31), 1, [0, 1, 0, 1, 0])).toBeCloseTo(0.15, 15);
  });

  it('is NaN when every query is lone', () => {
    expect(mapAtR(Float32Array.of(0, 1, 2), 1, [0, 1, 2])).toBeNaN();
  });

  it('matches the numpy brute-force reference', () => {
    for (const c of reference.metrics) {
      expect(Math.abs(mapAtR(Float32Array.from(c.points), c.dim, c.labels) - c.mapAtR)).toBeLessThan(1e-9);
    }
  });
});
