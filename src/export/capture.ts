/** Turns the live plots (via the plot registry) and the store into export descriptions. Browser only. */
import { DEFAULT_RUN_VIEW, useStore } from '../store/store';
import type { PlotScene } from '../viz/embeddingPlot';
import { getPlot } from '../viz/plotRegistry';
import { axisLabels, ofShown, projectionKind } from '../viz/runProjection';
import { chromeMarkup } from './chrome';
import { columnsFromTops, gridLayout, type Figure, type PanelScene } from './figure';
import type { EmbeddingTable } from './table';
import { snapshotHistory } from './trackSnapshots';

export function toPanelScene(s: PlotScene): PanelScene {
  return { ...s, chrome: chromeMarkup(s.svg) };
}

function runName(runId: string): string {
  return useStore.getState().config.runs.find((r) => r.id === runId)?.name ?? runId;
}

function liveScene(runId: string): PlotScene {
  const scene = getPlot(runId)?.exportScene();
  if (!scene) throw new Error(`${runName(runId)} has no embedding on screen yet; wait for the first snapshot`);
  return scene;
}

/** The given runs' plots as one figure, laid out in as many columns as the page shows them. */
export function captureFigure(runIds: string[]): { figure: Figure; step: number } {
  const scenes = runIds.map(liveScene);
  const columns = columnsFromTops(scenes.map((s) => s.svg.getBoundingClientRect().top));
  const figure = gridLayout(scenes.map(toPanelScene), runIds.map(runName), columns);
  return { figure, step: Math.max(0, ...scenes.map((s) => s.step ?? 0)) };
}

/** One run's embeddings at the step its plot shows, paired with the 2-D coordinates drawn. */
export function captureTable(runId: string): EmbeddingTable {
  const s = useStore.getState();
  const scene = liveScene(runId);
  const step = scene.step ?? 0;
  const latest = s.runs[runId]?.snapshot;
  // the store may already hold a newer snapshot than the plot has drawn: take the one it drew
  const snap = snapshotHistory.at(runId, step) ?? (latest?.step === step ? latest : undefined);
  if (!snap || !s.dataset) throw new Error(`the snapshot of step ${step} of ${runName(runId)} is no longer kept; try again`);
  const projection = (s.runViews[runId] ?? DEFAULT_RUN_VIEW).projection;
  return {
    config: s.config,
    runId,
    runName: runName(runId),
    step,
    classNames: s.dataset.classNames,
    labels: ofShown(snap, s.dataset.evalLabels),
    predictions: snap.predictions,
    points: snap.points,
    dim: snap.dim,
    projected: scene.data,
    // what the plot shows: the run's chosen projection, not always PCA
    projection: projectionKind(projection, snap.dim),
    axisLabels: scene.axisLabels ?? axisLabels(projection, snap.dim),
  };
}
