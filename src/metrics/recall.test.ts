import { describe, expect, it } from 'vitest';
import { reference } from './__fixtures__/reference';
import { recallAtK } from './recall';

// 1-D points with labels:   x: 0   1   10  11  12
//                       label: 0   1   0   1   1
// Nearest-first lists (ties → lower index), first same-label rank:
//   q0: 1,2,3,4 → rank 2     q1: 0,2,3,4 → rank 3     q2: 3,4,1,0 → rank 4
//   q3: 2,4 (tie at 1; 2 first),0,1 → rank 2         q4: 3,2,1,0 → rank 1
// recall@1 = 1/5, @2 = 3/5 (q0,q3,q4), @4 = @8 = 5/5.
const x = Float32Array.of(0, 1, 10, 11, 12);
const y = [0, 1, 0, 1, 1];

describe('recallAtK', () => {
  it('matches the hand-computed 1-D example (tie-break decides @1)', () => {
    expect(recallAtK(x, 1, y)).toEqual({ 1: 0.2, 2: 0.6, 4: 1, 8: 1 });
  });

  it('skips a lone query (class with one sample)', () => {
    expect(recallAtK(Float32Array.of(...x, 100), 1, [...y, 2])).toEqual({ 1: 0.2, 2: 0.6, 4: 1, 8: 1 });
  });

  it('is 1 everywhere for perfectly separated classes', () => {
    const p = Float32Array.of(0, 0.1, 0.2, 50, 50.1, 50.2);
    expect(recallAtK(p, 1, [3, 3, 3, 7, 7, 7])).toEqual({ 1: 1, 2: 1, 4: 1, 8: 1 });
  });

  it('matches the numpy brute-force reference', () => {
    for (const c of reference.metrics) {
      const r = recallAtK(Float32Array.from(c.points), c.dim, Uint8Array.from(c.labels));
      for (const k of [1, 2, 4, 8] as const) expect(Math.abs(r[k] - c.recall[k])).toBeLessThan(1e-9);
    }
  });
});
