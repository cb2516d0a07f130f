import { describe, expect, it } from 'vitest';
import { finiteExtent, labelledMarkers, SeriesData } from './lineSeries';

it('SeriesData grows past its capacity and clears', () => {
  const s = new SeriesData(2);
  for (let i = 0; i < 5; i++) s.push(i, i * i);
  expect(s.length).toBe(5);
  expect(Array.from(s.ys.subarray(0, 5))).toEqual([0, 1, 4, 9, 16]);
  s.clear();
  expect(s.length).toBe(0);
});

describe('finiteExtent', () => {
  it('skips NaN and, for log axes, non-positive values', () => {
    const parts = [{ values: [NaN, -1, 0, 2, 5], length: 5 }];
    expect(finiteExtent(parts)).toEqual([-1, 5]);
    expect(finiteExtent(parts, true)).toEqual([2, 5]);
    expect(finiteExtent([{ values: [NaN], length: 1 }])).toBeNull();
  });
});

describe('labelledMarkers', () => {
  it('labels the newest of markers that would overprint and counts the others', () => {
    expect(labelledMarkers([10, 100, 105, 300], 12)).toEqual([1, 0, 2, 1]);
  });
  it('labels everything when far apart', () => {
    expect(labelledMarkers([0, 50, 100], 12)).toEqual([1, 1, 1]);
  });
});
