/**
 * The training animation of one run: its kept snapshots (trackSnapshots.ts) replayed through an
 * off-screen plot that draws them as the page draws the run (videoFrames.ts: the same projection, 3-D
 * view as turned, UMAP layouts, triplets, colours, overlay, regions and chrome), one frame per
 * snapshot with the step counter in the caption line, encoded to WebM. Browser only.
 */
import type { Snapshot } from '../engine/types';
import { useRegionsHidden } from '../store/regionsView';
import { DEFAULT_RUN_VIEW, useStore } from '../store/store';
import { getPlot } from '../viz/plotRegistry';
import { positionChecksum } from '../viz/positions';
import type { ProjectionKind } from '../viz/runProjection';
import { requestUmapLayout } from '../workers/umapClient';
import { toPanelScene } from './capture';
import { gridLayout } from './figure';
import { renderFigure } from './png';
import { snapshotHistory } from './trackSnapshots';
import { drawnUmapLayout } from './umapLayouts';
import type { EncoderKind, FrameSink } from './video';
import { frameProjection, frameProjectionKind, openFrameSource, umapLayouts } from './videoFrames';

export const VIDEO_FPS = 10;
/** plot size in CSS px; with the caption and padding the frame is 664 × 558 (even, as VP8/VP9 want) */
const PLOT_W = 640;
const PLOT_H = 512;
/** the last frame is held this long so a player does not end on a flash */
const HOLD_S = 1;

export interface AnimationResult {
  blob: Blob;
  frames: number;
  firstStep: number;
  lastStep: number;
  encoder: EncoderKind;
  /** what the frames show: the run's projection on the page */
  projection: ProjectionKind;
  /** UMAP layouts laid out for the video (the page had drawn none for those snapshots) */
  laidOut: number;
  /** positionChecksum of the last frame's plotted coordinates: equal to the page plot's data-checksum when both show the same */
  lastChecksum: number;
}

/** A layout of one snapshot in the page's UMAP worker, for the video (its own queue key: the page's plot keeps its own). */
async function layOut(runId: string, snap: Snapshot, previous: Float32Array | null): Promise<Float32Array> {
  const r = await requestUmapLayout(`video:${runId}`, { points: snap.points, dim: snap.dim, previous: () => previous, seed: 1 });
  if (!r) throw new Error('another video of this run was asked for meanwhile');
  return r.layout;
}

export async function exportAnimation(runId: string, onProgress: (fraction: number) => void): Promise<AnimationResult> {
  const st = useStore.getState();
  const run = st.config.runs.find((r) => r.id === runId);
  const dataset = st.dataset;
  if (!run || !dataset) throw new Error('no run to animate yet');
  const labels = dataset.evalLabels;
  // the frames while training may show part of the shown samples (snap.shown); each is drawn with its own
  const snaps = snapshotHistory.get(runId).filter((s) => s.points.length === (s.shown?.length ?? labels.length) * s.dim);
  if (snaps.length === 0) throw new Error(`${run.name} has no snapshots yet; train a few steps first`);
  const dim = snaps[snaps.length - 1].dim;
  // the run's own view: its projection, the 3-D view's rotation on the page, its mined triplets
  const view = st.runViews[runId] ?? DEFAULT_RUN_VIEW;
  const frames = frameProjection(view.projection, dim, getPlot(runId)?.getRotation?.() ?? null);

  // UMAP layouts first (the page's, or laid out now: up to half the progress bar), then the frames
  let laidOut = 0;
  const layouts = frames.kind === 'umap'
    ? await umapLayouts(snaps, drawnUmapLayout, (s, prev) => layOut(runId, s, prev), (done, missing) => {
      laidOut = done;
      onProgress((0.5 * done) / missing);
    })
    : undefined;
  const progressFrom = laidOut > 0 ? 0.5 : 0;

  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  Object.assign(host.style, { position: 'fixed', left: '-10000px', top: '0', width: `${PLOT_W}px`, height: `${PLOT_H}px`, visibility: 'hidden' });
  document.body.appendChild(host);
  const source = openFrameSource({
    host, classNames: dataset.classNames, colourBy: st.colourBy, labels, snaps, frames, layouts,
    // the video shows what the run's plot shows: its decision regions unless they are turned off
    showRegions: !useRegionsHidden.getState().hidden[runId],
    extras: { marks: st.runs[runId]?.marks ?? [], showTriplets: view.showTriplets, unknown: dataset.evalUnknown },
  });
  const canvas = document.createElement('canvas');
  const holdFrames = Math.round(HOLD_S * VIDEO_FPS);
  try {
    let sink: FrameSink | null = null;
    let lastChecksum = NaN;
    for (let i = 0; i < snaps.length; i++) {
      const scene = source.scene(i);
      if (!scene) continue;
      lastChecksum = positionChecksum(scene.data);
      const fig = gridLayout([toPanelScene(scene)], [run.name], 1);
      fig.panels[0].note = `step ${snaps[i].step.toLocaleString('en-US')}`;
      // the encoder is configured once for the first frame's size: keep every frame that size, even
      fig.width += fig.width % 2;
      fig.height += fig.height % 2;
      await renderFigure(canvas, fig, 1);
      // the WebM writer is loaded only when a video is made, not with the page
      sink ??= await (await import('./video')).openSink(canvas, VIDEO_FPS);
      const repeats = i === snaps.length - 1 ? 1 + holdFrames : 1;
      for (let k = 0; k < repeats; k++) await sink.add();
      onProgress(progressFrom + ((0.95 - progressFrom) * (i + 1)) / snaps.length);
    }
    if (!sink) throw new Error('no frame could be drawn');
    const blob = await sink.finish();
    onProgress(1);
    return {
      blob, frames: snaps.length + holdFrames, firstStep: snaps[0].step, lastStep: snaps[snaps.length - 1].step, encoder: sink.kind,
      projection: frameProjectionKind(frames, dim), laidOut, lastChecksum,
    };
  } finally {
    source.destroy();
    host.remove();
  }
}
