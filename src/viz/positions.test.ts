import { describe, expect, it } from 'vitest';
import { lerpInto, positionChecksum, shuffledOrder } from './positions';

describe('positionChecksum', () => {
  it('sums |x| + |y| rounded to 4 decimals, skipping non-finite values', () => {
    expect(positionChecksum(new Float32Array([1, -2, 0.5, NaN]))).toBe(3.5);
    expect(positionChecksum(new Float32Array([0.123456, 0]))).toBe(0.1235);
  });
  it('changes when points move', () => {
    expect(positionChecksum(new Float32Array([1, 1]))).not.toBe(positionChecksum(new Float32Array([1, 1.01])));
  });
});

it('lerpInto writes the interpolation into the output buffer', () => {
  const out = new Float32Array(2);
  expect(Array.from(lerpInto(out, new Float32Array([0, 10]), new Float32Array([2, 20]), 0.25))).toEqual([0.5, 12.5]);
});

describe('shuffledOrder', () => {
  it('is a permutation, deterministic for a seed', () => {
    const a = shuffledOrder(1000);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(shuffledOrder(1000))).toEqual(Array.from(a));
    expect(Array.from(a.subarray(0, 20))).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
  it('handles tiny sizes', () => {
    expect(Array.from(shuffledOrder(0))).toEqual([]);
    expect(Array.from(shuffledOrder(1))).toEqual([0]);
  });
});
