import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import { getLoss } from '../losses';
import { evaluateEmbedding } from '../metrics';
import type { ExperimentConfig, RunConfig } from '../store/config';
import type { RunMetrics, Snapshot, TrainProgress } from '../workers/protocol';
import { backboneForward, cloneBackbone, createBackbone, disposeBackbone, lenetSpec, type BackboneSpec, type BackboneWeights } from './backbone';
import { balancedSubset, gatherBatch, gatherLabels, type Augment } from './batches';
import { createHead, headLrMultiplier } from './heads';
import { BatchSampler } from './sampler';
import { createTrainStep, type TrainStep } from './trainStep';
import type { LossHead } from './types';
import seedrandom from 'seedrandom';

interface RunState {
  cfg: RunConfig;
  weights: BackboneWeights;
  head: LossHead;
  optimizer: tf.AdamOptimizer;
  /** forward + backward + update for this run's weights, head and optimiser */
  train: TrainStep;
  step: number;
  loss: number;
  /** set when the loss became NaN/∞: the run stops training until reset or changed */
  diverged: string | null;
}

/** The structural part of a run's config: a change here rebuilds the head, anything else does not. */
function headKey(r: RunConfig): string {
  return JSON.stringify([r.loss, r.choices]);
}

const EVAL_CHUNK = 500;

/**
 * The custom-gradient forward (trainStepForward.ts) is written and measured for the CPU backends;
 * GPU backends differentiate the plain forward pass with TF.js's own gradients.
 */
function forwardFor(backend: string): 'fused' | 'reference' {
  return backend === 'wasm' || backend === 'cpu' ? 'fused' : 'reference';
}

function makeTrainStep(s: RunState): TrainStep {
  // the closure reads s.head and s.step at call time, so slider changes need no new step function
  return createTrainStep({
    weights: s.weights, headVariables: s.head.variables, optimizer: s.optimizer, forward: forwardFor(tf.getBackend()),
    loss: (trunk, feature, labels) => s.head.loss(trunk, feature, labels, s.step),
  });
}

/**
 * Several runs trained in lock-step on identical batches from identical initial weights, so that
 * differences between runs come from the loss alone. Owns every tensor it creates; runs in the
 * worker and in Node.
 */
export class Trainer {
  readonly spec: BackboneSpec;
  private readonly runs = new Map<string, RunState>();
  private readonly initial: BackboneWeights;
  private sampler: BatchSampler;
  private readonly evalIdx: Int32Array;
  private readonly evalChunks: tf.Tensor4D[];
  private readonly augRng: () => number;
  private cfg: ExperimentConfig;
  /** lock-step steps taken since the last reset */
  globalStep = 0;

  constructor(readonly ds: Dataset, cfg: ExperimentConfig) {
    this.cfg = cfg;
    this.spec = lenetSpec(ds.height, ds.width, ds.channels, cfg.embeddingDim);
    this.initial = createBackbone(this.spec, cfg.seed);
    this.sampler = this.makeSampler(cfg.runs);
    this.augRng = seedrandom(`augment:${cfg.seed}`);
    const classes = ds.classNames.length;
    this.evalIdx = balancedSubset(ds.test.labels, classes, Math.min(cfg.evalSize, ds.test.count), cfg.seed);
    this.evalChunks = [];
    for (let i = 0; i < this.evalIdx.length; i += EVAL_CHUNK) {
      const idx = this.evalIdx.subarray(i, i + EVAL_CHUNK);
      this.evalChunks.push(tf.tensor4d(gatherBatch(ds, ds.test, idx), [idx.length, ds.height, ds.width, ds.channels]));
    }
    for (const r of cfg.runs) this.addRun(r);
  }

  get evalIndices(): Int32Array { return this.evalIdx; }
  get batchSize(): number { return this.cfg.batchSize; }
  get evalLabels(): Uint8Array { return Uint8Array.from(this.evalIdx, (i) => this.ds.test.labels[i]); }
  get epoch(): number { return (this.globalStep * this.cfg.batchSize) / this.ds.train.count; }
  runIds(): string[] { return [...this.runs.keys()]; }
  runStep(id: string): number { return this.runs.get(id)?.step ?? 0; }

  private makeSampler(runs: RunConfig[]): BatchSampler {
    const classes = this.ds.classNames.length;
    // one sampler for all runs keeps batches identical; P×K as soon as any run mines positives
    const pk = runs.some((r) => getLoss(r.loss).needsPK);
    const B = this.cfg.batchSize;
    const k = Math.max(2, Math.round(B / classes));
    const mode = pk ? { kind: 'pk' as const, p: Math.max(2, Math.min(classes, Math.floor(B / k))), k } : { kind: 'shuffle' as const, batch: B };
    return new BatchSampler(this.ds.train.labels, classes, this.cfg.seed, mode);
  }

  private buildHead(r: RunConfig): LossHead {
    return createHead({
      loss: r.loss,
      classes: this.ds.classNames.length,
      embeddingDim: this.spec.embeddingDim,
      trunkDim: this.spec.hidden2,
      params: r.params,
      choices: r.choices,
      seed: this.cfg.seed,
    });
  }

