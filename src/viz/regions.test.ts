import { describe, expect, it } from 'vitest';
import { snapshotBytes } from '../export/history';
import type { Snapshot } from '../workers/protocol';
import { scoreConfidence, regionExtent } from '../workers/regions';
import { cellAt, refinedPixels, regionAgreement, regionBoundaries, regionPixels, type RegionRaster } from './regions';

/** A 4×4 grid over [0, 4]²: class 0 left of x = 2, class 1 right of it, except class 2 in the top-right cell. */
function grid(): RegionRaster {
  const labels = new Uint8Array(16);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) labels[r * 4 + c] = c < 2 ? 0 : 1;
  labels[15] = 2;
  return { x0: 0, x1: 4, y0: 0, y1: 4, size: 4, labels, confidence: new Uint8Array(16).fill(255) };
}

describe('decision regions', () => {
  it('finds the cell under a point, and nothing outside the grid', () => {
    const g = grid();
    expect(cellAt(g, 0.5, 0.5)).toBe(0);
    expect(cellAt(g, 3.5, 0.5)).toBe(3);
    expect(cellAt(g, 3.5, 3.5)).toBe(15);
    expect(cellAt(g, -0.1, 1)).toBe(-1);
    expect(cellAt(g, 1, 4.1)).toBe(-1);
  });

  it('measures how many points lie in the region of their predicted class', () => {
    const points = Float32Array.from([0.5, 0.5, 3.5, 0.5, 3.5, 3.5, 3.5, 3.5, 9, 9, 0.5, 0.5]);
    const r = regionAgreement(grid(), points, Uint8Array.from([0, 1, 2, 1, 0, 2]));
    expect(r.inside).toBe(5);
    expect(r.agree).toBe(3 / 5);
    // the class-2 cell is next to (3.5, 3.5), where class 1 was predicted: resolution; class 2 is 3 cells from (0.5, 0.5)
    expect(r.far).toBe(1);
    expect(regionAgreement(grid(), points, Uint8Array.from([0, 1, 2, 1, 0, 2]), 3).far).toBe(0);
    expect(regionAgreement(grid(), points, Uint8Array.from([0, 1, 2, 1, 0, 2]), 0).far).toBe(2);
  });

  it('paints class colours with the top row first, more opaque where confident', () => {
    const g = grid();
    g.confidence[0] = 0;
    const px = regionPixels(g, ['#ff0000', '#00ff00', '#0000ff']);
    // the bottom-left cell (row 0) is the last image row; the top-right cell (class 2) the first row's end
    const at = (row: number, col: number) => Array.from(px.slice(4 * (row * 4 + col), 4 * (row * 4 + col) + 4));
    expect(at(3, 0).slice(0, 3)).toEqual([255, 0, 0]);
    expect(at(0, 3).slice(0, 3)).toEqual([0, 0, 255]);
    expect(at(3, 0)[3]).toBeLessThan(at(3, 1)[3]);
  });

  it('draws boundaries along the cell edges where the class changes, merged', () => {
    const segs = Array.from(regionBoundaries(grid()));
    const list = [];
    for (let i = 0; i < segs.length; i += 4) list.push(segs.slice(i, i + 4));
    expect(list).toContainEqual([2, 0, 2, 4]); // x = 2 over the whole height
    expect(list).toContainEqual([3, 3, 3, 4]); // left side of the class-2 cell
    expect(list).toContainEqual([3, 3, 4, 3]); // its bottom side
    expect(list).toHaveLength(3);
  });

  it('a refined cell: its sub-cells decide where a point lies, are painted over it, and carry the boundary', () => {
    const g = grid();
    // cell 1 (x 1–2, y 0–1), all class 0 at its centre, refined 2 × 2: its right half is class 1 (sub-row 0 at low y)
    g.refined = { fine: 2, cells: Uint32Array.from([1]), labels: Uint8Array.from([0, 1, 0, 1]) };
    const points = Float32Array.from([1.8, 0.5, 1.2, 0.5]);
    expect(regionAgreement(g, points, Uint8Array.from([1, 0]))).toEqual({ agree: 1, inside: 2, far: 0 });
    expect(regionAgreement({ ...g, refined: null }, points, Uint8Array.from([1, 0])).agree).toBe(0.5);
    // the coarse image leaves the cell transparent; the sub-cell image is 2 × 2, top sub-row first
    const palette = ['#ff0000', '#00ff00', '#0000ff'];
    expect(regionPixels(g, palette)[4 * (3 * 4 + 1) + 3]).toBe(0);
    const sub = refinedPixels(g, palette)!;
    expect(sub).toHaveLength(16);
    expect([0, 1, 2, 3].map((p) => Array.from(sub.slice(4 * p, 4 * p + 3)))).toEqual([[255, 0, 0], [0, 255, 0], [255, 0, 0], [0, 255, 0]]);
    expect(refinedPixels({ ...g, refined: null }, palette)).toBeNull();
    // the boundary x = 2 now starts at y = 1 (the refined cell's right half is class 1 too), x = 1.5 runs through the cell
    const segs = Array.from(regionBoundaries(g));
    const list = [];
    for (let i = 0; i < segs.length; i += 4) list.push(segs.slice(i, i + 4));
    expect(list).toContainEqual([2, 1, 2, 4]);
    expect(list).toContainEqual([1.5, 0, 1.5, 1]);
    expect(list).toContainEqual([1.5, 1, 2, 1]); // the class-1 half's top side, against class 0 above
    expect(list).not.toContainEqual([2, 0, 2, 1]);
  });

  it('confidence: 255 for the lowest unknown scores, 0 for the highest, linear between, NaN least confident', () => {
    expect(Array.from(scoreConfidence([0, 10, 5, NaN, 2.5]))).toEqual([255, 0, 128, 0, 191]);
    // a grid's worth of scores, percentiles from a sample: monotone, from 255 down to 0
    const many = Float32Array.from({ length: 36864 }, (_, i) => Math.sin(i) * 1000);
    const conf = scoreConfidence(many);
    const byScore = Array.from(many.keys()).sort((a, b) => many[a] - many[b]);
    for (let k = 1; k < byScore.length; k++) expect(conf[byScore[k]]).toBeLessThanOrEqual(conf[byScore[k - 1]]);
    expect([conf[byScore[0]], conf[byScore.at(-1)!]]).toEqual([255, 0]);
    expect(regionExtent(Float32Array.from([0, 0, 2, 1]))).toEqual([-0.2, 2.2, -0.2, 1.2]);
    expect(regionExtent(Float32Array.from([NaN, NaN]))).toBeNull();
  });

  it('the snapshot history counts the region grid in its memory budget', () => {
    const base: Snapshot = {
      runId: 'r', step: 1, epoch: 0, points: new Float32Array(20), shown: null, dim: 2, predictions: new Uint8Array(10), gradNorms: null,
      overlay: null, unitCircle: false, alpha: null, accuracy: 0, metrics: null, triplets: null,
    };
    const g = grid();
    expect(snapshotBytes({ ...base, regions: g }) - snapshotBytes(base)).toBe(32);
  });
});
