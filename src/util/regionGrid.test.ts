import { describe, expect, it } from 'vitest';
import { cellAt, cellsToRefine, labelAt, refinedOffset, subCellCentres, type RegionGrid } from './regionGrid';

/** 4 × 4 cells over [0, 4]²: class 0 left of x = 2, class 1 right of it. */
function halves(): RegionGrid {
  const labels = new Uint8Array(16);
  for (let k = 0; k < 16; k++) labels[k] = k % 4 < 2 ? 0 : 1;
  return { x0: 0, x1: 4, y0: 0, y1: 4, size: 4, labels, confidence: new Uint8Array(16) };
}

describe('region grid', () => {
  it('refines only the cells that hold a point and touch another class', () => {
    const g = halves();
    // (1.5, 0.5): column 1 touches column 2 (class 1); (0.5, 0.5): all neighbours class 0; (2.5, 3.5): column 2
    const cells = cellsToRefine(g, Float32Array.from([1.5, 0.5, 0.5, 0.5, 2.5, 3.5, 1.6, 0.4]), 10);
    expect(Array.from(cells)).toEqual([1, 14]);
    expect(Array.from(cellsToRefine(g, Float32Array.from([1.5, 0.5, 2.5, 3.5]), 1))).toEqual([1]);
  });

  it('sub-cell centres go cell by cell, sub-row by sub-row from the low y', () => {
    const c = subCellCentres(halves(), Uint32Array.from([1, 14]), 2);
    expect(Array.from(c)).toEqual([1.25, 0.25, 1.75, 0.25, 1.25, 0.75, 1.75, 0.75, 2.25, 3.25, 2.75, 3.25, 2.25, 3.75, 2.75, 3.75]);
  });

  it('reads a refined cell\'s sub-cell at a place, the cell elsewhere, nothing outside', () => {
    const g = halves();
    // cell 1 (x 1–2, y 0–1) refined 2 × 2: its right half is class 1 after all, sub-rows low y first
    g.refined = { fine: 2, cells: Uint32Array.from([1, 14]), labels: Uint8Array.from([0, 1, 0, 1, 1, 1, 1, 1]) };
    expect(refinedOffset(g.refined, 1)).toBe(0);
    expect(refinedOffset(g.refined, 14)).toBe(4);
    expect(refinedOffset(g.refined, 2)).toBe(-1);
    expect(refinedOffset(null, 1)).toBe(-1);
    expect(labelAt(g, 1.2, 0.5)).toBe(0);
    expect(labelAt(g, 1.8, 0.5)).toBe(1);
    expect(labelAt(g, 0.5, 0.5)).toBe(0);
    expect(labelAt(g, 3.5, 0.5)).toBe(1);
    expect(labelAt(g, 4.5, 0.5)).toBe(-1);
    expect(cellAt(g, 1.8, 0.5)).toBe(1);
  });
});
