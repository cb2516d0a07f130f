/**
 * The Trainer: several runs trained in lock-step (sampler, steps, roll-back of a diverged run, the
 * plan and learning rate, runs added, changed and removed as the experiment changes). Reading and
 * writing a run's checkpoint state is trainerCheckpoint.ts's, a run's snapshot trainerCapture.ts's;
 * the Trainer's methods for them delegate there, so its callers see one class.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AnyDataset } from '../data/types';
import { getLoss, rebuildingChoices } from '../losses';
import { evaluateEmbedding, type EvaluationInput } from '../metrics';
import type { ExperimentConfig, RunConfig } from '../config/config';
import type { Snapshot, TrainProgress } from './types';
import { cloneBackbone, createBackbone, disposeBackbone, lenetSpec, mlpSpec, type BackboneSpec, type NetworkSpec, type NetworkWeights } from './backbone';
import { balancedSubset, gatherInput, gatherLabels, sampleShape, type Augment } from './batches';
import { ShownSets } from './shownSet';
import { createHead, headLrMultiplier } from '../losses/heads';
import { subsetSampler } from './sampler';
import type { TrainStep } from './trainStep';
import type { LossHead } from '../losses/lossHead';
import seedrandom from 'seedrandom';
import { lrFactor, type LrSchedule } from './lrSchedule';
import { createOptimizer, optimizerSettings, setLearningRate, type OptimizerSettings } from './optimizer';
import { checkTrainerState, TRAINER_STATE_VERSION, type RngState, type RunStateExport, type TrainerState } from './trainerState';
import { keepGood, makeTrainStep, trainables, type RunState } from './runState';
import { exportRun, importRuns, type ImportResult } from './trainerCheckpoint';
import { captureRun, type SnapshotView } from './trainerCapture';

/**
 * The structural part of a run's config: a change here rebuilds the head, anything else does not.
 * Choices marked `rebuild: false` (evaluation rules, miners, distances) are left out: the head reads
 * them at call time, so changing one keeps its weights, centers and optimiser.
 */
function headKey(r: RunConfig): string {
  return JSON.stringify([r.loss, rebuildingChoices(r.loss, r.choices)]);
}

const GOOD_EVERY = 50;

export type { RunStateExport, TrainerState } from './trainerState';
export type { SnapshotView } from './trainerCapture';
export type { ImportResult } from './trainerCheckpoint';

interface Sampler { next(): Int32Array }

/**
 * Several runs trained in lock-step on identical batches from identical initial weights, so that
 * differences between runs come from the loss alone. Owns every tensor it creates; runs in the
 * worker and in Node.
 */
export class Trainer {
  readonly spec: NetworkSpec;
  private readonly runs = new Map<string, RunState>();
  private readonly initial: NetworkWeights;
  private sampler: Sampler = { next: () => new Int32Array(0) };
  private samplerKind = '';
  /** training samples the sampler draws from: every class but the open-set unknowns */
  private readonly trainIdx: Int32Array;
  private readonly evalIdx: Int32Array;
  /** the shown test samples as tensors, and a strided part of them for frames while training */
  private readonly shown: ShownSets;
  /** 1 where the evaluation image belongs to a held-out (unknown) class */
  readonly evalUnknown: Uint8Array;
  /** stateful, so that a checkpoint continues the augmentation draws where they were */
  private augRng: seedrandom.StatefulPRNG<seedrandom.State.Arc4>;
  private cfg: ExperimentConfig;
  /** lock-step steps taken since the last reset */
  globalStep = 0;
  /** training samples drawn by those steps (the epoch counter's numerator) */
  private samplesDrawn = 0;

