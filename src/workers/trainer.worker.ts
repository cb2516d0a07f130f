/// <reference lib="webworker" />
/**
 * The trainer worker: owns TensorFlow.js, the dataset and every tensor. The page talks to it through
 * Comlink (TrainerApi) and receives WorkerEvents through one proxied callback.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { get as idbGet, set as idbSet } from 'idb-keyval';
import { clearCifarUpload as forgetStoredCifar } from '../data/cifarStorage';
import { loadDataset } from '../data/loaders';
import { DataError, type Dataset } from '../data/types';
import { chooseBackend } from '../engine/backend';
import { describeSpec } from '../engine/backbone';
import { Trainer } from '../engine/trainer';
import type { ExperimentConfig, RunConfig } from '../store/config';
import { needsRebuild } from '../store/settings';
import { acceptCifarUpload } from './cifarUpload';
import type { BackendInfo, TrainerApi, WorkerEvent } from './protocol';
import { RunUpdates } from './runUpdates';
import { TrainLoop } from './trainLoop';

let emitCb: ((e: WorkerEvent) => void) | null = null;

function emit(e: WorkerEvent, transfer: Transferable[] = []): void {
  if (!emitCb) return;
  void emitCb(transfer.length ? Comlink.transfer(e, transfer) : e);
}

function report(err: unknown, fatal: boolean): void {
  if (err instanceof DataError) emit({ type: 'error', message: err.message, fix: err.fix, fatal });
  else emit({ type: 'error', message: err instanceof Error ? err.message : String(err), fix: '', fatal });
}

let dataset: Dataset | null = null;
let datasetKey = '';
let trainer: Trainer | null = null;
let applied: ExperimentConfig | null = null;
let backend: BackendInfo | null = null;
const loop = new TrainLoop(() => trainer, emit);
const runUpdates = new RunUpdates();

async function measureSteps(ds: Dataset, cfg: ExperimentConfig): Promise<number> {
  const probe = new Trainer(ds, { ...cfg, evalSize: 100, runs: [{ id: 'probe', name: 'probe', loss: 'softmax', learningRate: 1e-3, params: {}, choices: {} }] });
  try {
    for (let i = 0; i < 2; i++) await probe.trainStep(); // warm-up: kernel compilation, allocation
    const t0 = performance.now();
    const n = 4;
    for (let i = 0; i < n; i++) await probe.trainStep();
    return (n * cfg.batchSize) / ((performance.now() - t0) / 1000);
  } finally {
    probe.dispose();
  }
}

async function pickBackend(ds: Dataset, cfg: ExperimentConfig): Promise<BackendInfo> {
  emit({ type: 'progress', stage: 'Choosing the fastest backend (timing a few training steps)', fraction: 0 });
  const cacheKey = `backend-speed:v1:${ds.id}:${cfg.batchSize}:${navigator.userAgent}`;
  let cached: Record<string, number> | undefined;
  try { cached = await idbGet<Record<string, number>>(cacheKey); } catch { cached = undefined; }
  const info = await chooseBackend(cfg.backend === 'auto' ? 'auto' : cfg.backend, () => measureSteps(ds, cfg), cached);
  const speeds: Record<string, number> = {};
  for (const c of info.candidates) if (c.samplesPerSec) speeds[c.name] = c.samplesPerSec;
  if (cfg.backend === 'auto' && !cached && Object.keys(speeds).length) {
    try { await idbSet(cacheKey, speeds); } catch { /* storage may be disabled; the choice still stands */ }
  }
  if (cached && cfg.backend === 'auto') info.reason += ' (timings cached from an earlier visit)';
  return info;
}

/**
 * Commands run one at a time: an async command (configure, step, reset) must not interleave with
 * another at its awaits — on WebGPU two interleaved readbacks destroyed each other's buffers.
 * The training loop itself is stopped by the commands that need the tensors to themselves.
 */
let chain: Promise<unknown> = Promise.resolve();
function serial<T>(f: () => Promise<T>): Promise<T> {
  const next = chain.then(f, f);
  chain = next.catch(() => undefined);
  return next;
}

