/** Messages between the page and the trainer worker. Typed arrays are transferred, not copied. */
import type { Overlay } from '../engine/types';
import type { ExperimentConfig, RunConfig } from '../store/config';
import type { BenchOutcome, BenchRequest } from './benchmark';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendCandidate {
  name: BackendName;
  available: boolean;
  /** measured training throughput, when it was measured */
  samplesPerSec?: number;
  /** why it is or is not used, e.g. "software renderer (SwiftShader)" */
  note: string;
}

export interface BackendInfo {
  name: BackendName;
  reason: string;
  candidates: BackendCandidate[];
}

export interface DatasetInfo {
  id: ExperimentConfig['dataset'];
  description: string;
  /** a set the user uploaded (kept in IndexedDB): the page offers to forget it */
  uploaded: boolean;
  classNames: string[];
  architecture: string;
  trainCount: number;
  testCount: number;
  /** the evaluation images (uint8 HWC) for hover thumbnails; sent once per dataset */
  evalImages: Uint8Array;
  evalLabels: Uint8Array;
  height: number;
  width: number;
  channels: number;
}

export interface RunMetrics {
  /** accuracy from the plotted feature with the loss's own rule (nearest class mean for triplet) */
  accuracy: number;
  /** the accuracy of a classifier that reads another layer (the triplet's trunk classifier), else null */
  trunkAccuracy: number | null;
  recall: Record<1 | 2 | 4 | 8, number>;
  mapAtR: number;
  nmi: number;
  auroc: number | null;
  perClass: number[];
  confusion: number[][];
}

/**
 * Decision regions of a 2-D run: the predicted class at each cell centre of a size × size grid over
 * [x0, x1] × [y0, y1] of the plotted space, row r at y0 + (r + ½)/size·(y1 − y0), and a confidence per
 * cell (0–255). See workers/regions.ts.
 */
export interface RegionGrid {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  size: number;
  labels: Uint8Array;
  confidence: Uint8Array;
}

export interface Snapshot {
  runId: string;
  step: number;
  epoch: number;
  /** the displayed embedding, row-major [n][dim] */
  points: Float32Array;
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

export type WorkerEvent =
  | { type: 'progress'; stage: string; fraction: number }
  | { type: 'ready'; dataset: DatasetInfo; backend: BackendInfo }
  | { type: 'backend'; backend: BackendInfo }
  | { type: 'train'; items: TrainProgress[]; samplesPerSec: number; evalShare: number }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'metrics'; runId: string; step: number; metrics: RunMetrics }
  | { type: 'state'; running: boolean; step: number }
  | { type: 'error'; message: string; fix: string; fatal: boolean };

export interface TrainerApi {
  /** load data, choose the backend, build the runs; resolves when ready to train */
  configure(config: ExperimentConfig, baseUrl: string): Promise<void>;
  start(): Promise<void>;
  pause(): Promise<void>;
  /** n lock-step training steps, then a snapshot */
  step(n: number): Promise<void>;
  reset(): Promise<void>;
  /** new settings for a run, applied at the next step without restarting */
  updateRun(run: RunConfig): Promise<void>;
  setEvents(cb: (e: WorkerEvent) => void): Promise<void>;
  /** adds a copy of a run that continues from the source run's current weights */
  duplicateRun(sourceId: string, run: RunConfig): Promise<void>;
  /** what the page shows for a run: gradient colouring and mined triplets cost extra work */
  setView(runId: string, view: { gradNorms?: boolean; triplets?: boolean }): Promise<void>;
  /**
   * Parses CIFAR-10 files the user chose (archive or .bin files; their buffers are transferred), keeps
   * them in IndexedDB and, when `config` is on CIFAR-10, rebuilds the runs on them. Files that are not
   * CIFAR-10 are reported as a non-fatal error and leave the current session as it was.
   */
  loadCifarFiles(files: { name: string; bytes: ArrayBuffer }[], config: ExperimentConfig, baseUrl: string): Promise<CifarUploadResult>;
  /** Forgets the uploaded set; on CIFAR-10 the runs are rebuilt on the bundled (or downloaded) files. */
  clearCifarUpload(config: ExperimentConfig, baseUrl: string): Promise<void>;
  /**
   * `npm run bench` only (through the page's test hook): pauses training, times our step against
   * TF.js's model.fit on a backend (workers/benchmark.ts), then restores the page's backend.
   */
  benchmark(req: BenchRequest): Promise<BenchOutcome>;
  /**
   * Answers as soon as the worker handles it, even while training, with the time it did (ms since the
   * epoch, timeOrigin + now(): comparable across the page and the worker).
   */
  ping(): Promise<number>;
}

export type CifarUploadResult =
  | { ok: true; description: string; stored: boolean }
  | { ok: false; message: string; fix: string };