  /** the Optimizer, Momentum and Weight decay settings (fixed for the session: a change rebuilds) */
  private readonly opt: OptimizerSettings;
  /** measurement scripts may override parts of the schedule (sweeps); the page never does */
  private readonly lrOverride: Partial<LrSchedule>;
  /** `opts.spec` overrides parts of the LeNet (measurement scripts); the toy sets' MLP is fixed */
  constructor(readonly ds: AnyDataset, cfg: ExperimentConfig, opts: { spec?: Partial<BackboneSpec>; lr?: Partial<LrSchedule> } = {}) {
    this.cfg = cfg;
    this.opt = optimizerSettings(cfg);
    // the network follows the data: the LeNet for images, the MLP for points
    this.spec = ds.kind === 'points'
      ? mlpSpec(ds.dims, cfg.embeddingDim)
      : { ...lenetSpec(ds.height, ds.width, ds.channels, cfg.embeddingDim), ...opts.spec };
    this.lrOverride = opts.lr ?? {};
    this.initial = createBackbone(this.spec, cfg.seed);
    let shown: ShownSets | null = null;
    try {
      const unknown = new Set(cfg.openSet);
      const known: number[] = [];
      ds.train.labels.forEach((y, i) => { if (!unknown.has(y)) known.push(i); });
      this.trainIdx = Int32Array.from(known);
      this.sampler = this.makeSampler(cfg.runs);
      this.augRng = seedrandom(`augment:${cfg.seed}`, { state: true });
      const classes = ds.classNames.length;
      this.evalIdx = balancedSubset(ds.test.labels, classes, Math.min(cfg.evalSize, ds.test.count), cfg.seed);
      shown = new ShownSets(ds, this.evalIdx, unknown);
      this.shown = shown;
      this.evalUnknown = shown.whole.unknown;
      for (const r of cfg.runs) this.addRun(r);
    } catch (e) {
      // what was built so far (network, evaluation images, runs): a failed build leaves nothing behind
      for (const id of this.runIds()) this.removeRun(id);
      disposeBackbone(this.initial);
      if (shown) shown.dispose();
      throw e;
    }
  }

  get evalIndices(): Int32Array { return this.evalIdx; }
  get batchSize(): number { return this.cfg.batchSize; }
  get evalLabels(): Uint8Array { return Uint8Array.from(this.evalIdx, (i) => this.ds.test.labels[i]); }
  /**
   * Passes over the training samples actually used: the samples the sampler handed out (a P×K batch
   * need not hold exactly the configured batch size) over the known-class training samples (held-out
   * classes are never drawn).
   */
  get epoch(): number { return this.samplesDrawn / Math.max(1, this.trainIdx.length); }
  runIds(): string[] { return [...this.runs.keys()]; }
  /** The experiment as it is trained now: the runs' settings as last updated (sliders included). */
  currentConfig(): ExperimentConfig { return { ...this.cfg, runs: [...this.runs.values()].map((s) => s.cfg) }; }
  runStep(id: string): number { return this.runs.get(id)?.step ?? 0; }

  /**
   * One sampler for all runs keeps batches identical; P×K as soon as any run mines positives. It is
   * rebuilt only when that kind changes, so adding a run does not restart the batch sequence.
   */
  private makeSampler(runs: RunConfig[]): Sampler {
    const pk = runs.some((r) => getLoss(r.loss).needsPK);
    const kind = pk ? 'pk' : 'shuffle';
    if (kind === this.samplerKind) return this.sampler;
    this.samplerKind = kind;
    const classes = this.ds.classNames.length;
    return subsetSampler(this.ds.train.labels, this.trainIdx, classes, classes - this.cfg.openSet.length, this.cfg.batchSize, this.cfg.seed, pk);
  }

  private newOptimizer(r: RunConfig): tf.Optimizer {
    return createOptimizer(this.opt, r.learningRate);
  }

  private makeStep(s: RunState): TrainStep {
    return makeTrainStep(s, this.opt.weightDecay);
  }

  /** A fresh optimiser for a run (the old one's moments are dropped) and a train step that uses it. */
  private renewOptimizer(s: RunState): void {
    s.optimizer.dispose();
    s.optimizer = this.newOptimizer(s.cfg);
    s.train = this.makeStep(s);
  }

