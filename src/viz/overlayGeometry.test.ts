import { describe, expect, it } from 'vitest';
import { circlePoints, dataRadius, overlayPositions, placeWeightMarkers } from './overlayGeometry';

describe('placeWeightMarkers', () => {
  it('puts each weight direction at the given radius', () => {
    const out = placeWeightMarkers(new Float32Array([3, 4, 0, -0.001]), 2);
    expect(out[0]).toBeCloseTo(1.2);
    expect(out[1]).toBeCloseTo(1.6);
    expect(out[2]).toBeCloseTo(0);
    expect(out[3]).toBeCloseTo(-2);
  });
  it('leaves a zero or non-finite weight at the origin instead of NaN', () => {
    expect(Array.from(placeWeightMarkers(new Float32Array([0, 0, NaN, 1]), 5))).toEqual([0, 0, 0, 0]);
  });
});

describe('dataRadius', () => {
  it('ignores a few far outliers', () => {
    const pts = new Float32Array(2 * 1000);
    for (let i = 0; i < 1000; i++) pts[2 * i] = 1 + (i % 10) / 100;
    pts[0] = 1000;
    expect(dataRadius(pts)).toBeCloseTo(1.09, 5);
  });
  it('falls back to 1 without finite points', () => {
    expect(dataRadius(new Float32Array([NaN, NaN]))).toBe(1);
    expect(dataRadius(new Float32Array(0))).toBe(1);
  });
});

describe('overlayPositions', () => {
  const w = new Float32Array([10, 0, 0, 10]);
  it('draws heated-softmax weights at 0.9 on the unit circle (as the paper)', () => {
    expect(Array.from(overlayPositions({ kind: 'weights', points: w }, new Float32Array([1, 0]), true))).toEqual([
      expect.closeTo(0.9, 6),
      0,
      0,
      expect.closeTo(0.9, 6),
    ]);
  });
  it('puts other weights just beyond the data edge', () => {
    const pts = new Float32Array([3, 0, 0, 3, -3, 0]);
    const p = overlayPositions({ kind: 'weights', points: w }, pts, false);
    expect(p[0]).toBeCloseTo(3 * 1.08, 5);
  });
  it('passes centers and vertices through unchanged', () => {
    const c = new Float32Array([5, 6]);
    expect(overlayPositions({ kind: 'centers', points: c }, new Float32Array(0), false)).toBe(c);
  });
});

it('circlePoints closes the circle', () => {
  const pts = circlePoints(8);
  expect(pts).toHaveLength(9);
  expect(pts[8][0]).toBeCloseTo(1);
  expect(pts[8][1]).toBeCloseTo(0);
});
