import type { Overlay } from '../losses/lossHead';
import type { Evaluation } from '../metrics';
import type { RegionGrid } from '../util/regionGrid';

// What the engine reports to the worker (and the worker to the page, workers/protocol.ts).

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendCandidate {
  name: BackendName;
  available: boolean;
  /** measured training throughput, when it was measured */
  samplesPerSec?: number;
  /** why it is or is not used, e.g. "software renderer (SwiftShader)" */
  note: string;
  /** a GPU backend emulated on the CPU (SwiftShader, llvmpipe): the last resort after a failure */
  software?: boolean;
}

export interface BackendInfo {
  name: BackendName;
  reason: string;
  candidates: BackendCandidate[];
}

/** A run's evaluation figures: the metrics module's record, one type everywhere. */
export type RunMetrics = Evaluation;

/** Decision regions of a 2-D run (see util/regionGrid.ts, and workers/regions.ts that computes them). */
export type { RegionGrid };

export interface Snapshot {
  runId: string;
  step: number;
  epoch: number;
  /** the displayed embedding, row-major [n][dim] */
  points: Float32Array;
  /**
   * Which of the session's shown test samples the points are, by position in that set (frames while
   * training may embed an evenly spread part of it); null: all of them, in order.
   */
  shown: Int32Array | null;
  dim: number;
  predictions: Uint8Array;
  gradNorms: Float32Array | null;
  overlay: Overlay | null;
  unitCircle: boolean;
  alpha: number | null;
  /** accuracy on the known classes of the shown test points */
  accuracy: number;
  metrics: RunMetrics | null;
  /** mined (anchor, positive, negative) triplets as indices into the shown points, when asked for */
  triplets: Int32Array | null;
  /** decision regions behind a 2-D plot (added by the worker's loop after capture) */
  regions?: RegionGrid | null;
}

export interface TrainProgress {
  runId: string;
  step: number;
  epoch: number;
  loss: number;
  alpha: number | null;
}
