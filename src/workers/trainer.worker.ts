/// <reference lib="webworker" />
/**
 * The trainer worker: owns TensorFlow.js, the dataset and every tensor. The page talks to it through
 * Comlink (TrainerApi) and receives WorkerEvents through one proxied callback.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs-core';
import './tfSetup';
import { get as idbGet, set as idbSet } from 'idb-keyval';
import { clearCifarUpload as forgetStoredCifar, hasCifarUpload } from '../data/cifarStorage';
import { loadDataset } from '../data/loaders';
import { DataError, type Dataset, type AnyDataset } from '../data/types';
import { backendLost, chooseBackend, fallbackBackend, loseWebGLContext, watchBackendLoss } from '../engine/backend';
import { describeSpec } from '../engine/backbone';
import { gatherPoints, sampleShape } from '../engine/batches';
import { Trainer, type TrainerState } from '../engine/trainer';
import type { ExperimentConfig, RunConfig } from '../store/config';
import { needsRebuild } from '../store/settings';
import { acceptCifarUpload } from './cifarUpload';
import { acceptOwnImages } from './ownImagesUpload';
import { TRIAL_STEPS, trialTrain } from './trialRun';
import type { BackendInfo, BackendName, CifarUploadResult, OwnImagesResult, TrainerApi, WorkerEvent } from './protocol';
import { RunUpdates } from './runUpdates';
import { snapshotOffload } from './snapshotClient';
import { TrainLoop } from './trainLoop';
import { withTimeout } from '../util/withTimeout';

let emitCb: ((e: WorkerEvent) => void) | null = null;

function emit(e: WorkerEvent, transfer: Transferable[] = []): void {
  if (!emitCb) return;
  void emitCb(transfer.length ? Comlink.transfer(e, transfer) : e);
}

function report(err: unknown, fatal: boolean): void {
  if (err instanceof DataError) emit({ type: 'error', message: err.message, fix: err.fix, fatal });
  else emit({ type: 'error', message: err instanceof Error ? err.message : String(err), fix: '', fatal });
}

let dataset: AnyDataset | null = null;
let datasetKey = '';
let trainer: Trainer | null = null;
let applied: ExperimentConfig | null = null;
/**
 * The config and base URL the page last asked for. Reset rebuilds from it when no session was built
 * (a fatal dataset error leaves `applied` empty): with nothing to rebuild, the page waited forever.
 */
let requested: { config: ExperimentConfig; baseUrl: string } | null = null;
let backend: BackendInfo | null = null;
const loop = new TrainLoop(() => trainer, emit, undefined, snapshotOffload, {
  copyOff: async () => { if (trainer) lastCopy = await trainer.exportState(); },
  recover: recoverBackend,
});
snapshotOffload.prepare();
const runUpdates = new RunUpdates();
/** backends that failed during training: never chosen again in this page's session */
const deadBackends = new Set<BackendName>();
/** the runs' state as last copied off the device (every few seconds while training) */
let lastCopy: TrainerState | null = null;
/** set when the device itself is gone: nothing may be read back from it (WebGL reads return zeros) */
let deviceGone: string | null = null;

/** Starts watching the active backend for a lost device; only a loss of the backend in use counts. */
function watchActive(): void {
  const name = backend?.name;
  watchBackendLoss((why) => {
    if (backend?.name !== name) return;
    deviceGone = why;
    loop.markLost(why);
  });
}

// the webglcontextlost listener depends on TF.js's canvas and event delivery in a worker; the
// context itself says reliably whether it is lost
setInterval(() => {
  if (!deviceGone && backendLost()) {
    deviceGone = 'WebGL context lost';
    loop.markLost(deviceGone);
  }
}, 1000);

/**
 * A step failed (backend error, lost device): rebuild the runs on the next backend from their state
 * read back now (when the device still answers) or from the last copy, and go on. Returns false when
 * no backend is left or nothing can be rebuilt; the loop then reports the error and stops.
 */