const api: TrainerApi = {
  async setEvents(cb) { emitCb = cb; },

  configure(config: ExperimentConfig, baseUrl: string) {
    runUpdates.configReceived();
    return serial(() => configureNow(config, baseUrl));
  },

  start() { return serial(async () => { if (trainer) loop.start(); }); },
  // pause acts at once (the loop checks the flag between steps), then waits its turn
  pause() { loop.running = false; return serial(() => loop.stop()); },
  step(n: number) {
    return serial(async () => {
      await loop.stop();
      try { await loop.steps(n); } catch (e) { report(e, false); }
    });
  },
  reset() {
    loop.running = false;
    return serial(async () => {
      const cfg = applied;
      await loop.stop();
      trainer?.dispose();
      trainer = null;
      applied = null;
      if (cfg) await configureNow(cfg, '');
    });
  },
  loadCifarFiles(files, config, baseUrl) {
    // parsing is synchronous work between two steps of a running loop: the session goes on meanwhile,
    // and on bad files it is simply left alone
    return serial(async () => {
      let outcome;
      try {
        // no progress events here: they travel on another port than this call's answer, so one could
        // arrive after a failure and leave a stale progress bar; the page shows the stage itself
        outcome = await acceptCifarUpload(files);
      } catch (e) {
        report(e, false);
        return e instanceof DataError ? { ok: false, message: e.message, fix: e.fix } : { ok: false, message: String(e), fix: '' };
      }
      if (outcome.notStored) report(outcome.notStored, false);
      if (config.dataset === 'cifar10') {
        await loop.stop();
        trainer?.dispose();
        trainer = null;
        applied = null;
        // replaces the cached CIFAR-10 set directly: even when storage refused it, this session uses it
        dataset = outcome.dataset;
        datasetKey = 'cifar10';
        await configureNow(config, baseUrl);
      }
      return { ok: true, description: outcome.dataset.description, stored: !outcome.notStored };
    });
  },
  clearCifarUpload(config, baseUrl) {
    return serial(async () => {
      try { await forgetStoredCifar(); } catch (e) { report(e, false); return; }
      if (!dataset?.uploaded) return;
      await loop.stop();
      trainer?.dispose();
      trainer = null;
      applied = null;
      dataset = null;
      datasetKey = '';
      await configureNow(config, baseUrl);
    });
  },
  duplicateRun(sourceId: string, run: RunConfig) {
    return serial(async () => {
      if (!trainer || !applied) return;
      try {
        trainer.addRun(run, sourceId);
        applied = { ...applied, runs: [...applied.runs, run] };
        await loop.snapshotAll(false);
      } catch (e) {
        report(e, false);
      }
    });
  },
  async setView(runId, view) {
    loop.view[runId] = view;
  },
  async updateRun(run: RunConfig) {
    // synchronous: takes effect between two steps of a running loop; during a rebuild it is kept
    // and applied to the rebuilt session (configureNow)
    if (!runUpdates.record(run) || !trainer || !applied) return;
    try {
      trainer.updateRun(run);
      applied = { ...applied, runs: applied.runs.map((r) => (r.id === run.id ? run : r)) };
    } catch (e) {
      report(e, false);
    }
  },
};

/** Slider changes kept during a rebuild, applied to the current trainer. */
function applyKeptUpdates(): void {
  if (!trainer || !applied) return;
  const next = runUpdates.over(applied);
  next.runs.forEach((r, i) => { if (r !== applied?.runs[i]) trainer?.updateRun(r); });
  applied = next;
}

async function configureNow(requested: ExperimentConfig, baseUrl: string): Promise<void> {
    let config = requested;
    const wasRunning = loop.running;
    await loop.stop();
    runUpdates.buildStarted();
    try {
      const dsKey = `${config.dataset}`;
      if (!dataset || dsKey !== datasetKey) {
        trainer?.dispose();
        trainer = null;
        applied = null;
        dataset = await loadDataset(config.dataset, baseUrl, {
          onProgress: (stage: string, fraction: number) => emit({ type: 'progress', stage, fraction }),
        });
        datasetKey = dsKey;
      }
      const ds = dataset;
      if (!ds) throw new Error('no dataset loaded');
      if (!trainer || !applied || needsRebuild(applied, config)) {
        trainer?.dispose();
        trainer = null;
        if (!backend || !applied || config.backend !== applied.backend || config.dataset !== applied.dataset || config.batchSize !== applied.batchSize) {
          backend = await pickBackend(ds, config);
        }
        emit({ type: 'progress', stage: `Building ${config.runs.length} run(s) on ${backend.name}`, fraction: 0.9 });
        config = runUpdates.over(config);
        trainer = new Trainer(ds, config);
        applied = config;
        const evalIdx = trainer.evalIndices;
        const per = ds.height * ds.width * ds.channels;
        const evalImages = new Uint8Array(evalIdx.length * per);
        evalIdx.forEach((i, k) => evalImages.set(ds.test.images.subarray(i * per, (i + 1) * per), k * per));
        const evalLabels = trainer.evalLabels;
        emit({
          type: 'ready',
          backend,
          dataset: {
            id: ds.id, description: ds.description, uploaded: ds.uploaded === true, classNames: ds.classNames, architecture: describeSpec(trainer.spec),
            trainCount: ds.train.count, testCount: ds.test.count, evalImages, evalLabels,
            height: ds.height, width: ds.width, channels: ds.channels,
          },
        }, [evalImages.buffer, evalLabels.buffer]);
        await loop.snapshotAll(true);
      } else {
        config = runUpdates.over(config);
        trainer.setPlan(config.plannedEpochs, config.lrSchedule);
        trainer.syncRuns(config.runs);
        applied = config;
        await loop.snapshotAll(false);
      }
      applyKeptUpdates(); // those that arrived during the snapshots
      emit({ type: 'state', running: false, step: trainer.globalStep });
      if (wasRunning) loop.start();
    } catch (e) {
      report(e, true);
    } finally {
      runUpdates.buildDone();
    }
}

// keep tfjs quiet about the backend registry's own fallback attempts
tf.env().set('PROD', true);
Comlink.expose(api);
// `npm run bench` builds with `--mode bench`: only then do its calls join the API. The condition is a
// constant in every build, so the shipped bundle holds no benchmark code. Added after expose (Comlink
// looks methods up per call): awaiting the import first would drop the page's first messages.
if (import.meta.env.MODE === 'bench') {
  void import('../bench/workerBench').then(({ benchApi }) => {
    Object.assign(api, benchApi({ serial, loop, page: () => ({ dataset, backend: backend?.name ?? null }) }));
  });
}
