import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../engine/types';
import { DEFAULT_ROTATION } from '../viz/plot3d';
import { frameProjection, frameProjectionKind, umapLayouts } from './videoFrames';

const snap = (step: number, dim = 16): Snapshot => ({
  runId: 'r', step, epoch: 0, points: new Float32Array(4 * dim), shown: null, dim, predictions: new Uint8Array(4), gradNorms: null,
  overlay: null, unitCircle: false, alpha: null, accuracy: 0, metrics: null, triplets: null,
});

describe('training video frames', () => {
  it('are drawn in the projection the page shows: the 3-D view as turned there, UMAP, a pair of axes, PCA', () => {
    const turned = { yaw: 1.2, pitch: -0.4 };
    expect(frameProjection({ kind: 'pca' }, 3, turned)).toEqual({ kind: 'view3d', rotation: turned });
    expect(frameProjection({ kind: 'pca' }, 3, null)).toEqual({ kind: 'view3d', rotation: DEFAULT_ROTATION });
    expect(frameProjection({ kind: 'axes', i: 0, j: 2 }, 3, turned)).toEqual({ kind: 'plane', projection: { kind: 'axes', i: 0, j: 2 } });
    expect(frameProjection({ kind: 'umap' }, 16, null)).toEqual({ kind: 'umap' });
    expect(frameProjection({ kind: 'pca' }, 16, null)).toEqual({ kind: 'plane', projection: { kind: 'pca' } });
    expect([
      frameProjectionKind(frameProjection({ kind: 'pca' }, 3, null), 3),
      frameProjectionKind(frameProjection({ kind: 'umap' }, 16, null), 16),
      frameProjectionKind(frameProjection({ kind: 'axes', i: 1, j: 3 }, 16, null), 16),
      frameProjectionKind(frameProjection({ kind: 'pca' }, 16, null), 16),
      frameProjectionKind(frameProjection({ kind: 'pca' }, 2, null), 2),
    ]).toEqual(['view3d', 'umap', 'axes', 'pca', 'identity']);
  });

  it('UMAP: the page\'s layout where it drew one, else laid out from the frame before', async () => {
    const snaps = [snap(1), snap(2), snap(3), snap(4)];
    const page = new Map([[snaps[1].points, Float32Array.of(2)], [snaps[3].points, Float32Array.of(4)]]);
    const asked: [number, number | null][] = [];
    const progress: [number, number][] = [];
    const layouts = await umapLayouts(
      snaps,
      (p) => page.get(p),
      async (s, previous) => { asked.push([s.step, previous ? previous[0] : null]); return Float32Array.of(10 * s.step); },
      (done, missing) => progress.push([done, missing]),
    );
    expect(layouts.map((l) => l[0])).toEqual([10, 2, 30, 4]);
    // the first from scratch, the third warm-started from the page's layout of the second
    expect(asked).toEqual([[1, null], [3, 2]]);
    expect(progress).toEqual([[1, 2], [2, 2]]);
  });
});