async function recoverBackend(err: unknown): Promise<boolean> {
  const ds = dataset;
  const cfg = applied;
  if (!trainer || !ds || !cfg || !backend) return false;
  const why = err instanceof Error ? err.message : String(err);
  let state: TrainerState | null = null;
  let source = 'read back at the failure';
  if (!deviceGone && !backendLost()) {
    try { state = await withTimeout(trainer.exportState(), 5000); } catch { state = null; }
  }
  if (!state) {
    state = lastCopy;
    source = state ? `the copy taken at step ${state.globalStep}` : 'the initial weights (no copy had been taken yet)';
  }
  try { trainer.dispose(); } catch { /* the device is gone and its memory with it */ }
  trainer = null;
  while (backend) {
    deadBackends.add(backend.name);
    const failed: BackendName = backend.name;
    const next = await fallbackBackend(backend, deadBackends, why);
    if (!next) { backend = null; break; }
    backend = next;
    deviceGone = null;
    loop.clearLost();
    try {
      trainer = new Trainer(ds, cfg);
      if (state) await trainer.importState(state);
      watchActive();
      emit({ type: 'backend', backend: next });
      emit({
        type: 'error',
        message: `The ${failed} backend failed during training (${why}). Training goes on on ${next.name} from step ${trainer.globalStep} (${source}).`,
        fix: '', fatal: false,
      });
      await loop.snapshotAll(false);
      return true;
    } catch {
      trainer?.dispose();
      trainer = null; // this backend cannot build the runs either: the next one
    }
  }
  return false; // the loop reports the error; Reset starts again on the CPU, which always starts
}

