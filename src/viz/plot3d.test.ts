import { describe, expect, it } from 'vitest';
import { dataRadius, overlayPositions } from './overlayGeometry';
import { depthOrder, rotatePoints } from './plot3d';
import { axisLabels, is3DView, isUmap, projectionKind } from './runProjection';

describe('3-D view geometry', () => {
  it('rotation keeps lengths, turns a quarter yaw x → depth, and orders points back to front', () => {
    const p = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 0.3, -0.4, 0.5]);
    const r = rotatePoints(p, { yaw: 0.7, pitch: -0.3 });
    for (let i = 0; i < 4; i++) expect(Math.hypot(r[3 * i], r[3 * i + 1], r[3 * i + 2])).toBeCloseTo(Math.hypot(p[3 * i], p[3 * i + 1], p[3 * i + 2]), 5);
    // yaw −90°: the x axis points at the viewer (largest depth, drawn last); +z goes to the right
    const q = rotatePoints(p, { yaw: -Math.PI / 2, pitch: 0 });
    expect(Array.from(q.subarray(0, 3)).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 0, 1]);
    expect(q[6]).toBeCloseTo(-1, 6);
    expect(depthOrder(q).at(-1)).toBe(0);
    const order = depthOrder(r);
    for (let k = 1; k < 4; k++) expect(r[3 * order[k] + 2]).toBeGreaterThanOrEqual(r[3 * order[k - 1] + 2]);
  });

  it('weights become directions at the rim (0.9 inside the unit sphere); centers stay where they are', () => {
    const pts = new Float32Array([2, 0, 0, 0, 2, 0]);
    const w = overlayPositions({ kind: 'weights', points: new Float32Array([0, 0, 5, 0, 0, 0]) }, pts, true, 3);
    expect(Array.from(w).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 0, 0.9, 0, 0, 0]);
    const c = new Float32Array([1, 2, 3]);
    expect(overlayPositions({ kind: 'centers', points: c }, pts, false, 3)).toBe(c);
    expect(dataRadius(pts, 0.99, 3)).toBeCloseTo(2, 6);
  });

  it('size 3 is the 3-D view unless a pair of axes is chosen; UMAP only above three', () => {
    expect([is3DView({ kind: 'pca' }, 3), is3DView({ kind: 'axes', i: 0, j: 2 }, 3), is3DView({ kind: 'pca' }, 4)]).toEqual([true, false, false]);
    expect([isUmap({ kind: 'umap' }, 16), isUmap({ kind: 'umap' }, 3)]).toEqual([true, false]);
    expect([projectionKind({ kind: 'pca' }, 3), projectionKind({ kind: 'umap' }, 16), projectionKind({ kind: 'umap' }, 3)]).toEqual(['view3d', 'umap', 'view3d']);
    expect(axisLabels({ kind: 'umap' }, 16)).toEqual(['UMAP 1', 'UMAP 2']);
  });
});
