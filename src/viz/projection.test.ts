import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { reference } from '../metrics/__fixtures__/reference';
import { AlignedProjector, covariance, pca, procrustes2 } from './projection';

/** n points with std `scales[t]` along axis t, then rotated by `rotate` (a function on a dim-vector). */
function cloud(n: number, scales: number[], seed: string, rotate: (v: number[]) => number[] = (v) => v): Float32Array {
  const rng = seedrandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(...rotate(scales.map((s) => s * gauss())));
  return Float32Array.from(out);
}

/** Rotation by θ in the (a, b) coordinate plane. */
const planeRotation = (a: number, b: number, theta: number) => (v: number[]) => {
  const r = v.slice();
  r[a] = Math.cos(theta) * v[a] - Math.sin(theta) * v[b];
  r[b] = Math.sin(theta) * v[a] + Math.cos(theta) * v[b];
  return r;
};

function rms(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / a.length);
}

describe('pca', () => {
  it('recovers a known principal direction', () => {
    // Variance 100 along u = (1, 2, 2)/3, variance ≤ 0.01 across it: the first component must be ±u.
    const rng = seedrandom('line');
    const pts: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t = (rng() - 0.5) * 35;
      pts.push(t / 3 + (rng() - 0.5) * 0.1, (2 * t) / 3 + (rng() - 0.5) * 0.1, (2 * t) / 3 + 5 + (rng() - 0.5) * 0.1);
    }
    const { basis, variances } = pca(Float32Array.from(pts), 3, 2);
    const dot = (basis[0] + 2 * basis[1] + 2 * basis[2]) / 3;
    expect(Math.abs(dot)).toBeGreaterThan(1 - 1e-4);
    expect(variances[0]).toBeGreaterThan(90);
    expect(variances[1]).toBeLessThan(0.01);
  });

  it('matches numpy.linalg.eigh on the covariance (d = 5 and d = 16, up to sign)', () => {
    for (const c of reference.pca) {
      const { basis, variances, mean } = pca(Float64Array.from(c.points), c.dim, 3);
      for (let t = 0; t < c.dim; t++) expect(Math.abs(mean[t] - c.mean[t])).toBeLessThan(1e-9);
      for (let r = 0; r < 3; r++) {
        expect(Math.abs(variances[r] - c.eigenvalues[r])).toBeLessThan(1e-9 * c.eigenvalues[r]);
        let dot = 0;
        for (let t = 0; t < c.dim; t++) dot += basis[r * c.dim + t] * c.components[r * c.dim + t];
        expect(Math.abs(Math.abs(dot) - 1)).toBeLessThan(1e-9);
      }
    }
  });

  it('computes the covariance as numpy.cov (n − 1)', () => {
    // points (0,0), (2,0), (0,2), (2,2): mean (1,1); var 4/3 per axis, covariance 0.
    const { mean, cov } = covariance([0, 0, 2, 0, 0, 2, 2, 2], 2);
    expect(Array.from(mean)).toEqual([1, 1]);
    expect(Array.from(cov)).toEqual([4 / 3, 0, 0, 4 / 3]);
  });
});

describe('procrustes2', () => {
  it('undoes a known rotation and a known reflection', () => {
    // A·R = B with R a 30° rotation; M = AᵀB for A = I is R itself, so R must come back.
    const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
    procrustes2(c, -s, s, c).forEach((v, i) => expect(v).toBeCloseTo([c, -s, s, c][i], 12));
    // A reflection across the x-axis: [[1,0],[0,-1]].
    procrustes2(1, 0, 0, -1).forEach((v, i) => expect(v).toBeCloseTo([1, 0, 0, -1][i], 12));
  });
});

