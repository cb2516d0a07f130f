import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../engine/types';
import { axisLabels, projectionKind, RunProjector } from './runProjection';

function snap(points: number[], dim: number, triplets: number[] | null): Snapshot {
  const n = points.length / dim;
  return {
    runId: 'r1', step: 7, epoch: 0, points: Float32Array.from(points), shown: null, dim, predictions: new Uint8Array(n), gradNorms: null,
    overlay: { kind: 'centers', points: Float32Array.from([1, 2, 3, 4]), dim: 4 }, unitCircle: false, alpha: null, accuracy: 0, metrics: null,
    triplets: triplets ? Int32Array.from(triplets) : null, regions: null,
  };
}

describe('one projection for the page, the exports and the video', () => {
  const s = snap([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23], 4, [0, 1, 2]);
  const labels = new Uint8Array(3);

  it('draws the chosen pair of axes, its overlay and its mined triplets there', () => {
    const v = new RunProjector({ kind: 'axes', i: 3, j: 1 }).view(s, labels, { showTriplets: true });
    expect([...v.points]).toEqual([3, 1, 13, 11, 23, 21]);
    expect([...(v.overlay?.points ?? [])]).toEqual([4, 2]);
    expect([...(v.triplets ?? [])]).toEqual([3, 1, 13, 11, 23, 21]);
    expect(new RunProjector({ kind: 'axes', i: 3, j: 1 }).view(s, labels, { showTriplets: false }).triplets).toBeNull();
  });

  it('names what it drew, as the exports record it', () => {
    expect([projectionKind({ kind: 'axes', i: 3, j: 1 }, 4), axisLabels({ kind: 'axes', i: 3, j: 1 }, 4)]).toEqual(['axes', ['f4', 'f2']]);
    expect([projectionKind({ kind: 'pca' }, 4), axisLabels({ kind: 'pca' }, 4)]).toEqual(['pca', ['PC 1', 'PC 2']]);
    expect([projectionKind({ kind: 'axes', i: 0, j: 1 }, 2), axisLabels({ kind: 'pca' }, 2)]).toEqual(['identity', ['f₁', 'f₂']]);
  });

  it('carries which points are of held-out classes, so the page, the exports and the video draw them grey', () => {
    const unknown = Uint8Array.from([0, 1, 1]);
    const v = new RunProjector({ kind: 'pca' }).view(s, labels, { showTriplets: false, unknown });
    expect(v.unknown).toBe(unknown);
    expect(new RunProjector({ kind: 'pca' }).view(s, labels, { showTriplets: false }).unknown).toBeNull();
  });

  it('projects a 4-D run with PCA to the plane, centred', () => {
    const v = new RunProjector({ kind: 'pca' }).view(s, labels, { showTriplets: false });
    expect(v.points.length).toBe(6);
    expect(v.points[0] + v.points[2] + v.points[4]).toBeCloseTo(0, 4);
  });
});
