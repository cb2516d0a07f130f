/**
 * The worker's side of `npm run bench` (TrainerApi.benchmark): switches to the requested backend, times
 * one cell with engine/benchmark.ts on the page's real worker, and switches back to the page's backend.
 * The page's own trainer is left alone (its tensors stay on its backend) and goes on where it was.
 */
import * as tf from '@tensorflow/tfjs';
import { loadDataset } from '../data/loaders';
import type { Dataset } from '../data/types';
import { chooseBackend } from '../engine/backend';
import { timeCell, type BenchCell, type BenchTiming } from '../engine/benchmark';
import type { BackendName } from './protocol';

export interface BenchRequest extends BenchCell {
  backend: BackendName;
  /** where the page serves its data (the worker resolves dataset files against it) */
  baseUrl: string;
}

export type BenchOutcome =
  | { ok: true; timing: BenchTiming; backendNote: string }
  | { ok: false; skipped: string };

/** every candidate counts as measured: a forced backend never triggers the chooser's timing steps */
const NO_TIMING: Record<BackendName, number> = { webgpu: 0, webgl: 0, wasm: 0, cpu: 0 };
const noMeasure = (): Promise<number> => Promise.resolve(0);

/** datasets the benchmark loaded itself (the page's own one is reused when it matches) */
const cache = new Map<Dataset['id'], Dataset>();

async function datasetFor(req: BenchRequest, pageDataset: Dataset | null): Promise<Dataset> {
  // the served set, not an upload: every benchmark run times the same data
  if (pageDataset && pageDataset.id === req.dataset && !pageDataset.uploaded) return pageDataset;
  let ds = cache.get(req.dataset);
  if (!ds) {
    ds = await loadDataset(req.dataset, req.baseUrl, { useStoredUpload: false });
    cache.set(req.dataset, ds);
  }
  return ds;
}

export async function runBenchmark(req: BenchRequest, page: { dataset: Dataset | null; backend: BackendName | null }): Promise<BenchOutcome> {
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
