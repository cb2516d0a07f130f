/**
 * From a run's snapshot to what its plot draws: the one projection the page (app/RunEmbedding.tsx),
 * the figure and table exports (export/capture.ts) and the training video (export/animation.ts) all
 * use, so an export shows and records the projection on screen (PCA aligned frame to frame, or the
 * chosen pair of axes) with the same overlay and mined triplets.
 */
import type { Snapshot } from '../engine/types';
import type { Scene3D } from './plot3d';
import type { EmbeddingSnapshot } from './plotTypes';
import { AlignedProjector } from './projection';

/**
 * How a run's plot maps an embedding of more than two dimensions to the plane. For exactly three, 'pca'
 * means the turnable 3-D view (viz/plot3d.ts; PCA of 3-D points is only a rotation of it); 'umap' is
 * offered above three and laid out in a worker (workers/umapClient.ts), so the page passes its layout in.
 */
export type PlotProjection = { kind: 'pca' } | { kind: 'axes'; i: number; j: number } | { kind: 'umap' };

/** What an export records as the projection: a 2-D embedding is drawn as it is. */
export type ProjectionKind = 'identity' | 'pca' | 'axes' | 'umap' | 'view3d';

/** Whether a run's plot is the 3-D view. */
export function is3DView(p: PlotProjection, dim: number): boolean {
  // 'umap' too: it is not offered for three dimensions, but a view chosen for a wider run may remain
  return dim === 3 && p.kind !== 'axes';
}

/** Whether a run's plot is a UMAP layout (only above three dimensions; below, the option is not offered). */
export function isUmap(p: PlotProjection, dim: number): boolean {
  return dim > 3 && p.kind === 'umap';
}

export function projectionKind(p: PlotProjection, dim: number): ProjectionKind {
  if (dim <= 2) return 'identity';
  if (is3DView(p, dim)) return 'view3d';
  return p.kind === 'umap' && !isUmap(p, dim) ? 'pca' : p.kind;
}

export function axisLabels(p: PlotProjection, dim: number): [string, string] {
  if (dim <= 2) return ['f₁', 'f₂'];
  if (is3DView(p, dim)) return ['view x', 'view y'];
  if (isUmap(p, dim)) return ['UMAP 1', 'UMAP 2'];
  return p.kind === 'axes' ? [`f${p.i + 1}`, `f${p.j + 1}`] : ['PC 1', 'PC 2'];
}

/** The drawing's extras that depend on the page's view settings. */
export interface ViewExtras {
  marks?: EmbeddingSnapshot['marks'];
  /** draw the mined triplets (when the snapshot carries them) */
  showTriplets: boolean;
  /** 1 where a point belongs to a held-out class (the session's DatasetInfo.evalUnknown): drawn grey */
  unknown?: Uint8Array | null;
}

/**
 * The entries of a per-sample array of the session's shown set (labels, held-out flags) that belong
 * to a snapshot's points: a frame while training may embed only part of the shown set.
 */
export function ofShown<T extends Uint8Array | Float32Array>(snap: Pick<Snapshot, 'shown'>, all: T): T {
  const shown = snap.shown;
  if (!shown) return all;
  const out = new (all.constructor as new (n: number) => T)(shown.length);
  for (let i = 0; i < shown.length; i++) out[i] = all[shown[i]];
  return out;
}

/**
 * Projects a run's snapshots in order. Stateful: PCA frames are aligned to the previous one, so feed
 * one run's frames in step order; a new projection needs a new RunProjector.
 */
export class RunProjector {
  private readonly projector: AlignedProjector;

  constructor(readonly projection: PlotProjection) {
    // UMAP layouts come from the worker (see `view`'s `plane`; the training video passes the page's or
    // lays them out first); where none is given yet the plot falls back to PCA
    this.projector = new AlignedProjector(projection.kind === 'umap' ? { kind: 'pca' } : projection);
  }

  /**
   * `labels` and `extras.unknown` are the session's, for its whole shown set. `plane`: a UMAP layout
   * [n][2] of these points, drawn instead of the projection (no overlay: UMAP has no map for class
   * weights or centers).
   */
  view(snap: Snapshot, labels: Uint8Array, extras: ViewExtras, plane?: Float32Array | null): EmbeddingSnapshot {
    const p = this.projector;
    const umap = plane != null && plane.length === 2 * (snap.points.length / snap.dim);
    const points = umap ? plane : snap.dim === 2 ? snap.points : p.project(snap.points, snap.dim);
    const o = snap.overlay;
    const overlay = o && !umap ? { kind: o.kind, points: o.dim === 2 ? o.points : p.projectExtra(o.points, o.dim) } : null;
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
      step: snap.step, points, labels: ofShown(snap, labels), predictions: snap.predictions, gradNorms: snap.gradNorms,
      overlay, unitCircle: snap.unitCircle, marks: extras.marks, triplets,
      // regions are computed in the plotted plane of a 2-D run; a projection has none
      regions: snap.dim === 2 ? snap.regions ?? null : null,
      unknown: extras.unknown ? ofShown(snap, extras.unknown) : null,
      partOf: snap.shown ? labels.length : null,
    };
  }
}

/** What the 3-D view draws of a 3-D run's snapshot (is3DView): the points as they are, the run's overlay, the unit sphere of a normalised loss. */
export function scene3dOf(snap: Snapshot, labels: Uint8Array, extras: Omit<ViewExtras, 'showTriplets'>): Scene3D {
  const o = snap.overlay;
  return {
    step: snap.step, points: snap.points, labels: ofShown(snap, labels), predictions: snap.predictions, gradNorms: snap.gradNorms,
    overlay: o && o.dim === 3 ? { kind: o.kind, points: o.points } : null, unitSphere: snap.unitCircle, marks: extras.marks,
    unknown: extras.unknown ? ofShown(snap, extras.unknown) : null,
    partOf: snap.shown ? labels.length : null,
  };
}