  private buildHead(r: RunConfig): LossHead {
    const head = this.createHeadFor(r);
    head.setPlan?.(this.plannedSteps);
    return head;
  }

  private createHeadFor(r: RunConfig): LossHead {
    return createHead({
      loss: r.loss,
      classes: this.ds.classNames.length,
      embeddingDim: this.spec.embeddingDim,
      trunkDim: this.spec.hidden2,
      params: r.params,
      choices: r.choices,
      seed: this.cfg.seed,
      unknownClasses: this.cfg.openSet,
    });
  }

  /** Adds a run starting from the shared initial weights (or from another run's current state). */
  addRun(r: RunConfig, copyFrom?: string): void {
    if (this.runs.has(r.id)) throw new Error(`run ${r.id} exists`);
    const head = this.buildHead(r); // throws a clear message for impossible settings (simplex dim)
    const src = copyFrom ? this.runs.get(copyFrom) : undefined;
    const weights = cloneBackbone(src ? src.weights : this.initial);
    const s: RunState = {
      cfg: r, weights, head, optimizer: this.newOptimizer(r), train: () => { throw new Error('not ready'); },
      step: src ? src.step : 0, loss: NaN, diverged: null, good: null,
    };
    s.train = this.makeStep(s);
    if (src && headKey(src.cfg) === headKey(r)) {
      // a duplicate continues from the source's trained head too (weights and state such as the
      // centers), not only its backbone
      s.head.copyStateFrom(src.head);
    }
    keepGood(s);
    this.runs.set(r.id, s);
    this.sampler = this.makeSampler([...this.runs.values()].map((s) => s.cfg));
  }

  removeRun(id: string): void {
    const s = this.runs.get(id);
    if (!s) return;
    disposeBackbone(s.weights);
    s.head.dispose();
    s.optimizer.dispose();
    if (s.good) tf.dispose(s.good.values);
    this.runs.delete(id);
  }

  /** New settings for a run: sliders apply at the next step; a new loss or structure rebuilds the head only. */
  updateRun(r: RunConfig): void {
    const s = this.runs.get(r.id);
    if (!s) { this.addRun(r); return; }
    if (headKey(r) !== headKey(s.cfg)) {
      const head = this.buildHead(r);
      s.head.dispose();
      s.head = head;
      // the old optimiser's moments belong to the old head's variables
      s.optimizer.dispose();
      s.optimizer = this.newOptimizer(r);
      s.train = this.makeStep(s);
      s.diverged = null;
      keepGood(s); // the head's variables changed
      this.sampler = this.makeSampler([...this.runs.values()].map((x) => (x.cfg.id === r.id ? r : x.cfg)));
    } else {
      s.head.setParams(r.params);
      s.head.setChoices(r.choices);
    }
    if (r.learningRate !== s.cfg.learningRate) s.diverged = null;
    s.cfg = r;
  }

  /** The experiment's run list changed: add, remove and update runs to match, keeping state where possible. */
  syncRuns(runs: RunConfig[], duplicates: Record<string, string> = {}): void {
    const wanted = new Set(runs.map((r) => r.id));
    for (const id of this.runIds()) if (!wanted.has(id)) this.removeRun(id);
    for (const r of runs) {
      if (this.runs.has(r.id)) this.updateRun(r);
      else this.addRun(r, duplicates[r.id]);
    }
    this.cfg = { ...this.cfg, runs };
  }

  /** Steps of the planned length: planned epochs over the known-class training samples. */
  get plannedSteps(): number {
    return Math.max(1, Math.round((this.cfg.plannedEpochs * this.trainIdx.length) / this.cfg.batchSize));
  }

  /** The learning-rate schedule of the current plan (a 5 % warm-up, at most 200 steps). */
  lrSchedule(): LrSchedule {
    const planned = this.plannedSteps;
    return {
      kind: this.cfg.lrSchedule, plannedSteps: planned, warmupSteps: Math.min(200, Math.round(0.05 * planned)), floor: 0.02,
      ...this.lrOverride,
    };
  }

