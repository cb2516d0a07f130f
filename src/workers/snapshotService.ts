/**
 * The snapshot worker's side of an offloaded snapshot: a Trainer that never trains, rebuilt from the
 * training worker's config and given the runs' current weights, embeds the shown test images and
 * computes each 2-D run's decision regions. It runs on the second core while the training worker
 * goes on stepping, so the plots refresh without the training waiting for them (an evaluation of six
 * runs is ~1.4 s of forward passes on wasm).
 */
import type { AnyDataset } from '../data/types';
import type { EvaluationInput } from '../metrics';
import { Trainer, type SnapshotView, type TrainerState } from '../engine/trainer';
import type { ExperimentConfig } from '../config/config';
import { needsRebuild } from '../config/settings';
import type { Snapshot } from './protocol';
import { decisionRegions, REGION_GRID } from './regions';

/**
 * How much of a snapshot to compute: a frame while training embeds `points` of the shown samples and
 * draws the regions on a `grid`² grid (both cost time on every frame); a snapshot at a pause, at the
 * plan's end or for Step is taken at full detail (no FrameDetail).
 */
export interface FrameDetail {
  points: number;
  grid: number;
  /** only the first this many runs (the warm-up before training needs one) */
  runs?: number;
  /**
   * only the runs this worker has not captured yet: runs were added, and building them here (their
   * variables, their first forward passes: 2–3 times a later frame's cost) is done before Train
   */
  onlyNew?: boolean;
}

/** Cells per side of the decision regions in frames while training: a quarter of the work of REGION_GRID. */
export const FRAME_REGION_GRID = 96;

export interface SnapshotRequest {
  /** which dataset the config refers to; a request with a new id carries the dataset itself */
  datasetId: number;
  dataset?: AnyDataset;
  config: ExperimentConfig;
  /** the runs' weights and head state (Adam's moments left out) */
  state: TrainerState;
  view: Record<string, SnapshotView>;
  /** a frame while training; absent: full detail */
  frame?: FrameDetail;
}

export interface CapturedRun {
  snapshot: Snapshot;
  metricsInput: EvaluationInput;
}

/**
 * `workMs`: what the frame costs the worker, as the next one will cost it: its captures, not its start
 * nor setting up the data or the runs. A run's first capture (its tensors, the shown set, the wasm
 * memory growing) costs several times a later one, so it counts as its warm runs' average; null when
 * every run was new (the cost is unknown).
 */
export type SnapshotReply = { kind: 'captured'; runs: CapturedRun[]; workMs: number | null } | { kind: 'needDataset' };

/**
 * What the evaluation needs of a dataset: the test split, and the training labels (the Trainer
 * derives its batch sequence and epoch counter from them). The training images stay behind: for
 * MNIST they are 47 MB that the snapshot worker would never read.
 */
export function evaluationCopy(ds: AnyDataset): AnyDataset {
  if (ds.kind === 'points') return { ...ds, train: { ...ds.train, points: new Float32Array(0) } };
  return { ...ds, train: { ...ds.train, images: new Uint8Array(0) } };
}

/** A run's snapshot as the page gets it: the embedded shown images, and a 2-D run's decision regions. */
export async function captureRun(t: Trainer, id: string, view: SnapshotView, between?: () => Promise<void>, detail?: FrameDetail): Promise<CapturedRun> {
  const captured = await t.capture(id, view, between, { points: detail?.points });
  const head = captured.snapshot.dim === 2 ? t.headOf(id) : undefined;
  if (head) captured.snapshot.regions = await decisionRegions(head, captured.snapshot.points, detail?.grid ?? REGION_GRID);
  return captured;
}

/** The typed arrays' buffers among `values` (each once), to transfer them rather than copy them. */
function buffersOf(values: unknown[]): ArrayBuffer[] {
  return [...new Set(values.filter((a) => ArrayBuffer.isView(a)).map((a) => (a as ArrayBufferView).buffer as ArrayBuffer))];
}

/** A snapshot's buffers (points, predictions and the optional extras). */
export function snapshotBuffers(s: Snapshot): ArrayBuffer[] {
  return buffersOf([s.points, s.predictions, s.gradNorms, s.triplets, s.regions?.labels, s.regions?.confidence]);
}

/** Every buffer of a reply, to transfer it rather than copy it. */
export function replyBuffers(reply: SnapshotReply): ArrayBuffer[] {
  if (reply.kind !== 'captured') return [];
  return buffersOf(reply.runs.flatMap(({ snapshot: s, metricsInput: m }) => [
    ...snapshotBuffers(s), m.points, m.labels, m.predictions, m.trunkPredictions, m.unknownScores, m.unknownMask,
  ]));
}

export class SnapshotService {
  private dataset: AnyDataset | null = null;
  private datasetId = -1;
  private trainer: Trainer | null = null;
  private config: ExperimentConfig | null = null;

  async capture(req: SnapshotRequest): Promise<SnapshotReply> {
    if (req.dataset) {
      this.drop();
      this.dataset = req.dataset;
      this.datasetId = req.datasetId;
    }
    if (!this.dataset || req.datasetId !== this.datasetId) return { kind: 'needDataset' };
    // the same rule as the training worker's: a new session where it built one, otherwise the runs
    // follow the config as they do there (a slider is a new parameter, a new loss a new head), so a
    // dragged slider does not rebuild the shown images' tensors on every frame
    if (!this.trainer || !this.config || needsRebuild(this.config, req.config)) {
      this.drop();
      this.trainer = new Trainer(this.dataset, req.config);
    } else if (this.config !== req.config) {
      this.trainer.setPlan(req.config.plannedEpochs, req.config.lrSchedule);
      this.trainer.syncRuns(req.config.runs);
    }
    this.config = req.config;
    const t = this.trainer;
    const t0 = performance.now();
    const { restored } = await t.importState(req.state, { evaluateOnly: true });
    const importMs = performance.now() - t0;
    const runs: CapturedRun[] = [];
    let warmMs = 0, warmRuns = 0;
    const wanted = restored.slice(0, req.frame?.runs ?? restored.length).filter((id) => !req.frame?.onlyNew || !this.captured.has(id));
    for (const id of wanted) {
      const c0 = performance.now();
      runs.push(await captureRun(t, id, req.view[id] ?? {}, undefined, req.frame));
      if (this.captured.has(id)) { warmMs += performance.now() - c0; warmRuns++; }
      this.captured.add(id);
    }
    const workMs = warmRuns > 0 ? importMs + (warmMs / warmRuns) * runs.length : null;
    return { kind: 'captured', runs, workMs };
  }

  /** the runs this worker's Trainer has captured before (see SnapshotReply's workMs) */
  private captured = new Set<string>();

  private drop(): void {
    this.captured.clear();
    this.trainer?.dispose();
    this.trainer = null;
    this.config = null;
  }

  dispose(): void {
    this.drop();
    this.dataset = null;
    this.datasetId = -1;
  }
}