  /** Adds a run starting from the shared initial weights (or from another run's current state). */
  addRun(r: RunConfig, copyFrom?: string): void {
    if (this.runs.has(r.id)) throw new Error(`run ${r.id} exists`);
    const head = this.buildHead(r); // throws a clear message for impossible settings (simplex dim)
    const src = copyFrom ? this.runs.get(copyFrom) : undefined;
    const weights = cloneBackbone(src ? src.weights : this.initial);
    const s: RunState = {
      cfg: r, weights, head, optimizer: tf.train.adam(r.learningRate), train: () => { throw new Error('not ready'); },
      step: src ? src.step : 0, loss: NaN, diverged: null,
    };
    s.train = makeTrainStep(s);
    this.runs.set(r.id, s);
    this.sampler = this.makeSampler([...this.runs.values()].map((s) => s.cfg));
  }

  removeRun(id: string): void {
    const s = this.runs.get(id);
    if (!s) return;
    disposeBackbone(s.weights);
    s.head.dispose();
    s.optimizer.dispose();
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
      s.optimizer = tf.train.adam(r.learningRate);
      s.train = makeTrainStep(s);
      s.diverged = null;
      this.sampler = this.makeSampler([...this.runs.values()].map((x) => (x.cfg.id === r.id ? r : x.cfg)));
    } else {
      s.head.setParams(r.params);
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

  private learningRate(s: RunState): number {
    const mult = headLrMultiplier(s.head, s.step);
    return s.cfg.learningRate * mult;
  }

  /** One lock-step step: the same batch for every run. Returns each run's loss. */
  async trainStep(): Promise<TrainProgress[]> {
    const idx = this.sampler.next();
    const aug: Augment | undefined = this.cfg.augment && this.ds.id === 'cifar10' ? { pad: 4, flip: true, rng: this.augRng } : undefined;
    const x = tf.tensor4d(gatherBatch(this.ds, this.ds.train, idx, aug), [idx.length, this.ds.height, this.ds.width, this.ds.channels]);
    const y = tf.tensor1d(gatherLabels(this.ds.train, idx), 'int32');
    const pending: { s: RunState; loss: tf.Scalar }[] = [];
    try {
      for (const s of this.runs.values()) {
        if (s.diverged) continue;
        // Adam reads its learning rate at every update, so a new value applies from this step on
        (s.optimizer as unknown as { learningRate: number }).learningRate = this.learningRate(s);
        // activations are kept (not recomputed): state updates such as Wen et al.'s center update
        // use this batch's features from before the weight update
        const { loss, trunk, feature } = s.train(x, y, true);
        if (trunk && feature) {
          s.head.afterStep(trunk, feature, y, s.step);
          tf.dispose([trunk, feature]);
        }
        s.step++;
        pending.push({ s, loss });
      }
      const out: TrainProgress[] = [];
      for (const { s, loss } of pending) {
        const v = (await loss.data())[0];
        s.loss = v;
        if (!Number.isFinite(v)) {
          s.diverged = `the loss became ${v} at step ${s.step} (learning rate ${s.cfg.learningRate} may be too high for ${getLoss(s.cfg.loss).label}); lower it or reset`;
        }
        out.push({ runId: s.cfg.id, step: s.step, epoch: this.epoch, loss: v, alpha: await s.head.currentAlpha(s.step) });
      }
      this.globalStep++;
      return out;
    } finally {
      for (const p of pending) p.loss.dispose();
      x.dispose();
      y.dispose();
    }
  }

  divergedRuns(): { id: string; message: string }[] {
    return [...this.runs.values()].filter((s) => s.diverged).map((s) => ({ id: s.cfg.id, message: s.diverged as string }));
  }

  /** Embeds the fixed evaluation images with a run's current weights. */
  async snapshot(runId: string, withMetrics: boolean): Promise<Snapshot> {
    const s = this.runs.get(runId);
    if (!s) throw new Error(`no run ${runId}`);
    const displays: tf.Tensor2D[] = [];
    const preds: tf.Tensor1D[] = [];
    const unknowns: tf.Tensor1D[] = [];
    for (const chunk of this.evalChunks) {
      tf.tidy(() => {
        const { trunk, feature } = backboneForward(s.weights, chunk);
        displays.push(tf.keep(s.head.display(trunk, feature)));
        preds.push(tf.keep(s.head.predict(trunk, feature)));
        unknowns.push(tf.keep(s.head.unknownScore(trunk, feature)));
      });
    }
    const [disp, pred] = [tf.concat(displays), tf.concat(preds)];
    const points = (await disp.data()) as Float32Array;
    const dim = disp.shape[1];
    const predictions = Uint8Array.from(await pred.data());
    tf.dispose([...displays, ...preds, ...unknowns, disp, pred]);
    const labels = this.evalLabels;
    let correct = 0;
    for (let i = 0; i < labels.length; i++) if (labels[i] === predictions[i]) correct++;
    const accuracy = correct / labels.length;
    let metrics: RunMetrics | null = null;
    if (withMetrics) {
      const m = evaluateEmbedding({ points, dim, labels, predictions, classes: this.ds.classNames.length, seed: this.cfg.seed });
      metrics = { accuracy: m.accuracy, recall: m.recall, mapAtR: m.mapAtR, nmi: m.nmi, auroc: m.auroc, perClass: m.perClass, confusion: m.confusion };
    }
    const overlay = await s.head.overlay();
    return {
      runId, step: s.step, epoch: this.epoch, points, dim, predictions, gradNorms: null, overlay,
      unitCircle: s.cfg.loss === 'heated', alpha: await s.head.currentAlpha(s.step), accuracy, metrics,
    };
  }

  dispose(): void {
    for (const id of this.runIds()) this.removeRun(id);
    disposeBackbone(this.initial);
    tf.dispose(this.evalChunks);
  }
}