  /** A new planned length or schedule (no rebuild: the runs go on with the new plan from the next step). */
  setPlan(plannedEpochs: number, lrSchedule: ExperimentConfig['lrSchedule']): void {
    this.cfg = { ...this.cfg, plannedEpochs, lrSchedule };
    for (const s of this.runs.values()) s.head.setPlan?.(this.plannedSteps);
  }

  private learningRate(s: RunState): number {
    const mult = headLrMultiplier(s.head, s.step);
    return s.cfg.learningRate * mult * lrFactor(this.lrSchedule(), s.step);
  }

  /**
   * One lock-step step: the same batch for every run. Returns each run's loss. `between` is awaited
   * after each run's update: the worker passes a yield there, so that with six runs (~100 ms a step
   * on wasm) messages such as a slider's change are handled within one run's step, not one full step.
   */
  async trainStep(between?: () => Promise<void>): Promise<TrainProgress[]> {
    const idx = this.sampler.next();
    // CIFAR-10 and the user's own images (which train on its network): MNIST never was, and a toy
    // point has nothing to crop or flip
    const colour = this.ds.id === 'cifar10' || this.ds.id === 'own-images';
    const aug: Augment | undefined = this.cfg.augment && colour ? { pad: 4, flip: true, rng: this.augRng } : undefined;
    const x = tf.tensor4d(gatherInput(this.ds, 'train', idx, aug), [idx.length, ...sampleShape(this.ds)]);
    const y = tf.tensor1d(gatherLabels(this.ds.train, idx), 'int32');
    const pending: { s: RunState; loss: tf.Scalar }[] = [];
    try {
      for (const s of this.runs.values()) {
        if (s.diverged) continue;
        // the optimiser reads its learning rate at every update, so a new value applies from this step on
        setLearningRate(s.optimizer, this.learningRate(s));
        // activations are kept (not recomputed): state updates such as Wen et al.'s center update
        // use this batch's features from before the weight update
        const { loss, trunk, feature } = s.train(x, y, true);
        if (trunk && feature) {
          s.head.afterStep(trunk, feature, y, s.step);
          tf.dispose([trunk, feature]);
        }
        s.step++;
        pending.push({ s, loss });
        if (between) await between();
      }
      // counted before the report, so that its epoch includes this step as its step count does
      this.samplesDrawn += idx.length;
      const out: TrainProgress[] = [];
      for (const { s, loss } of pending) {
        const v = (await loss.data())[0];
        s.loss = v;
        if (!Number.isFinite(v)) {
          const at = s.step;
          const back = this.rollBack(s);
          s.diverged = `the loss became ${v} at step ${at} (learning rate ${s.cfg.learningRate} may be too high for ${getLoss(s.cfg.loss).label}); `
            + `its weights are back at step ${back}, the last with a finite loss. Lower the learning rate (or α) to go on, or reset`;
        } else if (s.step - (s.good?.step ?? 0) >= GOOD_EVERY) {
          keepGood(s);
        }
        out.push({ runId: s.cfg.id, step: s.step, epoch: this.epoch, loss: v, alpha: await s.head.currentAlpha?.(s.step) ?? null });
      }
      this.globalStep++;
      return out;
    } finally {
      for (const p of pending) p.loss.dispose();
      x.dispose();
      y.dispose();
    }
  }

  /**
   * Puts a run whose loss is not finite back at its last good variables, with a fresh optimiser (its
   * moments hold the NaN too) and the head's non-trainable state restarted; returns that step.
   */
  private rollBack(s: RunState): number {
    const good = s.good;
    if (!good) return s.step;
    trainables(s).forEach((v, i) => v.assign(good.values[i]));
    this.renewOptimizer(s);
    s.head.resetState?.();
    s.step = good.step;
    return good.step;
  }

