import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { reference } from './__fixtures__/reference';
import { kmeans, kmeansPlusPlusInit, lloyd } from './kmeans';

describe('lloyd', () => {
  it('splits two obvious 1-D groups and reports their inertia', () => {
    // Start both centers in the left group: one step moves one center right. Groups {0,1,2} and
    // {100,101,102}: centers 1 and 101, inertia (1+0+1)·2 = 4.
    const r = lloyd(Float32Array.of(0, 1, 2, 100, 101, 102), 1, Float64Array.of(0, 2));
    expect(Array.from(r.assignments)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(r.centers)).toEqual([1, 101]);
    expect(r.inertia).toBe(4);
  });

  it('matches the numpy step-by-step Lloyd from the same initial centers', () => {
    for (const c of reference.metrics) {
      const points = Float32Array.from(c.points);
      const init = Float64Array.from(points.subarray(0, c.classes * c.dim));
      const r = lloyd(points, c.dim, init, 100);
      expect(Array.from(r.assignments)).toEqual(c.lloydFromFirstPoints.assignments);
      expect(r.iterations).toBe(c.lloydFromFirstPoints.iterations);
      expect(Math.abs(r.inertia - c.lloydFromFirstPoints.inertia)).toBeLessThan(1e-9 * c.lloydFromFirstPoints.inertia);
    }
  });
});

describe('kmeansPlusPlusInit', () => {
  it('picks distinct far-apart seeds when the data has k tight groups', () => {
    // D² sampling makes picking a second point from an already-seeded group astronomically unlikely.
    const points = Float32Array.of(0, 0.01, 0.02, 1000, 1000.01, 2000, 2000.02);
    for (let s = 0; s < 20; s++) {
      const centers = Array.from(kmeansPlusPlusInit(points, 1, 3, seedrandom(String(s))));
      expect(centers.map((v) => Math.round(v / 1000)).sort()).toEqual([0, 1, 2]);
    }
  });
});

describe('kmeans', () => {
  const rng = seedrandom('km');
  const points = Float32Array.from({ length: 600 }, () => rng() * 10);

  it('is deterministic for a seed and varies with it', () => {
    const a = kmeans(points, 2, 6, { seed: 3, restarts: 1 });
    const b = kmeans(points, 2, 6, { seed: 3, restarts: 1 });
    expect(Array.from(a.assignments)).toEqual(Array.from(b.assignments));
    const others = [4, 5, 6, 7, 8].map((s) => kmeans(points, 2, 6, { seed: s, restarts: 1 }).inertia);
    expect(new Set([a.inertia, ...others]).size).toBeGreaterThan(1);
  });

  it('keeps the best restart: never worse than its own first start', () => {
    for (const seed of [1, 2, 3, 4]) {
      const one = kmeans(points, 2, 6, { seed, restarts: 1 });
      const many = kmeans(points, 2, 6, { seed, restarts: 8 });
      expect(many.inertia).toBeLessThanOrEqual(one.inertia);
    }
  });

  it('returns a consistent result: centers are the means, points sit at their nearest center', () => {
    const r = kmeans(points, 2, 5, { seed: 9 });
    for (let c = 0; c < 5; c++) {
      let sx = 0, sy = 0, m = 0;
      for (let i = 0; i < 300; i++) if (r.assignments[i] === c) { sx += points[2 * i]; sy += points[2 * i + 1]; m++; }
      expect(m).toBeGreaterThan(0);
      expect(r.centers[2 * c]).toBeCloseTo(sx / m, 9);
      expect(r.centers[2 * c + 1]).toBeCloseTo(sy / m, 9);
    }
    let inertia = 0;
    for (let i = 0; i < 300; i++) {
      const d = (c: number) => (points[2 * i] - r.centers[2 * c]) ** 2 + (points[2 * i + 1] - r.centers[2 * c + 1]) ** 2;
      const own = d(r.assignments[i]);
      for (let c = 0; c < 5; c++) expect(own).toBeLessThanOrEqual(d(c));
      inertia += own;
    }
    expect(r.inertia).toBeCloseTo(inertia, 9);
  });
});
