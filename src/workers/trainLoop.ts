/**
 * The worker's training loop: lock-step steps, yielding to incoming messages between steps so the
 * page's controls act within one step, and snapshots: the plots' frames while training are taken by
 * the snapshot worker on the other core (see maybeOffload), or here where it cannot, spaced so that
 * they cost at most EVAL_BUDGET of the training time.
 */
import type { SnapshotView, Trainer, TrainerState } from '../engine/trainer';
import type { SnapshotOffload } from './snapshotClient';
import { captureRun, FRAME_REGION_GRID, snapshotBuffers, type CapturedRun, type FrameDetail } from './snapshotService';
import type { EvaluationInput } from '../metrics';
import { computeMetrics } from './metricsClient';
import type { RunMetrics, WorkerEvent } from './protocol';
import { dict, own } from '../util/dict';
import { framePoints } from './framePoints';
import { SnapshotPacer } from './snapshotPacer';
import { MetricsQueue } from './metricsQueue';
import { forwardFlops, lenetSpec } from '../engine/backbone';

/** An MNIST image's forward pass: what Points while training's "auto" counts in */
const MNIST_FLOPS = forwardFlops(lenetSpec(28, 28, 1, 2));

/** Where frames are taken in the training worker itself, they may cost this share of its time. */
const EVAL_BUDGET = 0.1;
const MIN_SNAPSHOT_MS = 300;
const METRICS_EVERY_MS = 2500;
const PROGRESS_EVERY_MS = 100;
/**
 * A frame while training shows at least this many steps more than the one before: a frame one step on
 * looks like the last (a step of Adam at 1e-3 barely moves a point). With six runs a step takes ~250 ms
 * here: a frame at step 1 would hold the first frame that shows learning back by a frame interval.
 */
const MIN_STEPS_PER_FRAME = 2;

/** Lets queued messages (pause, slider changes) run; MessageChannel avoids setTimeout's 4 ms clamp. */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { ch.port1.close(); resolve(); };
    ch.port2.postMessage(0);
  });
}

/** What the loop is given beyond the trainer and the page's events (the session's recovery and copies). */
export interface TrainLoopOptions {
  /**
   * Called when a step throws; resolves true when the session was rebuilt (on another backend) and
   * training may go on. Runs while the loop still counts as active, so commands wait for it.
   */
  recover?: (e: unknown) => Promise<boolean>;
  /** every so often while training, a copy of the runs' state is taken off the device (see recover) */
  copyOff?: () => Promise<void>;
  /** how often copyOff runs while training (ms) */
  copyEveryMs?: number;
  /**
   * The first copy comes this soon after Train (ms), so that a checkpoint (and the watchdog's restart)
   * exists from the first seconds of training, not only after copyEveryMs.
   */
  firstCopyMs?: number;
}

export class TrainLoop {
  /** true while the loop is to go on stepping: cleared by requestStop and stop, read between steps */
  private keepRunning = false;
  /** true from start() until the loop has finished its last step */
  private active = false;
  private done: Promise<void> = Promise.resolve();
  private trainMs = 0;
  private evalMs = 0;
  private samples = 0;
  private sinceSnapshotMs = 0;
  private lastMetrics = 0;
  private lastProgress = 0;
  private reportedDivergence = new Set<string>();
  private pendingItems: WorkerEvent & { type: 'train' } = { type: 'train', items: [], samplesPerSec: 0, evalShare: 0 };
  /** Train was pressed and waits its turn (see trainAsked) */
  private trainWaiting = false;

