import { describe, expect, it } from 'vitest';
import { decimateMinMax, smoothEma } from './decimate';

describe('decimateMinMax', () => {
  it('returns short input unchanged', () => {
    const r = decimateMinMax([0, 1, 2], [5, 6, 7], 3, 10);
    expect(Array.from(r.xs)).toEqual([0, 1, 2]);
    expect(Array.from(r.ys)).toEqual([5, 6, 7]);
  });
  it('respects `length` (storage arrays are longer than their content)', () => {
    expect(decimateMinMax([0, 1, 2, 3], [1, 1, 1, 1], 2, 10).xs.length).toBe(2);
  });
  it('keeps every spike and at most 4 points per bucket, in x order', () => {
    const n = 10_000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const ys = xs.map((i) => Math.sin(i / 50));
    ys[4321] = 100;
    ys[8765] = -100;
    const r = decimateMinMax(xs, ys, n, 100);
    expect(r.xs.length).toBeLessThanOrEqual(400);
    expect(Array.from(r.ys)).toContain(100);
    expect(Array.from(r.ys)).toContain(-100);
    expect(r.xs[0]).toBe(0);
    expect(r.xs[r.xs.length - 1]).toBe(n - 1);
    for (let i = 1; i < r.xs.length; i++) expect(r.xs[i]).toBeGreaterThan(r.xs[i - 1]);
  });
});

describe('smoothEma', () => {
  it('is debiased (a constant stays constant) and skips NaN', () => {
    expect(Array.from(smoothEma([2, 2, 2], 3, 0.9))).toEqual([2, 2, 2].map((v) => expect.closeTo(v, 12)));
    const s = smoothEma([1, NaN, 1], 3, 0.5);
    expect(s[1]).toBeNaN();
    expect(s[2]).toBeCloseTo(1);
  });
  it('with weight 0 returns the input', () => {
    expect(Array.from(smoothEma([1, 5, 3], 3, 0))).toEqual([1, 5, 3]);
  });
});
