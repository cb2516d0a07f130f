import { describe, expect, it } from 'vitest';
import { dataExtent, equalizeAspect, lerpDomain, padDomain, plotDomain, stickyDomain, type Domain2D } from './domain';

describe('dataExtent', () => {
  it('spans the points and the extra markers, ignoring non-finite values', () => {
    const pts = new Float32Array([0, 1, 2, -3, NaN, 100, Infinity, 0]);
    expect(dataExtent(pts, new Float32Array([-5, 0]))).toEqual([
      [-5, 2],
      [-3, 1],
    ]);
  });
  it('is null when nothing is finite', () => {
    expect(dataExtent(new Float32Array([NaN, NaN]))).toBeNull();
    expect(dataExtent(new Float32Array(0))).toBeNull();
  });
});

describe('padDomain', () => {
  it('pads both axes by a fraction of the larger span', () => {
    expect(padDomain([[0, 10], [0, 2]], 0.1)).toEqual([
      [-1, 11],
      [-1, 3],
    ]);
  });
  it('opens a collapsed axis so the scale stays invertible', () => {
    const [[x0, x1], [y0, y1]] = padDomain([[3, 3], [3, 3]], 0.05, 1e-3);
    expect(x1 - x0).toBeGreaterThan(0);
    expect(y1 - y0).toBeGreaterThan(0);
    expect((x0 + x1) / 2).toBeCloseTo(3);
  });
});

describe('equalizeAspect', () => {
  it('gives both axes the same units per pixel, keeping centres', () => {
    const d = equalizeAspect([[0, 10], [0, 10]], 200, 100);
    expect(d[0]).toEqual([-5, 15]);
    expect(d[1]).toEqual([0, 10]);
    expect((d[0][1] - d[0][0]) / 200).toBeCloseTo((d[1][1] - d[1][0]) / 100);
  });
  it('leaves the domain alone without a size', () => {
    expect(equalizeAspect([[0, 1], [0, 2]], 0, 0)).toEqual([
      [0, 1],
      [0, 2],
    ]);
  });
});

describe('plotDomain', () => {
  it('includes the unit circle when it is drawn', () => {
    const d = plotDomain({ points: new Float32Array([0.1, 0.1, 0.2, 0.2]), unitCircle: true, widthPx: 0, heightPx: 0 });
    expect(d[0][0]).toBeLessThan(-1);
    expect(d[1][1]).toBeGreaterThan(1);
  });
  it('uses the shared domain instead of the data', () => {
    const d = plotDomain({ points: new Float32Array([100, 100]), shared: [[-2, 2], [-1, 1]], widthPx: 100, heightPx: 100 });
    expect(d).toEqual([
      [-2, 2],
      [-2, 2],
    ]);
  });
});

it('lerpDomain interpolates every bound', () => {
  expect(lerpDomain([[0, 2], [0, 4]], [[2, 4], [4, 8]], 0.5)).toEqual([
    [1, 3],
    [2, 6],
  ]);
});

describe('stickyDomain', () => {
  const shown: Domain2D = [[-10, 10], [-5, 5]];
  it('keeps the shown domain while the new one lies inside and fills most of it', () => {
    expect(stickyDomain(shown, [[-8, 9], [-4, 4]])).toBe(shown);
  });
  it('takes the new domain when the cloud leaves the shown one or shrinks well inside it', () => {
    const out: Domain2D = [[-11, 9], [-4, 4]];
    expect(stickyDomain(shown, out)).toBe(out);
    const small: Domain2D = [[-5, 5], [-4, 4]];
    expect(stickyDomain(shown, small)).toBe(small); // x fills half
    expect(stickyDomain(null, small)).toBe(small);
  });
});
