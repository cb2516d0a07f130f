/**
 * One experiment in Node on the wasm backend: a lock-step Trainer over the given runs, trained for a
 * number of steps, then evaluated on the whole test set. Shared by `npm run eval` and
 * scripts/evaluate-losses.ts so that both measure exactly what the page trains.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadCifar10 } from '../../src/data/cifar10';
import { loadMnist } from '../../src/data/mnist';
import { diskFetch, TEST_BASE } from '../../src/testing/testFetch';
import { isToyDataset, toyDataset } from '../../src/data/toy2d';
import type { AnyDataset } from '../../src/data/types';
import type { BackboneSpec } from '../../src/engine/backbone';
import { Trainer } from '../../src/engine/trainer';
import { initWasmBackendNode } from '../../src/engine/wasm/node';
import { getLoss } from '../../src/losses';
import type { DatasetId, ExperimentConfig } from '../../src/config/config';

export interface ExperimentRow {
  runId: string;
  name: string;
  loss: string;
  accuracy: number;
  /** the triplet run's trunk classifier, reported beside the plotted feature's accuracy */
  trunkAccuracy: number | null;
  recall1: number;
  nmi: number;
  mapAtR: number;
  auroc: number | null;
  /** retrieval among the held-out classes' test images only (null without held-out classes) */
  unseenRecall: { 1: number; 2: number; 4: number; 8: number } | null;
  unseenMapAtR: number | null;
  diverged: boolean;
  /** this run's own forward + backward + update time, seconds */
  trainSeconds: number;
}

export interface ExperimentResult {
  dataset: string;
  steps: number;
  epochs: number;
  wallSeconds: number;
  samplesPerSecond: number;
  rows: ExperimentRow[];
  /** test accuracy per run at the steps of `every` (steps → runId → accuracy), on the shown subset */
  interim: { step: number; seconds: number; accuracy: Record<string, number> }[];
}

let backendReady: Promise<void> | null = null;
export function wasmBackend(): Promise<void> {
  backendReady ??= (async () => {
    await initWasmBackendNode();
    await tf.setBackend('wasm');
  })();
  return backendReady;
}

const datasets = new Map<DatasetId, Promise<AnyDataset>>();
export function loadDataset(id: DatasetId): Promise<AnyDataset> {
  let p = datasets.get(id);
  if (!p) {
    const fetchFn = diskFetch();
    p = isToyDataset(id) ? Promise.resolve(toyDataset(id))
      : id === 'mnist' ? loadMnist(TEST_BASE, { fetchFn }) : loadCifar10(TEST_BASE, { fetchFn, prefer: 'subset' });
    datasets.set(id, p);
  }
  return p;
}

/** The Trainer keeps its runs private; a measurement wraps each run's train step to time it. */
type TimedRuns = Map<string, { train: (...a: unknown[]) => unknown }>;
function timeEachRun(trainer: Trainer): Map<string, number> {
  const spent = new Map<string, number>();
  // a cast into a private field: acceptable for a measurement script, not for the app
  const runs = (trainer as unknown as { runs: TimedRuns }).runs;
  for (const [id, s] of runs) {
    const inner = s.train;
    spent.set(id, 0);
    s.train = (...a: unknown[]) => {
      const t0 = performance.now();
      try { return inner(...a); } finally { spent.set(id, (spent.get(id) ?? 0) + performance.now() - t0); }
    };
  }
  return spent;
}

export interface ExperimentOptions {
  /** evaluate every run on the whole test set (the config's evalSize is overridden) */
  steps: number;
  every?: number;
  spec?: Partial<BackboneSpec>;
  log?: (line: string) => void;
}

export async function runExperiment(config: ExperimentConfig, opts: ExperimentOptions): Promise<ExperimentResult> {
  await wasmBackend();
  const ds = await loadDataset(config.dataset);
  const trainer = new Trainer(ds, { ...config, backend: 'wasm', evalSize: ds.test.count }, { spec: opts.spec });
  const spent = timeEachRun(trainer);
  const interim: ExperimentResult['interim'] = [];
  const t0 = performance.now();
  try {
    for (let i = 1; i <= opts.steps; i++) {
      await trainer.trainStep();
      if (opts.every && i % opts.every === 0 && i < opts.steps) {
        const accuracy: Record<string, number> = {};
        for (const id of trainer.runIds()) accuracy[id] = (await trainer.snapshot(id, false)).accuracy;
        const seconds = (performance.now() - t0) / 1000;
        interim.push({ step: i, seconds, accuracy });
        opts.log?.(`step ${i} (${seconds.toFixed(0)} s): ${Object.entries(accuracy).map(([k, v]) => `${k} ${(100 * v).toFixed(1)} %`).join(' · ')}`);
      }
    }
    const wallSeconds = (performance.now() - t0) / 1000;
    const rows: ExperimentRow[] = [];
    const diverged = new Set(trainer.divergedRuns().map((d) => d.id));
    for (const r of config.runs) {
      const m = (await trainer.snapshot(r.id, true)).metrics;
      if (!m) throw new Error('no metrics');
      rows.push({
        runId: r.id, name: r.name, loss: getLoss(r.loss).label, accuracy: m.accuracy, trunkAccuracy: m.trunkAccuracy ?? null,
        recall1: m.recall[1], nmi: m.nmi, mapAtR: m.mapAtR, auroc: m.auroc,
        unseenRecall: m.unseen ? { ...m.unseen.recall } : null, unseenMapAtR: m.unseen?.mapAtR ?? null, diverged: diverged.has(r.id),
        trainSeconds: (spent.get(r.id) ?? 0) / 1000,
      });
    }
    return {
      dataset: ds.description, steps: opts.steps, epochs: trainer.epoch, wallSeconds,
      samplesPerSecond: (opts.steps * config.batchSize * config.runs.length) / wallSeconds, rows, interim,
    };
  } finally {
    trainer.dispose();
  }
}
