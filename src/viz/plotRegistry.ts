/**
 * The live embedding plots by run id, so export/ can read the scene a run's plot shows (its zoom,
 * colours and layout) without the React tree passing plots around.
 */
import type { EmbeddingPlot } from './embeddingPlot';

const plots = new Map<string, EmbeddingPlot>();

export function registerPlot(id: string, plot: EmbeddingPlot): void {
  plots.set(id, plot);
}

/** Removes the entry only if it is still this plot (StrictMode mounts a second plot before the first goes). */
export function unregisterPlot(id: string, plot: EmbeddingPlot): void {
  if (plots.get(id) === plot) plots.delete(id);
}

export function getPlot(id: string): EmbeddingPlot | undefined {
  return plots.get(id);
}