  /**
   * Set when the device is gone (WebGPU device lost, WebGL context lost, or the debug hook): the next
   * step throws instead of training on a backend whose results can no longer be trusted.
   */
  private deviceLost: string | null = null;
  /** the constructor's options (see TrainLoopOptions) */
  private readonly recover: ((e: unknown) => Promise<boolean>) | null;
  private readonly copyOff: (() => Promise<void>) | null;
  private readonly copyEveryMs: number;
  private readonly firstCopyMs: number;
  /** Debug (?debug=hang): the next step never finishes, as the stall seen in Firefox (the watchdog's test). */
  private hangNextStep = false;
  private lastCopyAt = 0;
  /** a pause asked for during a recovery: the loop does not start again after it */
  private stopRequested = false;
  /** which start() the running loop belongs to: an abandoned one must not go on (see markLost) */
  private generation = 0;
  private abandon: (why: string) => void = () => {};

  private lastSnapshotMs = 0;
  /** per run: extras the page currently shows (gradient colouring, mined triplets) */
  private readonly view: Record<string, SnapshotView> = dict();
  private readonly metrics: MetricsQueue<Trainer>;
  private framesWhileTraining = true;
  /** snapshots are numbered as they are started; one older than the last shown is dropped */
  private snapshotSeq = 0;
  private shownSeq = 0;
  /** when the snapshot worker takes the next frame (see snapshotPacer.ts) */
  private readonly pacer = new SnapshotPacer();
  /** the snapshot worker could not take the last snapshot: the loop takes the next one itself */
  private localDue = false;
  /** the lock-step count of the last snapshot shown, and whether it showed every shown point */
  private shownStep = -1;
  private shownFull = false;
  /** the lock-step count of the last frame started (or snapshot taken here) */
  private frameStep = -Infinity;

  constructor(
    private readonly trainer: () => Trainer | null,
    private readonly emit: (e: WorkerEvent, t?: Transferable[]) => void,
    /** the evaluation (the metrics worker's client; tests pass their own) */
    evaluate: (input: EvaluationInput) => Promise<RunMetrics> = computeMetrics,
    /** the snapshot worker, where the loop's periodic snapshots go (none: all are taken here) */
    private readonly offload: SnapshotOffload | null = null,
    options: TrainLoopOptions = {},
  ) {
    this.metrics = new MetricsQueue(evaluate, emit, trainer);
    this.recover = options.recover ?? null;
    this.copyOff = options.copyOff ?? null;
    this.copyEveryMs = options.copyEveryMs ?? 5_000;
    this.firstCopyMs = options.firstCopyMs ?? 2_000;
  }

  /** whether the loop is to go on stepping (false at once after requestStop) */
  get running(): boolean {
    return this.keepRunning;
  }

  /**
   * Pause and Reset act at once: the loop checks this between steps, before the command's turn
   * comes (stop or pause then waits for the loop to end).
   */
  requestStop(): void {
    this.keepRunning = false;
  }

  /**
   * The device is gone: the next step throws, and a step still waiting on the device is abandoned
   * (reads on a lost WebGL context never answer, so the loop would hang there).
   */
  markLost(why: string): void {
    this.deviceLost = why;
    this.abandon(why);
  }

  /** Debug (?debug=fail-backend): the next step throws `why`, as on a broken backend (unlike markLost, the step in flight finishes). */
  failSteps(why: string): void {
    this.deviceLost = why;
  }

  /** The runs were rebuilt on another backend: steps may go on. */
  clearLost(): void {
    this.deviceLost = null;
  }

  /** Debug (?debug=hang): the next step never finishes. */
  hangOnce(): void {
    this.hangNextStep = true;
  }

  /** What the page shows for a run (gradient colouring, mined triplets): snapshots compute it. */
  setView(runId: string, view: SnapshotView): void {
    this.view[runId] = view;
  }

  /**
   * Train was pressed and waits its turn: a snapshot of a freshly built session (step 0, every point)
   * stops at the next run rather than hold training back; the first frame while training follows.
   */
  trainAsked(): void {
    this.trainWaiting = true;
  }

