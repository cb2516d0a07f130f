/**
 * The trainer worker's session: the dataset, the backend, the `Trainer` and the config it was built
 * for, the `TrainLoop`, slider changes kept over a rebuild, the recovery from a failed backend and
 * the last copy of the runs taken off the device. Every command runs through `serial`, one at a
 * time. All the worker's state lives here, in one object, so that it can be read in one place;
 * trainer.worker.ts only hands the page's calls (Comlink) to it.
 */
import { clearCifarUpload as forgetStoredCifar } from '../data/cifarStorage';
import { loadDataset } from '../data/loaders';
import { DataError, type Dataset, type AnyDataset } from '../data/types';
import { loseWebGLContext } from '../engine/backend';
import { Trainer, type ImportResult, type SnapshotView, type TrainerState } from '../engine/trainer';
import type { ExperimentConfig, RunConfig } from '../config/config';
import { needsRebuild } from '../config/settings';
import { withTimeout } from '../util/withTimeout';
import { ActiveBackend } from './activeBackend';
import { acceptCifarUpload } from './cifarUpload';
import { acceptOwnImages, type OwnImagesPayload } from './ownImagesUpload';
import type { BackendName, CifarUploadResult, OwnImagesResult, WorkerEvent } from './protocol';
import { readyEvent } from './readyEvent';
import { RunUpdates } from './runUpdates';
import type { SnapshotOffload } from './snapshotClient';
import { TrainLoop } from './trainLoop';
import { TRIAL_STEPS, trialTrain } from './trialRun';

/** How events reach the page (the worker wraps them for Comlink, transferring the buffers). */
export type EventSink = (e: WorkerEvent, transfer: Transferable[]) => void;

/** Which data a config trains on: the dataset, and for your images the set its hash names. */
function datasetKeyOf(config: ExperimentConfig): string {
  return config.dataset === 'own-images' ? `own-images:${config.imageSet}` : config.dataset;
}

export class Session {
  readonly loop: TrainLoop;
  private sink: EventSink | null = null;
  private dataset: AnyDataset | null = null;
  private datasetKey = '';
  private trainer: Trainer | null = null;
  private applied: ExperimentConfig | null = null;
  /**
   * The config and base URL the page last asked for. Reset rebuilds from it when no session was built
   * (a fatal dataset error leaves `applied` empty): with nothing to rebuild, the page waited forever.
   */
  private requested: { config: ExperimentConfig; baseUrl: string } | null = null;
  private readonly backend: ActiveBackend;
  private readonly runUpdates = new RunUpdates();
  /** the runs' state as last copied off the device (every few seconds while training) */
  private lastCopy: TrainerState | null = null;
  /** the command running now and those queued behind it (see serial) */
  private chain: Promise<unknown> = Promise.resolve();
  /** Counts the configs received: one that a newer config is queued behind is not applied (see configure). */
  private configsReceived = 0;

  constructor(offload: SnapshotOffload | null) {
    this.loop = new TrainLoop(() => this.trainer, (e, t) => this.emit(e, t), undefined, offload, {
      copyOff: async () => { if (this.trainer) this.lastCopy = await this.trainer.exportState(); },
      recover: (e) => this.recoverBackend(e),
    });
    this.backend = new ActiveBackend((e) => this.emit(e), (why) => this.loop.markLost(why));
  }

  setEvents(sink: EventSink | null): void {
    this.sink = sink;
  }

  private emit(e: WorkerEvent, transfer: Transferable[] = []): void {
    this.sink?.(e, transfer);
  }

  private report(err: unknown, fatal: boolean): void {
    if (err instanceof DataError) this.emit({ type: 'error', message: err.message, fix: err.fix, fatal });
    else this.emit({ type: 'error', message: err instanceof Error ? err.message : String(err), fix: '', fatal });
  }

  /** An upload that is not used: reported (not fatal), and the answer to the page's call. */
  private refuse(e: unknown): { ok: false; message: string; fix: string } {
    this.report(e, false);
    return e instanceof DataError ? { ok: false, message: e.message, fix: e.fix } : { ok: false, message: String(e), fix: '' };
  }