  /**
   * Every run's state as plain arrays (weights, the optimiser's state — Adam's moments or SGD's
   * momentum buffers —, the head's non-trainable state such as centers and class means, step counts)
   * and the augmentation generator's: what a checkpoint keeps and what a session rebuilt on another
   * backend continues from. Reads every tensor back (async, so WebGPU is not blocked).
   * `optimizer: false` leaves the optimiser's state out (up to two thirds of the data): enough to
   * evaluate the runs elsewhere (the snapshot worker), not to train them on.
   */
  async exportState(opts: { optimizer?: boolean } = {}): Promise<TrainerState> {
    const runs: RunStateExport[] = [];
    for (const s of this.runs.values()) runs.push(await exportRun(s, opts.optimizer !== false));
    const augment: RngState = this.augRng.state();
    return { version: TRAINER_STATE_VERSION, globalStep: this.globalStep, samplesDrawn: this.samplesDrawn, runs, augment };
  }

  /**
   * Puts exported state into the runs of the same ids and structure (others keep their state; a run
   * whose tensors do not match, or whose optimiser state is another optimiser's, is skipped and named
   * in the result). The batch sequence is moved on to the exported step, so training continues with
   * the batches it would have drawn. Throws, before changing anything, when the state is damaged (not
   * finite, sizes out of bounds, another version). A version-1 state holds no head state: those heads
   * restart it from the next batch. A state without `optimizerKind` holds Adam's moments.
   * `evaluateOnly`: a Trainer that only takes snapshots (the snapshot worker, every frame) skips what
   * training needs: fresh optimisers, the batch sequence and the copy of last good weights.
   */
  async importState(saved: TrainerState, opts: { evaluateOnly?: boolean } = {}): Promise<ImportResult> {
    const state = checkTrainerState(saved);
    const result = await importRuns(this.runs, state, this.opt.optimizer, opts.evaluateOnly ? null : (s) => this.renewOptimizer(s));
    // the sampler restarts its seeded sequence with a new Trainer: replay it up to the exported step
    if (!opts.evaluateOnly) for (let i = this.globalStep; i < state.globalStep; i++) this.sampler.next();
    this.globalStep = state.globalStep;
    this.samplesDrawn = state.samplesDrawn;
    if (state.augment) this.augRng = seedrandom('', { state: state.augment });
    return result;
  }

  divergedRuns(): { id: string; message: string }[] {
    return [...this.runs.values()].filter((s) => s.diverged).map((s) => ({ id: s.cfg.id, message: s.diverged as string }));
  }

  /** A run's loss head, for the decision regions the worker computes on a grid (workers/regions.ts). */
  headOf(runId: string): LossHead | undefined {
    return this.runs.get(runId)?.head;
  }

  /**
   * Embeds the fixed evaluation images with a run's current weights. With `withMetrics` the metrics
   * are computed here (Node, tests); the worker instead takes `capture` and hands the metrics input
   * to its metrics worker so training is not held up.
   */
  async snapshot(runId: string, withMetrics: boolean, view: SnapshotView = {}): Promise<Snapshot> {
    const { snapshot, metricsInput } = await this.capture(runId, view);
    if (withMetrics) snapshot.metrics = evaluateEmbedding(metricsInput);
    return snapshot;
  }

  /**
   * `between` is awaited after each evaluation chunk (one chunk is ~17 ms of a run's ~70 ms on wasm).
   * `points`: embed only that many of the shown samples, evenly spread (the frames while training).
   */
  async capture(runId: string, view: SnapshotView = {}, between?: () => Promise<void>, opts: { points?: number } = {}): Promise<{ snapshot: Snapshot; metricsInput: EvaluationInput }> {
    const s = this.runs.get(runId);
    if (!s) throw new Error(`no run ${runId}`);
    const set = this.shown.of(opts.points);
    const ctx = { ds: this.ds, seed: this.cfg.seed, batchSize: this.cfg.batchSize, openSet: this.cfg.openSet, epoch: () => this.epoch };
    return captureRun(s, runId, set, ctx, view, between);
  }

  dispose(): void {
    for (const id of this.runIds()) this.removeRun(id);
    disposeBackbone(this.initial);
    this.shown.dispose();
  }
}