  start(): void {
    this.trainWaiting = false;
    if (this.keepRunning || !this.trainer()) return;
    this.keepRunning = true;
    this.active = true;
    this.stopRequested = false;
    this.lastCopyAt = performance.now() - Math.max(0, this.copyEveryMs - this.firstCopyMs);
    // throughput and evaluation share describe this training session: counted from the start, the
    // snapshot taken when the runs were built (and earlier sessions) would skew both for minutes
    this.trainMs = 0;
    this.evalMs = 0;
    this.samples = 0;
    this.emit({ type: 'state', running: true, step: this.trainer()?.globalStep ?? 0 });
    let again = false;
    const generation = ++this.generation;
    const lost = new Promise<never>((_, reject) => { this.abandon = (why) => reject(new Error(why)); });
    this.done = Promise.race([this.run(generation), lost]).catch(async (e: unknown) => {
      this.generation++; // an abandoned run that ever wakes up stops at its next check
      this.keepRunning = false;
      if (this.recover && (await this.recover(e).catch(() => false))) { again = !this.stopRequested; return; }
      this.emit({ type: 'error', message: e instanceof Error ? e.message : String(e), fix: 'Press Reset, or pick another backend.', fatal: false });
      // without this the page would show "running" forever (stop() finds the loop already inactive)
      this.emit({ type: 'state', running: false, step: this.trainer()?.globalStep ?? 0 });
    }).finally(() => {
      this.active = false;
      if (again) this.start();
    });
  }

  /** Ends the loop after its current step; reports the stop if the loop was active. */
  async stop(): Promise<void> {
    if (await this.halt()) this.emit({ type: 'state', running: false, step: this.trainer()?.globalStep ?? 0 });
  }

  /** Ends the loop after its current step; true if it was active. */
  private async halt(): Promise<boolean> {
    this.keepRunning = false;
    this.stopRequested = true;
    if (!this.active) return false;
    await this.done;
    return true;
  }

  /**
   * Pause: stop after the current step, then show every run as it is now (with metrics) unless the
   * last snapshot shown is already of this step: the periodic ones are seconds apart, and a paused
   * page must not show an older embedding under the current step count.
   */
  async pause(): Promise<void> {
    const wasActive = await this.halt();
    const t = this.trainer();
    // a frame while training may show only part of the points: a pause shows them all
    if (t && (t.globalStep !== this.shownStep || !this.shownFull) && !this.deviceLost) {
      try {
        await this.snapshotAll(true);
      } catch (e) {
        this.emit({ type: 'error', message: `Snapshot at pause failed: ${e instanceof Error ? e.message : String(e)}`, fix: '', fatal: false });
      }
    }
    // only now: the page shows "paused" with the plots already at the paused step, which then stay
    if (wasActive) this.emit({ type: 'state', running: false, step: t?.globalStep ?? 0 });
  }

  /** n steps then a snapshot with full metrics (the Step button). */
  async steps(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await this.oneStep();
    this.flushProgress(true);
    await this.snapshotAll(true);
    this.emit({ type: 'state', running: false, step: this.trainer()?.globalStep ?? 0 });
  }

  private async oneStep(): Promise<void> {
    const t = this.trainer();
    if (!t) return;
    if (this.deviceLost) throw new Error(this.deviceLost);
    if (this.hangNextStep) {
      this.hangNextStep = false;
      await new Promise<never>(() => { /* never settles: a hung step */ });
    }
    const t0 = performance.now();
    const items = await t.trainStep(yieldToEvents);
    const dt = performance.now() - t0;
    this.trainMs += dt;
    this.sinceSnapshotMs += dt;
    this.samples += t.batchSize * items.length;
    this.pendingItems.items.push(...items);
    for (const d of t.divergedRuns()) {
      if (this.reportedDivergence.has(d.id + d.message)) continue;
      this.reportedDivergence.add(d.id + d.message);
      this.emit({ type: 'error', message: `Run "${d.id}": ${d.message}`, fix: 'Lower the learning rate or α, or press Reset; the other runs go on.', fatal: false });
    }
  }