describe('AlignedProjector', () => {
  it('passes 2-D points through unchanged in pca mode, frame after frame', () => {
    const p = new AlignedProjector({ kind: 'pca' });
    for (let f = 0; f < 5; f++) {
      const pts = cloud(50, [3, 1], 'id', planeRotation(0, 1, f * 0.7));
      expect(Array.from(p.project(pts, 2))).toEqual(Array.from(pts));
      expect(Array.from(p.basis())).toEqual([1, 0, 0, 1]);
      expect(Array.from(p.projectExtra(Float32Array.of(4, -2), 2))).toEqual([4, -2]);
    }
  });

  it('projects onto the principal plane in higher dimensions', () => {
    // Variance 25, 4 along axes 2 and 0 of a 4-D cloud: the projection has those variances.
    const pts = cloud(2000, [2, 0.1, 5, 0.1], 'plane');
    const out = new AlignedProjector({ kind: 'pca' }).project(pts, 4);
    const v = [0, 1].map((c) => { let s = 0; for (let i = 0; i < 2000; i++) s += out[2 * i + c] ** 2; return s / 1999; });
    expect(v[0]).toBeGreaterThan(20);
    expect(v[1]).toBeGreaterThan(3);
    expect(v[1]).toBeLessThan(5);
  });

  it('keeps a slowly rotating cloud from flipping or spinning between frames', () => {
    // A 5-D cloud turning 4° per frame in the (0, 3) plane, with the two top variances close (4 vs 3.6)
    // so the raw eigenvectors inside the plane are poorly determined. Aligned frames must move little;
    // a fresh projector per frame (no alignment) must jump somewhere — otherwise this test proves nothing.
    const frames = Array.from({ length: 40 }, (_, f) => cloud(300, [4, 0.5, 3.6, 0.3, 0.2], 'spin', planeRotation(0, 3, (f * 4 * Math.PI) / 180)));
    for (const warmStart of [true, false]) {
      const aligned = new AlignedProjector({ kind: 'pca' }, { warmStart });
      const outs = frames.map((pts) => aligned.project(pts, 5));
      let worst = 0;
      for (let f = 1; f < frames.length; f++) worst = Math.max(worst, rms(outs[f], outs[f - 1]));
      // 4° of a cloud of radius ~4 moves points ≈ 0.2–0.3; a flip moves them ≈ 2 × radius.
      expect(worst).toBeLessThan(0.5);
    }
    let worstFresh = 0;
    let prevFresh: Float32Array | null = null;
    for (let f = 0; f < frames.length; f++) {
      const fresh = new AlignedProjector({ kind: 'pca' }).project(frames[f], 5);
      if (prevFresh) worstFresh = Math.max(worstFresh, rms(fresh, prevFresh));
      prevFresh = fresh;
    }
    expect(worstFresh).toBeGreaterThan(2);
  });

  it('holds a round cloud still although its principal axes are arbitrary (Procrustes)', () => {
    // 400 points evenly on a circle of radius 4 in the (0, 2) plane: the in-plane covariance is 8·I,
    // so which directions PCA calls "first" is decided by the per-frame jitter alone and swings by
    // large angles. Signs cannot fix a rotation; the Procrustes fit onto the previous frame must keep
    // frames close. (Small spread on axes 1 and 3 keeps the plane itself well defined.)
    const base: number[] = [];
    for (let i = 0; i < 400; i++) {
      const a = (2 * Math.PI * i) / 400;
      base.push(4 * Math.cos(a), 0.3 * Math.sin(7 * a), 4 * Math.sin(a), 0.2 * Math.cos(5 * a));
    }
    for (const warmStart of [true, false]) {
      const p = new AlignedProjector({ kind: 'pca' }, { warmStart });
      let prev: Float32Array | null = null;
      for (let f = 0; f < 25; f++) {
        const rng = seedrandom(`jitter${f}`);
        const out = p.project(Float32Array.from(base, (v) => v + (rng() - 0.5) * 0.1), 4);
        if (prev) expect(rms(out, prev)).toBeLessThan(0.1);
        prev = out;
      }
    }
  });

  it('aligns by basis when the point count changes between frames', () => {
    const p = new AlignedProjector({ kind: 'pca' });
    p.project(cloud(400, [4, 2, 0.5], 'a'), 3);
    const before = p.basis();
    p.project(cloud(300, [4, 2, 0.5], 'b'), 3); // same distribution, other sample and size
    const after = p.basis();
    for (let r = 0; r < 2; r++) {
      let dot = 0;
      for (let t = 0; t < 3; t++) dot += before[r * 3 + t] * after[r * 3 + t];
      expect(dot).toBeGreaterThan(0.95);
    }
  });

  it('projectExtra uses the frame’s mean and basis', () => {
    const pts = cloud(200, [3, 1, 0.2], 'extra', (v) => [v[0] + 10, v[1] - 4, v[2]]);
    const p = new AlignedProjector({ kind: 'pca' });
    const out = p.project(pts, 3);
    // Projecting the frame's own first point as an overlay gives its plotted position.
    const first = p.projectExtra(pts.subarray(0, 3), 3);
    expect(first[0]).toBeCloseTo(out[0], 5);
    expect(first[1]).toBeCloseTo(out[1], 5);
    // The mean maps to the origin.
    const m = p.projectExtra(p.center(), 3);
    expect(Math.abs(m[0]) + Math.abs(m[1])).toBeLessThan(1e-5);
    expect(() => new AlignedProjector({ kind: 'pca' }).projectExtra(pts, 3)).toThrow(/before the first/);
  });

  it('axes mode picks the chosen columns, without centring', () => {
    const pts = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8); // two 4-D points
    const p = new AlignedProjector({ kind: 'axes', i: 3, j: 1 });
    expect(Array.from(p.project(pts, 4))).toEqual([4, 2, 8, 6]);
    expect(Array.from(p.basis())).toEqual([0, 0, 0, 1, 0, 1, 0, 0]);
    expect(Array.from(p.projectExtra(Float32Array.of(9, 10, 11, 12), 4))).toEqual([12, 10]);
    expect(() => p.project(Float32Array.of(1, 2, 3), 3)).toThrow(/axis 3/);
  });

  it('supports 3-D output: pca with aligned signs and axes with a third column', () => {
    const pts = cloud(500, [5, 3, 2, 0.1], '3d');
    const p = new AlignedProjector({ kind: 'pca' }, { components: 3 });
    const a = p.project(pts, 4);
    const b = p.project(Float32Array.from(pts, (v) => v * 1.01), 4);
    expect(a.length).toBe(1500);
    expect(rms(a, b)).toBeLessThan(0.1); // same data scaled by 1 %: no sign flips
    // Independent PCAs per frame (no warm start) of a cloud turning 4° per frame through 160°: each raw
    // eigenvector's sign follows the fixed start vector and flips somewhere; sign alignment must not.
    const turning = new AlignedProjector({ kind: 'pca' }, { components: 3, warmStart: false });
    let prev: Float32Array | null = null;
    for (let f = 0; f < 40; f++) {
      const out = turning.project(cloud(300, [5, 3, 2, 0.1], '3d', planeRotation(0, 3, (f * 4 * Math.PI) / 180)), 4);
      if (prev) expect(rms(out, prev)).toBeLessThan(0.5);
      prev = out;
    }
    const ax = new AlignedProjector({ kind: 'axes', i: 2, j: 0, k: 1 }, { components: 3 });
    expect(Array.from(ax.project(Float32Array.of(1, 2, 3), 3))).toEqual([3, 1, 2]);
    expect(() => new AlignedProjector({ kind: 'axes', i: 0, j: 1 }, { components: 3 })).toThrow(/third axis/);
  });
});
