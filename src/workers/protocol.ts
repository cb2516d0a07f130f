/** Messages between the page and the trainer worker. Typed arrays are transferred, not copied. */
import type { BackendInfo, RunMetrics, Snapshot, TrainProgress } from '../engine/types';
import type { ImportResult, TrainerState } from '../engine/trainer';
import type { ExperimentConfig, RunConfig } from '../config/config';
import type { OwnImagesPayload } from './ownImagesUpload';

// What the engine produces, re-exported for the page: the types live with their producer, so the
// engine never imports from the worker layer above it.
export type { BackendCandidate, BackendInfo, BackendName, RegionGrid, RunMetrics, Snapshot, TrainProgress } from '../engine/types';
export type { ImportResult, RunStateExport, TrainerState } from '../engine/trainer';

export interface DatasetInfo {
  id: ExperimentConfig['dataset'];
  description: string;
  /** a set the user uploaded (kept in IndexedDB): the page offers to forget it */
  uploaded: boolean;
  /** your images: the content hash naming the set (absent or '' for the other datasets) */
  imageSet?: string;
  classNames: string[];
  architecture: string;
  trainCount: number;
  testCount: number;
  /** the evaluation images (uint8 HWC) for hover thumbnails (empty for the toy sets); sent with every new session */
  evalImages: Uint8Array;
  /** the toy sets: each evaluation point's input coordinates (dims per point); null for images */
  evalPoints: Float32Array | null;
  evalLabels: Uint8Array;
  /** 1 where the evaluation sample belongs to a held-out (unknown) class of this session */
  evalUnknown: Uint8Array;
  /** one sample's shape (a toy point: 1 × 1 × its coordinates) */
  height: number;
  width: number;
  channels: number;
}

export type WorkerEvent =
  | { type: 'progress'; stage: string; fraction: number }
  | { type: 'ready'; dataset: DatasetInfo; backend: BackendInfo }
  | { type: 'backend'; backend: BackendInfo }
  | { type: 'train'; items: TrainProgress[]; samplesPerSec: number; evalShare: number }
  | { type: 'snapshot'; snapshot: Snapshot }
  /** `points`: how many shown test samples the figures are over (a frame while training may embed part of them) */
  | { type: 'metrics'; runId: string; step: number; points: number; metrics: RunMetrics }
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
   * Debug (?debug=fail-backend): the next step fails as a broken backend would; 'error' leaves the
   * weights readable, 'lost' as a lost device (only the last copy taken off it can be used);
   * 'lose-context' really loses the WebGL backend's context (WEBGL_lose_context). Resolves to the
   * lock-step count at that moment (the page's step counter can be a progress report behind).
   */
  simulateBackendFailure(kind: 'error' | 'lost' | 'lose-context'): Promise<number>;
  /** Debug (?debug=hang): the next training step never finishes (the watchdog's browser test). */
  simulateHang(): Promise<void>;
  /** Answers at once whenever the worker's event loop is free (the page's watchdog); the lock-step count. */
  ping(): Promise<number>;
  /**
   * Every run's state for a checkpoint: while training, the copy last taken off the device (at most
   * a few seconds old; reading now would interleave with the steps); otherwise read now. Null
   * before there is anything to save.
   */
  checkpointState(): Promise<TrainerState | null>;
  /** TensorFlow.js's tensor count and bytes in the worker (the soak test watches them for leaks) */
  memory(): Promise<{ tensors: number; bytes: number }>;
  /** Continues the current runs from a checkpoint's state (same ids and structure); then a snapshot. */
  importState(state: TrainerState): Promise<ImportResult>;
  /**
   * Parses CIFAR-10 files the user chose (archive or .bin files; their buffers are transferred), lets
   * `config`'s runs take their first steps on them, then rebuilds the runs on them (on CIFAR-10) and
   * keeps them in IndexedDB. Files that are not CIFAR-10, or on which the runs cannot build or train,
   * are reported as a non-fatal error and leave the current session as it was; nothing is stored.
   */
  loadCifarFiles(files: { name: string; bytes: ArrayBuffer }[], config: ExperimentConfig, baseUrl: string): Promise<CifarUploadResult>;
  /**
   * Forgets the uploaded set; runs on it (or none at all, after a start on it failed) are rebuilt on
   * the bundled (or downloaded) files. Resolves to whether the session was rebuilt.
   */
  clearCifarUpload(config: ExperimentConfig, baseUrl: string): Promise<boolean>;
  /** Whether an uploaded set is kept in IndexedDB (the page offers to forget it even when it failed to start). */
  cifarUploadStored(): Promise<boolean>;
  /**
   * Your images, decoded by the page (the pixels' buffer is transferred): checked, named by their
   * content hash, split 80/20 per class, tried by `config`'s runs for their first steps, then the runs
   * are rebuilt on them (dataset 'own-images', imageSet the hash) and the set is kept in IndexedDB.
   * A set that cannot train is reported as a non-fatal error; the session goes on; nothing is stored.
   */
  loadOwnImages(payload: OwnImagesPayload, config: ExperimentConfig, baseUrl: string): Promise<OwnImagesResult>;
}

export type { OwnImagesPayload } from './ownImagesUpload';

export type OwnImagesResult =
  | { ok: true; hash: string; description: string; stored: boolean }
  | { ok: false; message: string; fix: string };

export type CifarUploadResult =
  | { ok: true; description: string; stored: boolean }
  | { ok: false; message: string; fix: string };
