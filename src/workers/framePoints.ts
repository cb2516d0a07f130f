import type { LivePoints } from '../store/config';

/** The fewest points a plot shows in a frame while training (fewer would misstate the clusters). */
export const MIN_FRAME_POINTS = 500;

/**
 * How many of the `shown` test samples each run's frames embed while training. Embedding is the
 * cost of a frame (2 000 MNIST images are ~150 ms of LeNet forwards on one core), and the frames
 * share the second core with the page's drawing, so 'auto' keeps about 1 000 images a frame: 1 000 a
 * plot for one or two runs, 500 for more. The toy sets' MLP costs next to nothing: all their points.
 */
export function framePoints(setting: LivePoints, runs: number, shown: number, pointsDataset: boolean): number {
  const want = setting === 'all' || (setting === 'auto' && pointsDataset) ? shown
    : setting === 'auto' ? (runs <= 2 ? 1000 : MIN_FRAME_POINTS)
    : Number(setting);
  return Math.min(shown, Math.max(MIN_FRAME_POINTS, want));
}
