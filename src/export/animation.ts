/**
 * The training animation of one run: its kept snapshots (trackSnapshots.ts) replayed through an
 * off-screen EmbeddingPlot (same projection, triplets, colours, overlay and chrome as the page), one frame per
 * snapshot with the step counter in the caption line, encoded to WebM. Browser only.
 */
import { useRegionsHidden } from '../store/regionsView';
import { DEFAULT_RUN_VIEW, useStore } from '../store/store';
import { EmbeddingPlot } from '../viz/embeddingPlot';
import { axisLabels, RunProjector } from '../viz/runProjection';
import { toPanelScene } from './capture';
import { gridLayout } from './figure';
import { renderFigure } from './png';
import { snapshotHistory } from './trackSnapshots';
import { openSink, type EncoderKind } from './video';

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
}

export async function exportAnimation(runId: string, onProgress: (fraction: number) => void): Promise<AnimationResult> {
  const st = useStore.getState();
  const run = st.config.runs.find((r) => r.id === runId);
  const dataset = st.dataset;
  if (!run || !dataset) throw new Error('no run to animate yet');
  const labels = dataset.evalLabels;
  const snaps = snapshotHistory.get(runId).filter((s) => s.points.length === labels.length * s.dim);
  if (snaps.length === 0) throw new Error(`${run.name} has no snapshots yet; train a few steps first`);

  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  Object.assign(host.style, { position: 'fixed', left: '-10000px', top: '0', width: `${PLOT_W}px`, height: `${PLOT_H}px`, visibility: 'hidden' });
  document.body.appendChild(host);
  const dim = snaps[snaps.length - 1].dim;
  // the run's own view: its projection (PCA or a chosen pair of axes) and its mined triplets
  const view = st.runViews[runId] ?? DEFAULT_RUN_VIEW;
  const plot = new EmbeddingPlot(host, {
    classNames: dataset.classNames,
    colourBy: st.colourBy,
    axisLabels: axisLabels(view.projection, dim),
    animationMs: 0,
  });
  // the video shows what the run's plot shows: its decision regions unless they are turned off
  plot.setShowRegions(!useRegionsHidden.getState().hidden[runId]);
  const projector = new RunProjector(view.projection);
  const canvas = document.createElement('canvas');
  const marks = st.runs[runId]?.marks ?? [];
  const holdFrames = Math.round(HOLD_S * VIDEO_FPS);
  try {
    let sink: Awaited<ReturnType<typeof openSink>> | null = null;
    for (let i = 0; i < snaps.length; i++) {
      plot.setSnapshot(projector.view(snaps[i], labels, { marks, showTriplets: view.showTriplets }));
      const scene = plot.exportScene();
      if (!scene) continue;
      const fig = gridLayout([toPanelScene(scene)], [run.name], 1);
      fig.panels[0].note = `step ${snaps[i].step.toLocaleString('en-US')}`;
      // the encoder is configured once for the first frame's size: keep every frame that size, even
      fig.width += fig.width % 2;
      fig.height += fig.height % 2;
      await renderFigure(canvas, fig, 1);
      sink ??= await openSink(canvas, VIDEO_FPS);
      const repeats = i === snaps.length - 1 ? 1 + holdFrames : 1;
      for (let k = 0; k < repeats; k++) await sink.add();
      onProgress((0.95 * (i + 1)) / snaps.length);
    }
    if (!sink) throw new Error('no frame could be drawn');
    const blob = await sink.finish();
    onProgress(1);
    return { blob, frames: snaps.length + holdFrames, firstStep: snaps[0].step, lastStep: snaps[snaps.length - 1].step, encoder: sink.kind };
  } finally {
    plot.destroy();
    host.remove();
  }
}
