/**
 * The backend the worker's session trains on: chosen by timing a few steps (the timings cached per
 * browser), watched for a lost device, and replaced by the next one when it fails during training.
 * Kept apart from session.ts so that the session's commands read as what they do to the runs, not
 * how a backend is picked or how its loss is noticed.
 */
import { get as idbGet, set as idbSet } from 'idb-keyval';
import type { AnyDataset } from '../data/types';
import { backendLost, chooseBackend, fallbackBackend, watchBackendLoss } from '../engine/backend';
import { Trainer } from '../engine/trainer';
import type { ExperimentConfig } from '../config/config';
import type { BackendInfo, BackendName, WorkerEvent } from './protocol';

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

export class ActiveBackend {
  /** the backend in use: null before the first choice, and once none is left after failures */
  private info: BackendInfo | null = null;
  /** backends that failed during training: never chosen again in this page's session */
  private readonly dead = new Set<BackendName>();
  /** set when the device itself is gone: nothing may be read back from it (WebGL reads return zeros) */
  private gone: string | null = null;

  constructor(
    private readonly emit: (e: WorkerEvent) => void,
    /** the active backend's device is gone (the loop's markLost) */
    private readonly onLost: (why: string) => void,
  ) {}

  get current(): BackendInfo | null {
    return this.info;
  }

  /** Starts watching the active backend for a lost device; only a loss of the backend in use counts. */
  watch(): void {
    const name = this.info?.name;
    watchBackendLoss((why) => {
      if (this.info?.name !== name) return;
      this.gone = why;
      this.onLost(why);
    });
  }

  /**
   * Called every second: the webglcontextlost listener depends on TF.js's canvas and event delivery
   * in a worker; the context itself says reliably whether it is lost.
   */
  poll(): void {
    if (!this.gone && backendLost()) {
      this.gone = 'WebGL context lost';
      this.onLost(this.gone);
    }
  }

  /** Debug (?debug=fail-backend, 'lost'): the device counts as gone. */
  markGone(why: string): void {
    this.gone = why;
  }

  /** Whether the runs' state may still be read off the device. */
  readable(): boolean {
    return !this.gone && !backendLost();
  }

  /** Chooses the backend for a config (timing a few training steps where asked to) and watches it. */
  async choose(ds: AnyDataset, cfg: ExperimentConfig): Promise<BackendInfo> {
    const info = await this.pick(ds, cfg);
    this.info = info;
    this.watch();
    return info;
  }

  /**
   * A backend for a trial run when no session chose one yet (its start failed before: a link naming
   * a set this browser lacks, a broken download); without one TF.js has no backend to build on.
   */
  async ensure(ds: AnyDataset, cfg: ExperimentConfig): Promise<void> {
    if (this.info) return;
    await this.choose(ds, cfg);
  }

  /**
   * The backend in use failed during training: it is never chosen again, and the next one is
   * activated (its device counts as present). Null, and no backend, when none is left.
   */
  async fallBack(why: string): Promise<BackendInfo | null> {
    const failed = this.info;
    if (!failed) return null;
    this.dead.add(failed.name);
    const next = await fallbackBackend(failed, this.dead, why);
    this.info = next;
    if (next) this.gone = null;
    return next;
  }

  private async pick(ds: AnyDataset, cfg: ExperimentConfig): Promise<BackendInfo> {
    this.emit({ type: 'progress', stage: 'Choosing the fastest backend (timing a few training steps)', fraction: 0 });
    const cacheKey = `backend-speed:v1:${ds.id}:${cfg.batchSize}:${navigator.userAgent}`;
    let cached: Record<string, number> | undefined;
    try { cached = await idbGet<Record<string, number>>(cacheKey); } catch { cached = undefined; }
    const info = await chooseBackend(cfg.backend === 'auto' ? 'auto' : cfg.backend, () => measureSteps(ds, cfg), cached, this.dead);
    const speeds: Record<string, number> = {};
    for (const c of info.candidates) if (c.samplesPerSec) speeds[c.name] = c.samplesPerSec;
    if (cfg.backend === 'auto' && !cached && Object.keys(speeds).length) {
      try { await idbSet(cacheKey, speeds); } catch { /* storage may be disabled; the choice still stands */ }
    }
    if (cached && cfg.backend === 'auto') info.reason += ' (timings cached from an earlier visit)';
    return info;
  }
}
