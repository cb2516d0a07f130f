/**
 * The training animation of one run: its kept snapshots (trackSnapshots.ts) replayed through an
 * off-screen EmbeddingPlot (same projection, colours, overlay and chrome as the page), one frame per
 * snapshot with the step counter in the caption line, encoded to WebM. Browser only.
 */
import { useRegionsHidden } from '../store/regionsView';
import { useStore } from '../store/store';
import { EmbeddingPlot, type EmbeddingSnapshot } from '../viz/embeddingPlot';
import { AlignedProjector } from '../viz/projection';
import type { Snapshot } from '../workers/protocol';
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

/** The same projection the page applies (RunEmbedding), run over the sequence in order. */
function toView(s: Snapshot, labels: Uint8Array, projector: AlignedProjector, marks: EmbeddingSnapshot['marks']): EmbeddingSnapshot {
  const points = s.dim === 2 ? s.points : projector.project(s.points, s.dim);
  const o = s.overlay;
  const overlay = o ? { kind: o.kind, points: o.dim === 2 ? o.points : projector.projectExtra(o.points, o.dim) } : null;
  return { step: s.step, points, labels, predictions: s.predictions, gradNorms: s.gradNorms, overlay, unitCircle: s.unitCircle, marks, regions: s.dim === 2 ? s.regions ?? null : null };
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
  const plot = new EmbeddingPlot(host, {
    classNames: dataset.classNames,
    colourBy: st.colourBy,
    axisLabels: dim > 2 ? ['PC 1', 'PC 2'] : ['f₁', 'f₂'],
    animationMs: 0,
  });
  // the video shows what the run's plot shows: its decision regions unless they are turned off
  plot.setShowRegions(!useRegionsHidden.getState().hidden[runId]);
  const projector = new AlignedProjector({ kind: 'pca' });
  const canvas = document.createElement('canvas');
  const marks = st.runs[runId]?.marks ?? [];
  const holdFrames = Math.round(HOLD_S * VIDEO_FPS);
  try {
    let sink: Awaited<ReturnType<typeof openSink>> | null = null;
    for (let i = 0; i < snaps.length; i++) {
      plot.setSnapshot(toView(snaps[i], labels, projector, marks));
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
