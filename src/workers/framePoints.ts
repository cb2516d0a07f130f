import type { LivePoints } from '../config/config';

/** The fewest points a plot shows in a frame while training (fewer would misstate the clusters). */
export const MIN_FRAME_POINTS = 500;

/**
 * How many of the `shown` test samples each run's frames embed while training. Embedding is the
 * cost of a frame (2 000 MNIST images are ~150 ms of LeNet forwards on one core), and the frames
 * share the second core with the page's drawing, so 'auto' keeps a frame's work about that of 1 000
 * MNIST images a plot for one or two runs and 500 for more: `relativeCost` is a sample's forward pass
 * over an MNIST image's (a CIFAR-10 image costs twice as much: 500 a plot; a toy point next to
 * nothing: all of them).
 */
export function framePoints(setting: LivePoints, runs: number, shown: number, relativeCost: number): number {
  const auto = (runs <= 2 ? 1000 : MIN_FRAME_POINTS) / Math.max(relativeCost, 1e-9);
  const want = setting === 'all' ? shown : setting === 'auto' ? Math.floor(auto) : Number(setting);
  return Math.min(shown, Math.max(MIN_FRAME_POINTS, want));
}