  private flushProgress(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    if (!this.pendingItems.items.length) return;
    this.pendingItems.samplesPerSec = this.trainMs > 0 ? this.samples / (this.trainMs / 1000) : 0;
    this.pendingItems.evalShare = this.evalMs / Math.max(1, this.trainMs + this.evalMs);
    this.emit(this.pendingItems);
    this.pendingItems = { type: 'train', items: [], samplesPerSec: 0, evalShare: 0 };
  }

  private async run(generation: number): Promise<void> {
    while (this.keepRunning && generation === this.generation) {
      await this.oneStep();
      this.flushProgress(false);
      const t = this.trainer();
      if (t && t.globalStep === t.plannedSteps) {
        // the planned length is reached (the learning rate is at its floor): pause with every run's
        // final figures, as a paper's table would report them; Train goes on past the plan
        this.keepRunning = false;
        this.flushProgress(true);
        await this.snapshotAll(true);
        this.emit({ type: 'state', running: false, step: t.globalStep });
        break;
      }
      const lastEvalCost = this.lastSnapshotMs;
      if (!this.framesWhileTraining) {
        // the benchmark's "plots off" rows: no frames until the pause
      } else if (this.offload?.available() && !this.localDue) {
        await this.maybeOffload();
      } else if (this.localDue || this.sinceSnapshotMs >= Math.max(MIN_SNAPSHOT_MS, lastEvalCost / EVAL_BUDGET)) {
        this.localDue = false;
        const now = performance.now();
        const withMetrics = now - this.lastMetrics > METRICS_EVERY_MS;
        if (withMetrics) this.lastMetrics = now;
        await this.snapshotAll(withMetrics, { frame: t ? this.frameDetail(t) : undefined });
      }
      if (this.copyOff && performance.now() - this.lastCopyAt > this.copyEveryMs) {
        await this.copyOff();
        this.lastCopyAt = performance.now();
      }
      await yieldToEvents();
    }
    this.flushProgress(true);
  }

  /** Frames while training on or off (the benchmark compares the training speed with and without them). */
  setFramesWhileTraining(on: boolean): void {
    this.framesWhileTraining = on;
  }

  /** How much of the runs a frame while training shows (the Points while training setting). */
  private frameDetail(t: Trainer): FrameDetail {
    const cfg = t.currentConfig();
    const relativeCost = forwardFlops(t.spec) / MNIST_FLOPS;
    return { points: framePoints(cfg.livePoints, cfg.runs.length, t.evalIndices.length, relativeCost), grid: FRAME_REGION_GRID };
  }

  /**
   * A new session was built: its frames are paced afresh, and the snapshot worker is handed the
   * dataset and the runs now, so that its start (TensorFlow.js, the data, the runs: seconds) is over
   * before Train is pressed and the first frame while training arrives within a step or two.
   */
  async warmOffload(): Promise<void> {
    this.pacer.reset();
    this.frameStep = -Infinity;
    const offload = this.offload;
    const t = this.trainer();
    if (!offload?.available() || !t) return;
    const state = await t.exportState({ optimizer: false });
    // one run at a frame's detail: builds the worker's runs and warms its kernels and memory for the
    // frames' shapes, short enough that a Train pressed at once does not wait long for its first frame
    void offload.capture(t, state, {}, { ...this.frameDetail(t), runs: 1 }).catch(() => undefined);
  }

  /**
   * Runs were added to a session that is not training: the snapshot worker builds and warms them now,
   * so that the first frame after Train is not the one that does it (six runs: ~0.3 s later).
   * While training, the next frame does it anyway.
   */
  async warmNewRuns(): Promise<void> {
    const offload = this.offload;
    const t = this.trainer();
    if (!offload?.available() || !t || this.active) return;
    const state = await t.exportState({ optimizer: false });
    void offload.capture(t, state, {}, { ...this.frameDetail(t), onlyNew: true }).catch(() => undefined);
  }

