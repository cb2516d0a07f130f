/**
 * The live embedding plots by run id, so export/ can read the scene a run's plot shows (its zoom,
 * colours and layout) without the React tree passing plots around.
 */
import type { Rotation } from './plot3d';
import type { PlotScene } from './plotTypes';

/** What export/ needs of a plot: the 2-D scatter (`EmbeddingPlot`) and the 3-D view (`Plot3D`) both give it. */
export interface ExportablePlot {
  exportScene(): PlotScene | null;
  /** the 3-D view's rotation as turned on the page (the training video turns its frames alike) */
  getRotation?(): Rotation;
}

const plots = new Map<string, ExportablePlot>();

export function registerPlot(id: string, plot: ExportablePlot): void {
  plots.set(id, plot);
}

/** Removes the entry only if it is still this plot (StrictMode mounts a second plot before the first goes). */
export function unregisterPlot(id: string, plot: ExportablePlot): void {
  if (plots.get(id) === plot) plots.delete(id);
}

export function getPlot(id: string): ExportablePlot | undefined {
  return plots.get(id);
}
