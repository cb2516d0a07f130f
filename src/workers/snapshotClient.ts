/**
 * The training worker's handle on the snapshot worker (snapshot.worker.ts): sends the runs' current
 * weights and settings, gets back their plotted embeddings and metrics inputs. `null` means "take the
 * snapshot here": no helper worker could start, or it failed MAX_FAILURES times in a row. A worker
 * that crashes or stops answering is ended and replaced at the next snapshot.
 */
import type { AnyDataset } from '../data/types';
import type { SnapshotView, Trainer, TrainerState } from '../engine/trainer';
import type { SnapshotApi } from './snapshot.worker';
import { requestHelper } from './helperPort';
import { startSupervised, supervise, type NestedWorker, type Supervised } from './supervisedWorker';
import { evaluationCopy, type CapturedRun, type FrameDetail, type SnapshotReply, type SnapshotRequest } from './snapshotService';

/** A six-run CIFAR-10 snapshot is a few seconds on a busy core; far longer means a hung worker. */
export const SNAPSHOT_TIMEOUT_MS = 60_000;
const MAX_FAILURES = 3;

export type SnapshotWorker = NestedWorker;

/** A frame from the snapshot worker: the runs' snapshots and what computing them cost it (see SnapshotReply). */
export interface OffloadedFrame {
  runs: CapturedRun[];
  workMs: number | null;
}

export interface SnapshotOffload {
  /**
   * Starts the worker now, so that loading TensorFlow.js and its wasm there (a second or more) overlaps
   * the training worker's own start rather than delaying the first frame.
   */
  prepare(): void;
  /** whether snapshots go to the worker now (false once it failed too often) */
  available(): boolean;
  /** the runs' snapshots, or null when this one could not be taken there (the caller takes it itself) */
  capture(trainer: Trainer, state: TrainerState, view: Record<string, SnapshotView>, frame?: FrameDetail): Promise<OffloadedFrame | null>;
}

export function makeSnapshotClient(makeWorker: () => SnapshotWorker | null, timeoutMs = SNAPSHOT_TIMEOUT_MS): SnapshotOffload {
  /** the running worker and the dataset it holds */
  let current: (Supervised<SnapshotApi> & { datasetId: number }) | null = null;
  let failures = 0;
  let unavailable = false;
  const datasetIds = new WeakMap<AnyDataset, number>();
  let nextId = 1;
  const idOf = (ds: AnyDataset): number => {
    let id = datasetIds.get(ds);
    if (id === undefined) { id = nextId++; datasetIds.set(ds, id); }
    return id;
  };

  const start = () => {
    const s = startSupervised<SnapshotApi>(makeWorker, 'snapshot', '');
    if (!s) unavailable = true;
    return s ? { ...s, datasetId: -1 } : null;
  };

  const ask = (c: NonNullable<typeof current>, req: SnapshotRequest): Promise<SnapshotReply> =>
    supervise<SnapshotReply>(c.remote.capture(req), c.failed, timeoutMs, `the snapshot worker did not answer within ${timeoutMs / 1000} s`);

  return {
    prepare() {
      if (!current && !unavailable && failures < MAX_FAILURES) current = start();
    },
    available: () => !unavailable && failures < MAX_FAILURES,
    async capture(trainer, state, view, frame) {
      if (!current && !unavailable && failures < MAX_FAILURES) current = start();
      if (!current) return null;
      const c = current;
      const datasetId = idOf(trainer.ds);
      const request = (withData: boolean): SnapshotRequest => ({
        datasetId, config: trainer.currentConfig(), state, view,
        ...(frame ? { frame } : {}),
        ...(withData ? { dataset: evaluationCopy(trainer.ds) } : {}),
      });
      try {
        const withData = c.datasetId !== datasetId;
        // counted as sent at once: a request made before this one's answer need not carry the data again
        c.datasetId = datasetId;
        let reply = await ask(c, request(withData));
        // the worker was given another dataset meanwhile (or restarted): send this one along
        if (reply.kind === 'needDataset') reply = await ask(c, request(true));
        if (reply.kind !== 'captured') throw new Error('the snapshot worker did not take the dataset');
        failures = 0;
        return { runs: reply.runs, workMs: reply.workMs };
      } catch {
        if (current === c) { c.worker.terminate(); current = null; failures++; }
        return null;
      }
    },
  };
}

/**
 * The trainer worker's snapshot client: the page starts the worker (helperPort.ts; a worker started
 * inside a worker can hang in Firefox); its handle exists at once, so `prepare()` at start-up works.
 */
export const snapshotOffload = makeSnapshotClient(() => requestHelper('snapshot'));