  /**
   * While training, the plots' frames are taken by the snapshot worker, on the other core: the loop
   * only reads the weights off (a few ms) and goes on stepping; the pacer says when the next is due.
   * Where the worker fails, the loop takes the next snapshot itself.
   */
  private async maybeOffload(): Promise<void> {
    const offload = this.offload;
    const t = this.trainer();
    const now = performance.now();
    if (!offload || !t || !this.pacer.due(now, t.runIds().length)) return;
    // (a step count below the last frame's: the runs went back to an earlier copy)
    const newSteps = t.globalStep - this.frameStep;
    if (newSteps >= 0 && newSteps < MIN_STEPS_PER_FRAME) return;
    this.pacer.started(now);
    this.frameStep = t.globalStep;
    const seq = ++this.snapshotSeq;
    const withMetrics = now - this.lastMetrics > METRICS_EVERY_MS;
    if (withMetrics) this.lastMetrics = now;
    let state: TrainerState;
    try {
      // awaited by the loop: the runs must not step while their weights are read (lock-step figures)
      state = await t.exportState({ optimizer: false });
    } catch (e) {
      this.pacer.finished(null);
      throw e;
    }
    const exportMs = performance.now() - now;
    this.evalMs += exportMs;
    this.sinceSnapshotMs = 0;
    const view = { ...this.view };
    void offload.capture(t, state, view, this.frameDetail(t)).then((frame) => {
      this.pacer.finished(frame?.workMs ?? null);
      if (frame) this.show(t, seq, state.globalStep, frame.runs, withMetrics);
      // taken by the loop between two steps: a capture beside a step would interleave their
      // readbacks, which WebGPU does not survive
      else if (t === this.trainer() && seq > this.shownSeq) this.localDue = true;
    }).catch((e: unknown) => {
      this.pacer.finished(null);
      this.emit({ type: 'error', message: `Snapshot failed: ${e instanceof Error ? e.message : String(e)}`, fix: '', fatal: false });
    });
  }

  /** Hands captured runs to the page, unless the session was rebuilt or a newer snapshot was shown. */
  private show(owner: Trainer, seq: number, globalStep: number, runs: CapturedRun[], withMetrics: boolean): void {
    if (owner !== this.trainer() || seq < this.shownSeq) return;
    this.shownSeq = seq;
    this.shownStep = globalStep;
    this.shownFull = runs.every((r) => r.snapshot.shown === null);
    for (const { snapshot: s, metricsInput } of runs) {
      if (!owner.runIds().includes(s.runId)) continue; // removed meanwhile
      this.emit({ type: 'snapshot', snapshot: s }, snapshotBuffers(s));
      if (withMetrics) this.metrics.request(owner, s.runId, s.step, metricsInput);
    }
  }

  /**
   * Every run's snapshot, taken here; `frame`: a frame while training (else at full detail). `only`:
   * just these runs (runs added or changed while the others' snapshots still hold). `yieldToTrain`:
   * a Train pressed meanwhile ends it at the next run (see trainAsked).
   */
  async snapshotAll(withMetrics: boolean, opts: { frame?: FrameDetail; only?: readonly string[]; yieldToTrain?: boolean } = {}): Promise<void> {
    const { frame, only, yieldToTrain = false } = opts;
    const t = this.trainer();
    if (!t) return;
    const t0 = performance.now();
    if (!only) {
      const seq = ++this.snapshotSeq;
      this.shownSeq = seq;
      this.shownStep = t.globalStep;
      this.frameStep = t.globalStep;
      this.shownFull = !frame || frame.points >= t.evalIndices.length;
    }
    for (const id of t.runIds()) {
      if (only && !only.includes(id)) continue;
      if (yieldToTrain && this.trainWaiting) break;
      const { snapshot: s, metricsInput } = await captureRun(t, id, own(this.view, id) ?? {}, yieldToEvents, frame);
      this.emit({ type: 'snapshot', snapshot: s }, snapshotBuffers(s));
      if (withMetrics) this.metrics.request(t, id, s.step, metricsInput);
    }
    this.lastSnapshotMs = performance.now() - t0;
    this.evalMs += this.lastSnapshotMs;
    this.sinceSnapshotMs = 0;
  }
}