  /** Called every second by the worker: notices a lost WebGL context (see ActiveBackend.poll). */
  pollLost(): void {
    this.backend.poll();
  }

  /**
   * Commands run one at a time: an async command (configure, step, reset) must not interleave with
   * another at its awaits — on WebGPU two interleaved readbacks destroyed each other's buffers.
   * The training loop itself is stopped by the commands that need the tensors to themselves.
   */
  serial<T>(f: () => Promise<T>): Promise<T> {
    const next = this.chain.then(f, f);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** What the benchmark (bench builds) needs of the page's session: its dataset and backend. */
  page(): { dataset: AnyDataset | null; backend: BackendName | null } {
    return { dataset: this.dataset, backend: this.backend.current?.name ?? null };
  }

  configure(config: ExperimentConfig, baseUrl: string): Promise<void> {
    this.runUpdates.configReceived();
    const ticket = ++this.configsReceived;
    return this.serial(async () => {
      // each config holds everything before it: five quick "Add run"s are one change, not five rounds
      // of snapshots that the Train pressed after them would wait for
      if (ticket !== this.configsReceived) return;
      await this.configureNow(config, baseUrl);
    });
  }

  start(): Promise<void> {
    this.loop.trainAsked();
    return this.serial(async () => { if (this.trainer) this.loop.start(); });
  }

  /** pause acts at once (the loop checks the flag between steps), then waits its turn */
  pause(): Promise<void> {
    this.loop.requestStop();
    return this.serial(() => this.loop.pause());
  }

  step(n: number): Promise<void> {
    return this.serial(async () => {
      await this.loop.stop();
      try { await this.loop.steps(n); } catch (e) { if (!(await this.recoverBackend(e))) this.report(e, false); }
    });
  }

  reset(): Promise<void> {
    this.loop.requestStop();
    return this.serial(async () => {
      const cfg = this.applied ?? this.requested?.config;
      await this.loop.stop();
      this.trainer?.dispose();
      this.trainer = null;
      this.applied = null;
      // the base URL of the last request: after a failed load the dataset is fetched again
      if (cfg) await this.configureNow(cfg, this.requested?.baseUrl ?? '');
    });
  }

  loadCifarFiles(files: { name: string; bytes: ArrayBuffer }[], config: ExperimentConfig, baseUrl: string): Promise<CifarUploadResult> {
    // loading CIFAR-10 files means training on them (the page switches the dataset along)
    const target: ExperimentConfig = { ...config, dataset: 'cifar10' };
    return this.serial(async () => {
      let outcome;
      try {
        // no progress events here: they travel on another port than this call's answer, so one could
        // arrive after a failure and leave a stale progress bar; the page shows the stage itself
        outcome = await acceptCifarUpload(files);
      } catch (e) {
        return this.refuse(e); // not CIFAR-10, or nothing to learn: the session was not even paused
      }
      const names = outcome.names;
      const switched = await this.switchToTrialled(outcome, target, baseUrl, (config) => trialTrain(outcome.dataset, config, names));
      return switched.ok ? { ...switched, description: outcome.dataset.description } : switched;
    });
  }

  /**
   * Moves the session onto an uploaded set once the runs have taken their first steps on it on a
   * throwaway trainer (`trial`): until then the working session is untouched, and a refusal leaves it
   * running as it was. The set is stored only after the switch, so a set the runs cannot train on is
   * never loaded at the next visit.
   */
  private async switchToTrialled(upload: { dataset: Dataset; keep(): Promise<DataError | null> }, target: ExperimentConfig,
    baseUrl: string, trial: (config: ExperimentConfig) => Promise<void>): Promise<{ ok: true; stored: boolean } | { ok: false; message: string; fix: string }> {
    const wasRunning = this.loop.running;
    await this.loop.stop();
    try {
      await this.backend.ensure(upload.dataset, target);
      await trial(this.runUpdates.over(target));
    } catch (e) {
      if (wasRunning) this.loop.start();
      return this.refuse(e);
    }
    const failed = await this.replaceSession(upload.dataset, target, baseUrl);
    if (failed) return { ok: false, message: failed, fix: '' };
    const notStored = await upload.keep();
    if (notStored) this.report(notStored, false);
    return { ok: true, stored: !notStored };
  }

  clearCifarUpload(config: ExperimentConfig, baseUrl: string): Promise<boolean> {
    return this.serial(async () => {
      try { await forgetStoredCifar(); } catch (e) { this.report(e, false); return false; }
      // rebuilt when the runs train on the uploaded set, and when no session stands on CIFAR-10 (the
      // start on the stored set failed): the bundled set may do
      const onUpload = this.dataset !== null && 'uploaded' in this.dataset && this.dataset.uploaded === true;
      if (!onUpload && (this.applied || config.dataset !== 'cifar10')) return false;
      await this.loop.stop();
      this.trainer?.dispose();
      this.trainer = null;
      this.applied = null;
      this.dataset = null;
      this.datasetKey = '';
      await this.configureNow(config, baseUrl);
      return true;
    });
  }

  loadOwnImages(payload: OwnImagesPayload, config: ExperimentConfig, baseUrl: string): Promise<OwnImagesResult> {
    return this.serial(async (): Promise<OwnImagesResult> => {
      let outcome;
      try {
        outcome = await acceptOwnImages(payload);
      } catch (e) {
        return this.refuse(e); // what is missing or wrong: the session was not even paused
      }
      // the config names the set by its hash; the runs try it on a throwaway trainer first
      const target: ExperimentConfig = { ...config, dataset: 'own-images', imageSet: outcome.hash };
      const switched = await this.switchToTrialled(outcome, target, baseUrl, (config) => trialTrain(outcome.dataset, config, 'Your images',
        TRIAL_STEPS, 'Change the runs (or add images), then press "Use these images" again; the runs you had go on.'));
      return switched.ok ? { ...switched, hash: outcome.hash, description: outcome.dataset.description } : switched;
    });
  }

  duplicateRun(sourceId: string, run: RunConfig): Promise<void> {
    return this.serial(async () => {
      if (!this.trainer || !this.applied) return;
      try {
        this.trainer.addRun(run, sourceId);
        this.applied = { ...this.applied, runs: [...this.applied.runs, run] };
        await this.loop.snapshotAll(false);
      } catch (e) {
        this.report(e, false);
      }
    });
  }

  checkpointState(): Promise<TrainerState | null> {
    if (this.loop.running) return Promise.resolve(this.lastCopy);
    return this.serial(async () => (this.trainer && !this.loop.running ? this.trainer.exportState() : this.lastCopy));
  }

  importState(state: TrainerState): Promise<ImportResult> {
    return this.serial(async () => {
      await this.loop.stop();
      if (!this.trainer) return { restored: [], skipped: state.runs.map((r) => r.id), why: state.runs.map((r) => `${r.id}: no runs are built`) };
      const out = await this.trainer.importState(state);
      this.lastCopy = null;
      await this.loop.snapshotAll(true);
      this.emit({ type: 'state', running: false, step: this.trainer.globalStep });
      return out;
    });
  }

  /** Debug (?debug=fail-backend): see TrainerApi.simulateBackendFailure. */
  simulateBackendFailure(kind: 'error' | 'lost' | 'lose-context'): number {
    const at = this.trainer?.globalStep ?? 0;
    if (kind === 'lose-context') { loseWebGLContext(); return at; } // the real event, not a flag
    const why = `simulated backend failure (debug=fail-backend, ${kind})`;
    this.loop.failSteps(why);
    if (kind === 'lost') this.backend.markGone(why);
    return at;
  }

  /** Debug (?debug=hang): the next training step never finishes. */
  simulateHang(): void {
    this.loop.hangOnce();
  }

  /** the lock-step count, read without waiting for a command (the watchdog's ping) */
  globalStep(): number {
    return this.trainer?.globalStep ?? 0;
  }

  setView(runId: string, view: SnapshotView): void {
    this.loop.setView(runId, view);
  }

  /**
   * Not queued: takes effect between two steps of a running loop; during a rebuild it is kept and
   * applied to the rebuilt session (configureNow).
   */
  updateRun(run: RunConfig): void {
    if (!this.runUpdates.record(run) || !this.trainer || !this.applied) return;
    try {
      this.trainer.updateRun(run);
      this.applied = { ...this.applied, runs: this.applied.runs.map((r) => (r.id === run.id ? run : r)) };
    } catch (e) {
      this.report(e, false);
    }
  }

  /**
   * A step failed (backend error, lost device): rebuild the runs on the next backend from their state
   * read back now (when the device still answers) or from the last copy, and go on. Returns false when
   * no backend is left or nothing can be rebuilt; the loop then reports the error and stops.
   */
  private async recoverBackend(err: unknown): Promise<boolean> {
    const ds = this.dataset;
    const cfg = this.applied;
    if (!this.trainer || !ds || !cfg || !this.backend.current) return false;
    const why = err instanceof Error ? err.message : String(err);
    let state: TrainerState | null = null;
    let source = 'read back at the failure';
    if (this.backend.readable()) {
      try { state = await withTimeout(this.trainer.exportState(), 5000); } catch { state = null; }
    }
    if (!state) {
      state = this.lastCopy;
      source = state ? `the copy taken at step ${state.globalStep}` : 'the initial weights (no copy had been taken yet)';
    }
    try { this.trainer.dispose(); } catch { /* the device is gone and its memory with it */ }
    this.trainer = null;
    while (this.backend.current) {
      const failed: BackendName = this.backend.current.name;
      const next = await this.backend.fallBack(why);
      if (!next) break;
      this.loop.clearLost();
      try {
        this.trainer = new Trainer(ds, cfg);
        if (state) await this.trainer.importState(state);
        this.backend.watch();
        this.emit({ type: 'backend', backend: next });
        this.emit({
          type: 'error',
          message: `The ${failed} backend failed during training (${why}). Training goes on on ${next.name} from step ${this.trainer.globalStep} (${source}).`,
          fix: '', fatal: false,
        });
        await this.loop.snapshotAll(false);
        return true;
      } catch {
        this.trainer?.dispose();
        this.trainer = null; // this backend cannot build the runs either: the next one
      }
    }
    return false; // the loop reports the error; Reset starts again on the CPU, which always starts
  }

  /**
   * Puts a session on an uploaded set that passed its trial in place of the current one. Should the
   * build still fail there (another backend is chosen for the new set, for one), the previous session
   * is rebuilt and its runs continue from their state as it was. Returns why it failed, or null.
   */
  private async replaceSession(ds: Dataset, config: ExperimentConfig, baseUrl: string): Promise<string | null> {
    const before = { dataset: this.dataset, datasetKey: this.datasetKey, applied: this.applied, state: this.trainer ? await this.trainer.exportState() : null };
    this.trainer?.dispose();
    this.trainer = null;
    this.applied = null;
    this.dataset = ds;
    this.datasetKey = datasetKeyOf(config);
    const failure = await this.configureNow(config, baseUrl);
    if (!failure) return null;
    const why = `The uploaded set could not be used: ${failure instanceof Error ? failure.message : String(failure)}.`;
    this.dataset = before.dataset;
    this.datasetKey = before.datasetKey;
    let back = '';
    if (before.applied && !(await this.configureNow(before.applied, baseUrl))) {
      const rebuilt = this.trainer as Trainer | null; // set by configureNow (TS still sees the null above)
      if (rebuilt && before.state) {
        await rebuilt.importState(before.state);
        await this.loop.snapshotAll(true);
        this.emit({ type: 'state', running: false, step: rebuilt.globalStep });
        back = ` The runs you had go on from step ${rebuilt.globalStep}.`;
      }
    }
    this.emit({ type: 'error', message: why + back, fix: '', fatal: false });
    return why;
  }

  /** Slider changes kept during a rebuild, applied to the current trainer. */
  private applyKeptUpdates(): void {
    const { trainer, applied } = this;
    if (!trainer || !applied) return;
    const next = this.runUpdates.over(applied);
    next.runs.forEach((r, i) => { if (r !== applied.runs[i]) trainer.updateRun(r); });
    this.applied = next;
  }

  /** Builds (or updates) the session for a config; resolves to null, or to what failed (reported as fatal). */
  private async configureNow(asked: ExperimentConfig, baseUrl: string): Promise<unknown> {
    if (baseUrl) this.requested = { config: asked, baseUrl };
    let config = asked;
    const wasRunning = this.loop.running;
    await this.loop.stop();
    this.runUpdates.buildStarted();
    try {
      const dsKey = datasetKeyOf(config);
      // your images without a hash: whichever set is loaded (or stored) will do
      const anySet = dsKey === 'own-images:' && this.datasetKey.startsWith('own-images:');
      if (!this.dataset || (dsKey !== this.datasetKey && !anySet)) {
        this.trainer?.dispose();
        this.trainer = null;
        this.applied = null;
        this.dataset = await loadDataset(config.dataset, baseUrl, {
          onProgress: (stage: string, fraction: number) => this.emit({ type: 'progress', stage, fraction }),
          imageSet: config.imageSet,
        });
        this.datasetKey = dsKey;
      }
      const ds = this.dataset;
      if (!ds) throw new Error('no dataset loaded');
      // the config names the set it trains on, as the page will once 'ready' tells it the name
      if (config.dataset === 'own-images' && ds.kind !== 'points' && ds.imageSet) {
        config = { ...config, imageSet: ds.imageSet };
        this.datasetKey = datasetKeyOf(config);
      }
      if (!this.trainer || !this.applied || needsRebuild(this.applied, config)) {
        this.trainer?.dispose();
        this.trainer = null;
        const applied = this.applied;
        let backend = this.backend.current;
        if (!backend || !applied || config.backend !== applied.backend || config.dataset !== applied.dataset || config.batchSize !== applied.batchSize) {
          backend = await this.backend.choose(ds, config);
        }
        this.emit({ type: 'progress', stage: `Building ${config.runs.length} run(s) on ${backend.name}`, fraction: 0.9 });
        config = this.runUpdates.over(config);
        const trainer = new Trainer(ds, config);
        this.trainer = trainer;
        this.lastCopy = null; // a copy of the previous session's runs must never come back
        this.applied = config;
        const ready = readyEvent(ds, trainer, backend);
        this.emit(ready.event, ready.transfer);
        // the snapshot worker starts on the other core while this one takes the first snapshot
        await this.loop.warmOffload();
        await this.loop.snapshotAll(true, { yieldToTrain: true });
      } else {
        config = this.runUpdates.over(config);
        const before = new Map(this.applied.runs.map((r) => [r.id, JSON.stringify(r)]));
        this.trainer.setPlan(config.plannedEpochs, config.lrSchedule);
        this.trainer.syncRuns(config.runs);
        this.applied = config;
        // the runs that are new or changed; the others' snapshots still show them as they are
        const changed = config.runs.filter((r) => before.get(r.id) !== JSON.stringify(r)).map((r) => r.id);
        await this.loop.snapshotAll(false, { only: changed, yieldToTrain: true });
        if (changed.length) await this.loop.warmNewRuns();
      }
      this.applyKeptUpdates(); // those that arrived during the snapshots
      this.emit({ type: 'state', running: false, step: this.trainer.globalStep });
      if (wasRunning) this.loop.start();
      return null;
    } catch (e) {
      this.report(e, true);
      return e;
    } finally {
      this.runUpdates.buildDone();
    }
  }
}
