/**
 * The frames of a run's training video, drawn as the page draws the run: the 2-D plot with the run's
 * projection (PCA aligned frame to frame, or its chosen pair of axes), the 3-D view turned as it is
 * on the page, or the UMAP layout the page drew for each snapshot (one laid out now, in the page's
 * UMAP worker and warm-started from the frame before, where the page drew none). Browser only, apart
 * from the pure choices (frameProjection, umapLayouts), which are tested in Node.
 */
import type { Snapshot } from '../engine/types';
import type { ColourBy } from '../viz/colours';
import { EmbeddingPlot } from '../viz/embeddingPlot';
import { DEFAULT_ROTATION, Plot3D, type Rotation } from '../viz/plot3d';
import type { PlotScene } from '../viz/plotTypes';
import { axisLabels, is3DView, isUmap, RunProjector, scene3dOf, type PlotProjection, type ProjectionKind, type ViewExtras } from '../viz/runProjection';

/** How the frames are drawn. */
export type FrameProjection = { kind: 'plane'; projection: PlotProjection } | { kind: 'view3d'; rotation: Rotation } | { kind: 'umap' };

/** The page's projection of the run, with the 3-D view's rotation as the page has it turned (the default one where no view is on the page). */
export function frameProjection(projection: PlotProjection, dim: number, pageRotation: Rotation | null): FrameProjection {
  if (is3DView(projection, dim)) return { kind: 'view3d', rotation: pageRotation ?? { ...DEFAULT_ROTATION } };
  if (isUmap(projection, dim)) return { kind: 'umap' };
  return { kind: 'plane', projection };
}

/** What the frames record as their projection, in the words of the tables' `projection` field. */
export function frameProjectionKind(f: FrameProjection, dim: number): ProjectionKind {
  if (f.kind === 'view3d') return 'view3d';
  if (f.kind === 'umap') return 'umap';
  if (dim <= 2) return 'identity';
  return f.projection.kind === 'axes' ? 'axes' : 'pca';
}

/**
 * One UMAP layout per snapshot: the one the page drew (`drawn`) where there is one, else `layOut(snap,
 * previous)` started from the frame before's layout (null for the first), as the page warm-starts its
 * own; `onLaidOut(done, missing)` after each one laid out here.
 */
export async function umapLayouts(
  snaps: readonly Snapshot[],
  drawn: (points: Float32Array) => Float32Array | undefined,
  layOut: (snap: Snapshot, previous: Float32Array | null) => Promise<Float32Array>,
  onLaidOut: (done: number, missing: number) => void = () => {},
): Promise<Float32Array[]> {
  const missing = snaps.filter((s) => !drawn(s.points)).length;
  const out: Float32Array[] = [];
  let done = 0;
  for (const s of snaps) {
    const page = drawn(s.points);
    if (page) out.push(page);
    else {
      out.push(await layOut(s, out.at(-1) ?? null));
      onLaidOut(++done, missing);
    }
  }
  return out;
}

export interface FrameSource {
  /** the scene of frame i (snapshot i); null when nothing could be drawn */
  scene(i: number): PlotScene | null;
  destroy(): void;
}

export interface FrameSourceOptions {
  host: HTMLElement;
  classNames: string[];
  colourBy: ColourBy;
  /** decision regions behind 2-D points, as the run's plot shows them */
  showRegions: boolean;
  labels: Uint8Array;
  extras: ViewExtras;
  snaps: readonly Snapshot[];
  frames: FrameProjection;
  /** with frames.kind 'umap': one layout per snapshot (umapLayouts) */
  layouts?: Float32Array[];
}

/** An off-screen plot in `host` that draws the frames one by one (in order: a PCA frame aligns to the one before). */
export function openFrameSource(o: FrameSourceOptions): FrameSource {
  const dim = o.snaps.at(-1)?.dim ?? 2;
  const f = o.frames;
  if (f.kind === 'view3d') {
    const plot = new Plot3D(o.host, { classNames: o.classNames, colourBy: o.colourBy });
    plot.setRotation(f.rotation);
    return {
      scene(i) {
        plot.setScene(scene3dOf(o.snaps[i], o.labels, o.extras));
        return plot.exportScene();
      },
      destroy: () => plot.destroy(),
    };
  }
  const umap = f.kind === 'umap';
  const plot = new EmbeddingPlot(o.host, {
    classNames: o.classNames, colourBy: o.colourBy, animationMs: 0,
    axisLabels: umap ? axisLabels({ kind: 'umap' }, dim) : axisLabels(f.projection, dim),
  });
  plot.setShowRegions(o.showRegions);
  const projector = new RunProjector(umap ? { kind: 'umap' } : f.projection);
  return {
    scene(i) {
      const layout = umap ? o.layouts?.[i] ?? null : null;
      plot.setSnapshot(projector.view(o.snaps[i], o.labels, o.extras, layout));
      return plot.exportScene();
    },
    destroy: () => plot.destroy(),
  };
}
