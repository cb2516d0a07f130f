/**
 * From a run's snapshot to what its plot draws: the one projection the page (app/RunEmbedding.tsx),
 * the figure and table exports (export/capture.ts) and the training video (export/animation.ts) all
 * use, so an export shows and records the projection on screen (PCA aligned frame to frame, or the
 * chosen pair of axes) with the same overlay and mined triplets.
 */
import type { Snapshot } from '../engine/types';
import type { EmbeddingSnapshot } from './embeddingPlot';
import { AlignedProjector } from './projection';

/** How a run's plot maps an embedding of more than two dimensions to the plane. */
export type PlotProjection = { kind: 'pca' } | { kind: 'axes'; i: number; j: number };

/** What an export records as the projection: a 2-D embedding is drawn as it is. */
export type ProjectionKind = 'identity' | 'pca' | 'axes';

export function projectionKind(p: PlotProjection, dim: number): ProjectionKind {
  return dim <= 2 ? 'identity' : p.kind;
}

export function axisLabels(p: PlotProjection, dim: number): [string, string] {
  if (dim <= 2) return ['f₁', 'f₂'];
  return p.kind === 'axes' ? [`f${p.i + 1}`, `f${p.j + 1}`] : ['PC 1', 'PC 2'];
}

/** The drawing's extras that depend on the page's view settings. */
export interface ViewExtras {
  marks?: EmbeddingSnapshot['marks'];
  /** draw the mined triplets (when the snapshot carries them) */
  showTriplets: boolean;
}

/**
 * Projects a run's snapshots in order. Stateful: PCA frames are aligned to the previous one, so feed
 * one run's frames in step order; a new projection needs a new RunProjector.
 */
export class RunProjector {
  private readonly projector: AlignedProjector;

  constructor(readonly projection: PlotProjection) {
    this.projector = new AlignedProjector(projection);
  }

  view(snap: Snapshot, labels: Uint8Array, extras: ViewExtras): EmbeddingSnapshot {
    const p = this.projector;
    const points = snap.dim === 2 ? snap.points : p.project(snap.points, snap.dim);
    const o = snap.overlay;
    const overlay = o ? { kind: o.kind, points: o.dim === 2 ? o.points : p.projectExtra(o.points, o.dim) } : null;
    let triplets: Float32Array | null = null;
    if (extras.showTriplets && snap.triplets) {
      // indices (anchor, positive, negative) into the points → their projected coordinates
      const t = snap.triplets;
      triplets = new Float32Array(t.length * 2);
      for (let k = 0; k < t.length; k++) {
        triplets[2 * k] = points[2 * t[k]];
        triplets[2 * k + 1] = points[2 * t[k] + 1];
      }
    }
    return {
      step: snap.step, points, labels, predictions: snap.predictions, gradNorms: snap.gradNorms,
      overlay, unitCircle: snap.unitCircle, marks: extras.marks, triplets,
      // regions are computed in the plotted plane of a 2-D run; a projection has none
      regions: snap.dim === 2 ? snap.regions ?? null : null,
    };
  }
}
