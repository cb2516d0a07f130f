/** Finding the plotted point under the pointer: a quadtree over the finite points of a snapshot. */
import { quadtree, type Quadtree } from 'd3';

export class PointIndex {
  private readonly tree: Quadtree<number>;

  /** `points`: row-major [n][2] in data units (kept by reference: do not change it). */
  constructor(points: Float32Array) {
    const n = points.length / 2;
    const finite: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isFinite(points[2 * i]) && Number.isFinite(points[2 * i + 1])) finite.push(i);
    this.tree = quadtree<number>().x((i) => points[2 * i]).y((i) => points[2 * i + 1]).addAll(finite);
  }

  /** Index of the point nearest (x, y) within `radius` data units, or null. */
  nearest(x: number, y: number, radius: number): number | null {
    return this.tree.find(x, y, radius) ?? null;
  }
}