async function measureSteps(ds: AnyDataset, cfg: ExperimentConfig): Promise<number> {
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

async function pickBackend(ds: AnyDataset, cfg: ExperimentConfig): Promise<BackendInfo> {
  emit({ type: 'progress', stage: 'Choosing the fastest backend (timing a few training steps)', fraction: 0 });
  const cacheKey = `backend-speed:v1:${ds.id}:${cfg.batchSize}:${navigator.userAgent}`;
  let cached: Record<string, number> | undefined;
  try { cached = await idbGet<Record<string, number>>(cacheKey); } catch { cached = undefined; }
  const info = await chooseBackend(cfg.backend === 'auto' ? 'auto' : cfg.backend, () => measureSteps(ds, cfg), cached, deadBackends);
  const speeds: Record<string, number> = {};
  for (const c of info.candidates) if (c.samplesPerSec) speeds[c.name] = c.samplesPerSec;
  if (cfg.backend === 'auto' && !cached && Object.keys(speeds).length) {
    try { await idbSet(cacheKey, speeds); } catch { /* storage may be disabled; the choice still stands */ }
  }
  if (cached && cfg.backend === 'auto') info.reason += ' (timings cached from an earlier visit)';
  return info;
}

/**
 * A backend for a trial run when no session chose one yet (its start failed before: a link naming
 * a set this browser lacks, a broken download); without one TF.js has no backend to build on.
 */
async function ensureBackend(ds: AnyDataset, cfg: ExperimentConfig): Promise<void> {
  if (backend) return;
  backend = await pickBackend(ds, cfg);
  watchActive();
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

/** Counts the configs received: one that a newer config is queued behind is not applied (see configure). */
let configsReceived = 0;

const api: TrainerApi = {
  async setEvents(cb) { emitCb = cb; },

  configure(config: ExperimentConfig, baseUrl: string) {
    runUpdates.configReceived();
    const ticket = ++configsReceived;
    return serial(async () => {
      // each config holds everything before it: five quick "Add run"s are one change, not five rounds
      // of snapshots that the Train pressed after them would wait for
      if (ticket !== configsReceived) return;
      await configureNow(config, baseUrl);
    });
  },

  start() {
    loop.trainAsked();
    return serial(async () => { if (trainer) loop.start(); });
  },
  // pause acts at once (the loop checks the flag between steps), then waits its turn
  pause() { loop.requestStop(); return serial(() => loop.pause()); },
  step(n: number) {
    return serial(async () => {
      await loop.stop();
      try { await loop.steps(n); } catch (e) { if (!(await recoverBackend(e))) report(e, false); }
    });
  },
  reset() {
    loop.requestStop();
    return serial(async () => {
      const cfg = applied ?? requested?.config;
      await loop.stop();
      trainer?.dispose();
      trainer = null;
      applied = null;
      // the base URL of the last request: after a failed load the dataset is fetched again
      if (cfg) await configureNow(cfg, requested?.baseUrl ?? '');
    });
  },
  loadCifarFiles(files, config, baseUrl) {
    // loading CIFAR-10 files means training on them (the page switches the dataset along)
    const target: ExperimentConfig = { ...config, dataset: 'cifar10' };
    return serial(async () => {
      const refuse = (e: unknown): CifarUploadResult => {
        report(e, false);
        return e instanceof DataError ? { ok: false, message: e.message, fix: e.fix } : { ok: false, message: String(e), fix: '' };
      };
      let outcome;
      try {
        // no progress events here: they travel on another port than this call's answer, so one could
        // arrive after a failure and leave a stale progress bar; the page shows the stage itself
        outcome = await acceptCifarUpload(files);
      } catch (e) {
        return refuse(e); // not CIFAR-10, or nothing to learn: the session was not even paused
      }
      // the runs take their first steps on a throwaway trainer before the working session is touched
      const wasRunning = loop.running;
      await loop.stop();
      try {
        await ensureBackend(outcome.dataset, target);
        await trialTrain(outcome.dataset, runUpdates.over(target), outcome.names);
      } catch (e) {
        if (wasRunning) loop.start();
        return refuse(e);
      }
      const failed = await replaceSession(outcome.dataset, target, baseUrl);
      if (failed) return { ok: false, message: failed, fix: '' };
      // stored only now that the runs train on it: a set that cannot is never loaded at the next visit
      const notStored = await outcome.keep();
      if (notStored) report(notStored, false);
      return { ok: true, description: outcome.dataset.description, stored: !notStored };
    });
  },
  clearCifarUpload(config, baseUrl) {
    return serial(async () => {
      try { await forgetStoredCifar(); } catch (e) { report(e, false); return false; }
      // rebuilt when the runs train on the uploaded set, and when no session stands on CIFAR-10 (the
      // start on the stored set failed): the bundled set may do
      const onUpload = dataset !== null && 'uploaded' in dataset && dataset.uploaded === true;
      if (!onUpload && (applied || config.dataset !== 'cifar10')) return false;
      await loop.stop();
      trainer?.dispose();
      trainer = null;
      applied = null;
      dataset = null;
      datasetKey = '';
      await configureNow(config, baseUrl);
      return true;
    });
  },
  loadOwnImages(payload, config, baseUrl) {
    return serial(async (): Promise<OwnImagesResult> => {
      const refuse = (e: unknown): OwnImagesResult => {
        report(e, false);
        return e instanceof DataError ? { ok: false, message: e.message, fix: e.fix } : { ok: false, message: String(e), fix: '' };
      };
      let outcome;
      try {
        outcome = await acceptOwnImages(payload);
      } catch (e) {
        return refuse(e); // what is missing or wrong: the session was not even paused
      }
      // the config names the set by its hash; the runs try it on a throwaway trainer first
      const target: ExperimentConfig = { ...config, dataset: 'own-images', imageSet: outcome.hash };
      const wasRunning = loop.running;
      await loop.stop();
      try {
        await ensureBackend(outcome.dataset, target);
        await trialTrain(outcome.dataset, runUpdates.over(target), 'Your images', TRIAL_STEPS, 'Change the runs (or add images), then press "Use these images" again; the runs you had go on.');
      } catch (e) {
        if (wasRunning) loop.start();
        return refuse(e);
      }
      const failed = await replaceSession(outcome.dataset, target, baseUrl);
      if (failed) return { ok: false, message: failed, fix: '' };
      // kept only now that the runs train on it, as an uploaded CIFAR-10 set is
      const notStored = await outcome.keep();
      if (notStored) report(notStored, false);
      return { ok: true, hash: outcome.hash, description: outcome.dataset.description, stored: !notStored };
    });
  },
  async cifarUploadStored() {
    try { return await hasCifarUpload(); } catch { return false; }
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
  async memory() {
    const m = tf.memory();
    return { tensors: m.numTensors, bytes: m.numBytes };
  },
  checkpointState() {
    if (loop.running) return Promise.resolve(lastCopy);
    return serial(async () => (trainer && !loop.running ? trainer.exportState() : lastCopy));
  },
  importState(state) {
    return serial(async () => {
      await loop.stop();
      if (!trainer) return { restored: [], skipped: state.runs.map((r) => r.id), why: state.runs.map((r) => `${r.id}: no runs are built`) };
      const out = await trainer.importState(state);
      lastCopy = null;
      await loop.snapshotAll(true);
      emit({ type: 'state', running: false, step: trainer.globalStep });
      return out;
    });
  },
  async simulateBackendFailure(kind) {
    // the page calls this only with ?debug=fail-backend in its URL (browser tests)
    if (kind === 'lose-context') { loseWebGLContext(); return; } // the real event, not a flag
    const why = `simulated backend failure (debug=fail-backend, ${kind})`;
    loop.failSteps(why);
    if (kind === 'lost') deviceGone = why;
  },
  async simulateHang() {
    loop.hangOnce();
  },
  async ping() {
    return trainer?.globalStep ?? 0;
  },
  async setView(runId, view) {
    loop.setView(runId, view);
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

/**
 * Puts a session on an uploaded set that passed its trial in place of the current one. Should the
 * build still fail there (another backend is chosen for the new set, for one), the previous session
 * is rebuilt and its runs continue from their state as it was. Returns why it failed, or null.
 */
async function replaceSession(ds: Dataset, config: ExperimentConfig, baseUrl: string): Promise<string | null> {
  const before = { dataset, datasetKey, applied, state: trainer ? await trainer.exportState() : null };
  trainer?.dispose();
  trainer = null;
  applied = null;
  dataset = ds;
  datasetKey = datasetKeyOf(config);
  const failure = await configureNow(config, baseUrl);
  if (!failure) return null;
  const why = `The uploaded set could not be used: ${failure instanceof Error ? failure.message : String(failure)}.`;
  dataset = before.dataset;
  datasetKey = before.datasetKey;
  let back = '';
  if (before.applied && !(await configureNow(before.applied, baseUrl))) {
    const rebuilt = trainer as Trainer | null; // set by configureNow (TS still sees the null above)
    if (rebuilt && before.state) {
      await rebuilt.importState(before.state);
      await loop.snapshotAll(true);
      emit({ type: 'state', running: false, step: rebuilt.globalStep });
      back = ` The runs you had go on from step ${rebuilt.globalStep}.`;
    }
  }
  emit({ type: 'error', message: why + back, fix: '', fatal: false });
  return why;
}

/** Which data a config trains on: the dataset, and for your images the set its hash names. */
function datasetKeyOf(config: ExperimentConfig): string {
  return config.dataset === 'own-images' ? `own-images:${config.imageSet}` : config.dataset;
}

/** Slider changes kept during a rebuild, applied to the current trainer. */
function applyKeptUpdates(): void {
  if (!trainer || !applied) return;
  const next = runUpdates.over(applied);
  next.runs.forEach((r, i) => { if (r !== applied?.runs[i]) trainer?.updateRun(r); });
  applied = next;
}

/** Builds (or updates) the session for a config; resolves to null, or to what failed (reported as fatal). */
async function configureNow(asked: ExperimentConfig, baseUrl: string): Promise<unknown> {
    if (baseUrl) requested = { config: asked, baseUrl };
    let config = asked;
    const wasRunning = loop.running;
    await loop.stop();
    runUpdates.buildStarted();
    try {
      const dsKey = datasetKeyOf(config);
      // your images without a hash: whichever set is loaded (or stored) will do
      const anySet = dsKey === 'own-images:' && datasetKey.startsWith('own-images:');
      if (!dataset || (dsKey !== datasetKey && !anySet)) {
        trainer?.dispose();
        trainer = null;
        applied = null;
        dataset = await loadDataset(config.dataset, baseUrl, {
          onProgress: (stage: string, fraction: number) => emit({ type: 'progress', stage, fraction }),
          imageSet: config.imageSet,
        });
        datasetKey = dsKey;
      }
      const ds = dataset;
      if (!ds) throw new Error('no dataset loaded');
      // the config names the set it trains on, as the page will once 'ready' tells it the name
      if (config.dataset === 'own-images' && ds.kind !== 'points' && ds.imageSet) {
        config = { ...config, imageSet: ds.imageSet };
        datasetKey = datasetKeyOf(config);
      }
      if (!trainer || !applied || needsRebuild(applied, config)) {
        trainer?.dispose();
        trainer = null;
        if (!backend || !applied || config.backend !== applied.backend || config.dataset !== applied.dataset || config.batchSize !== applied.batchSize) {
          backend = await pickBackend(ds, config);
          watchActive();
        }
        emit({ type: 'progress', stage: `Building ${config.runs.length} run(s) on ${backend.name}`, fraction: 0.9 });
        config = runUpdates.over(config);
        trainer = new Trainer(ds, config);
        lastCopy = null; // a copy of the previous session's runs must never come back
        applied = config;
        const evalIdx = trainer.evalIndices;
        const [height, width, channels] = sampleShape(ds);
        const per = height * width * channels;
        const evalImages = new Uint8Array(ds.kind === 'points' ? 0 : evalIdx.length * per);
        if (ds.kind !== 'points') evalIdx.forEach((i, k) => evalImages.set(ds.test.images.subarray(i * per, (i + 1) * per), k * per));
        const evalPoints = ds.kind === 'points' ? gatherPoints(ds.test, ds.dims, evalIdx) : null;
        const evalLabels = trainer.evalLabels;
        const evalUnknown = trainer.evalUnknown.slice();
        emit({
          type: 'ready',
          backend,
          dataset: {
            id: ds.id, description: ds.description, uploaded: ds.kind !== 'points' && ds.uploaded === true, classNames: ds.classNames,
            imageSet: ds.kind !== 'points' ? ds.imageSet ?? '' : '',
            architecture: describeSpec(trainer.spec), trainCount: ds.train.count, testCount: ds.test.count,
            evalImages, evalPoints, evalLabels, evalUnknown, height, width, channels,
          },
        }, [evalImages.buffer, evalLabels.buffer, evalUnknown.buffer, ...(evalPoints ? [evalPoints.buffer] : [])]);
        // the snapshot worker starts on the other core while this one takes the first snapshot
        await loop.warmOffload();
        await loop.snapshotAll(true, { yieldToTrain: true });
      } else {
        config = runUpdates.over(config);
        const before = new Map((applied?.runs ?? []).map((r) => [r.id, JSON.stringify(r)]));
        trainer.setPlan(config.plannedEpochs, config.lrSchedule);
        trainer.syncRuns(config.runs);
        applied = config;
        // the runs that are new or changed; the others' snapshots still show them as they are
        const changed = config.runs.filter((r) => before.get(r.id) !== JSON.stringify(r)).map((r) => r.id);
        await loop.snapshotAll(false, { only: changed, yieldToTrain: true });
      }
      applyKeptUpdates(); // those that arrived during the snapshots
      emit({ type: 'state', running: false, step: trainer.globalStep });
      if (wasRunning) loop.start();
      return null;
    } catch (e) {
      report(e, true);
      return e;
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
