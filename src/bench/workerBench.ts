/**
 * The worker's side of `npm run bench` (BenchApi.benchmark): switches to the requested backend, times
 * one cell with bench/timeCell.ts on the page's real worker, and switches back to the page's backend.
 * The page's own trainer is left alone (its tensors stay on its backend) and goes on where it was.
 * Loaded by trainer.worker.ts only in a `--mode bench` build; the shipped build has none of it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset } from '../data/loaders';
import type { AnyDataset, Dataset } from '../data/types';
import { chooseBackend } from '../engine/backend';
import type { BackendName } from '../engine/types';
import type { BenchApi, BenchOutcome, BenchRequest } from './protocol';
import { timeCell } from './timeCell';

/** every candidate counts as measured: a forced backend never triggers the chooser's timing steps */
const NO_TIMING: Record<BackendName, number> = { webgpu: 0, webgl: 0, wasm: 0, cpu: 0 };
const noMeasure = (): Promise<number> => Promise.resolve(0);

/** datasets the benchmark loaded itself (the page's own one is reused when it matches) */
const cache = new Map<Dataset['id'], Dataset>();

async function datasetFor(req: BenchRequest, pageDataset: AnyDataset | null): Promise<Dataset> {
  // the served set, not an upload: every benchmark run times the same data
  if (pageDataset && pageDataset.kind !== 'points' && pageDataset.id === req.dataset && !pageDataset.uploaded) return pageDataset;
  let ds = cache.get(req.dataset);
  if (!ds) {
    ds = await loadDataset(req.dataset, req.baseUrl, { useStoredUpload: false });
    cache.set(req.dataset, ds);
  }
  return ds;
}

export async function runBenchmark(req: BenchRequest, page: { dataset: AnyDataset | null; backend: BackendName | null }): Promise<BenchOutcome> {
  const ds = await datasetFor(req, page.dataset);
  try {
    const info = await chooseBackend(req.backend, noMeasure, NO_TIMING);
    if (info.name !== req.backend) return { ok: false, skipped: info.reason };
    const chosen = info.candidates.find((c) => c.name === req.backend);
    return { ok: true, timing: await timeCell(ds, req), backendNote: chosen?.note ?? '' };
  } finally {
    if (page.backend && tf.getBackend() !== page.backend) await chooseBackend(page.backend, noMeasure, NO_TIMING);
  }
}

/** What the worker's Session lends the benchmark: its serial queue, its loop, and the page's dataset and backend. */
export interface WorkerSide {
  serial<T>(f: () => Promise<T>): Promise<T>;
  loop: { readonly running: boolean; stop(): Promise<void>; start(): void; setFramesWhileTraining(on: boolean): void };
  page(): { dataset: AnyDataset | null; backend: BackendName | null };
}

/** The bench calls the worker adds to its API in a bench build. */
export function benchApi(w: WorkerSide): BenchApi {
  return {
    benchmark(req) {
      return w.serial(async () => {
        const wasRunning = w.loop.running;
        await w.loop.stop();
        try {
          return await runBenchmark(req, w.page());
        } finally {
          if (wasRunning) w.loop.start();
        }
      });
    },
    // not serial: it must answer between two training steps, like a slider's updateRun
    async ping() { return performance.timeOrigin + performance.now(); },
    async setFrames(on) { w.loop.setFramesWhileTraining(on); },
  };
}
