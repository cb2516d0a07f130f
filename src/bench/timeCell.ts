/**
 * `npm run bench`'s timing, for whichever TF.js backend is active: our lock-step Trainer against
 * TF.js's own model.fit on the same network (benchPeer.ts). Plain TypeScript, so the page's real
 * worker (TrainerApi.benchmark) and Node (scripts/bench.ts) time with exactly the same code.
 *
 * Method: untimed warm-up (shader compilation, allocation, JIT), then rounds of one block of ours and
 * one block of the peer's, alternated so that load from elsewhere on a shared machine falls on both;
 * each side's figure is its median block. Every block ends with a read of a weight that its last
 * update wrote, so the GPU queue is drained before the clock is read (our steps already end with an
 * `await loss.data()` issued after the update; `drainMs` checks that this left nothing queued).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../data/types';
import { COMPARISON_LOSS_IDS } from '../losses';
import type { BackendChoice, ExperimentConfig, RunConfig } from '../config/config';
import { defaultGlobals } from '../config/settings';
import { defaultRun } from '../store/runs';
import { forwardFlops, lenetSpec } from '../engine/backbone';
import { gatherBatch, gatherLabels } from '../engine/batches';
import { createPeerModel, type PeerModel } from './peer';
import { BatchSampler } from '../engine/sampler';
import { Trainer } from '../engine/trainer';
import { useStockWasmKernels } from '../engine/wasm/kernels';

export type BenchDataset = Exclude<Dataset['id'], 'own-images'>;

export interface BenchCell {
  /** the served image sets: the benchmark times the LeNet against model.fit (the toy sets' MLP is not timed, the user's own images are not served) */
  dataset: BenchDataset;
  /** 1: softmax alone; 6: the six registered losses in lock-step (the peer: six models in turn) */
  runs: 1 | 6;
  batchSize: number;
  /** lock-step steps per timed block (the peer fits as many batches per block) */
  stepsPerBlock: number;
  /** untimed lock-step steps (and as many peer batches) before timing */
  warmupSteps: number;
  minBlocks: number;
  maxBlocks: number;
  /** once minBlocks rounds are done, no new round starts after this much timed time */
  budgetMs: number;
  /** false: time ours only */
  peer: boolean;
}

export interface BenchTiming {
  backend: string;
  dataset: BenchDataset;
  datasetDescription: string;
  runs: 1 | 6;
  batchSize: number;
  stepsPerBlock: number;
  /** samples trained per second, summed over the runs (as the page's throughput counts them) */
  oursSamplesPerSec: number;
  peerSamplesPerSec: number | null;
  /** one lock-step step: every run one batch */
  oursMsPerStep: number;
  peerMsPerStep: number | null;
  /** backbone forward FLOPs × 3 (forward + backward) per sample */
  flopsPerSample: number;
  oursGflops: number;
  peerGflops: number | null;
  oursBlockMs: number[];
  peerBlockMs: number[];
  warmupMs: { ours: number; peer: number | null };
  /** reading a just-updated weight right after a step resolved: ~one readback when the step drained the queue */
  drainMs: number;
  /** which kernels the peer ran on: TF.js's stock ones, except on wasm (see timeCell) */
  peerKernels: string;
  /** tensors left behind by the cell (should be 0) */
  leakedTensors: number;
}

const now = (): number => performance.now();

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function benchRuns(runs: 1 | 6): RunConfig[] {
  const ids = runs === 1 ? ['softmax' as const] : COMPARISON_LOSS_IDS;
  return ids.map((loss, i) => defaultRun(loss, `bench${i + 1}`));
}

/**
 * The variable registered last. Taken right after building the Trainer, it is the last run's embedding
 * bias, which every step's update rewrites; reading it waits for that write, and on the in-order GPU
 * queues (WebGPU, WebGL's fence) for everything queued before it.
 */
function lastVariable(): tf.Variable {
  const vars = Object.values(tf.engine().state.registeredVariables);
  if (!vars.length) throw new Error('no variables to read');
  return vars[vars.length - 1];
}

async function readBack(t: tf.Tensor): Promise<void> {
  await t.data();
}

class Peer {
  private readonly models: PeerModel[];
  private readonly sampler: BatchSampler;

  constructor(private readonly ds: Dataset, private readonly cell: BenchCell) {
    const spec = lenetSpec(ds.height, ds.width, ds.channels, 2);
    this.models = Array.from({ length: cell.runs }, () => createPeerModel(spec, ds.classNames.length));
    this.sampler = new BatchSampler(ds.train.labels, ds.classNames.length, 1, { kind: 'shuffle', batch: cell.batchSize });
  }

  /**
   * `steps` batches, each gathered from the dataset like the Trainer's, each fitted by every model in
   * turn (lock-step, as six runs on the page need), one model.fit call per model and batch.
   */
  async block(steps: number): Promise<void> {
    const { ds, cell } = this;
    for (let i = 0; i < steps; i++) {
      const idx = this.sampler.next();
      const x = tf.tensor4d(gatherBatch(ds, ds.train, idx), [idx.length, ds.height, ds.width, ds.channels]);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(gatherLabels(ds.train, idx), 'int32'), ds.classNames.length));
      try {
        for (const m of this.models) await m.model.fit(x, y, { batchSize: cell.batchSize, epochs: 1, shuffle: false, verbose: 0 });
      } finally {
        tf.dispose([x, y]);
      }
    }
    await readBack(this.models[this.models.length - 1].lastWeight());
  }

  dispose(): void {
    for (const m of this.models) m.dispose();
  }
}

/** The active backend's name, as the timing rows report it. */
function backendName(): string {
  return tf.getBackend();
}

/**
 * Times one cell on the active backend. On wasm, TF.js as shipped cannot fit a CNN (it has no
 * Conv2DBackpropFilter): the peer then runs on TF.js's stock wasm kernels plus only that missing one
 * (useStockWasmKernels), while our steps run on our kernels.
 */
async function timeCellOnce(ds: Dataset, cell: BenchCell): Promise<BenchTiming> {
  const backend = backendName();
  const wasm = backend === 'wasm';
  const cfg: ExperimentConfig = {
    version: 1, ...defaultGlobals(cell.dataset), backend: backend as BackendChoice, embeddingDim: 2, batchSize: cell.batchSize, seed: 1,
    // the smallest evaluation set: the benchmark never snapshots, but the Trainer uploads it
    evalSize: 100, augment: false, openSet: [], plannedEpochs: 2, lrSchedule: 'constant', runs: benchRuns(cell.runs),
  };
  const trainer = new Trainer(ds, cfg);
  const ourWeight = lastVariable();
  const peer = cell.peer ? new Peer(ds, cell) : null;
  const stock = (on: boolean): void => { if (wasm) useStockWasmKernels(on); };
  try {
    const oursBlock = async (steps: number): Promise<number> => {
      const t0 = now();
      for (let i = 0; i < steps; i++) await trainer.trainStep();
      await readBack(ourWeight);
      return now() - t0;
    };
    const peerBlock = async (steps: number): Promise<number> => {
      if (!peer) return NaN;
      stock(true);
      try {
        const t0 = now();
        await peer.block(steps);
        return now() - t0;
      } finally {
        stock(false);
      }
    };

    const warmOurs = await oursBlock(cell.warmupSteps);
    const warmPeer = peer ? await peerBlock(cell.warmupSteps) : null;

    const oursMs: number[] = [];
    const peerMs: number[] = [];
    const t0 = now();
    while (oursMs.length < cell.maxBlocks && (oursMs.length < cell.minBlocks || now() - t0 < cell.budgetMs)) {
      oursMs.push(await oursBlock(cell.stepsPerBlock));
      if (peer) peerMs.push(await peerBlock(cell.stepsPerBlock));
    }

    // the drain check: one more step, then time a read of a weight its update wrote
    await trainer.trainStep();
    const d0 = now();
    await readBack(ourWeight);
    const drainMs = now() - d0;

    const samplesPerBlock = cell.stepsPerBlock * cell.batchSize * cell.runs;
    const flopsPerSample = 3 * forwardFlops(trainer.spec);
    const ours = samplesPerBlock / (median(oursMs) / 1000);
    const peerSps = peer ? samplesPerBlock / (median(peerMs) / 1000) : null;
    return {
      backend, dataset: cell.dataset, datasetDescription: ds.description, runs: cell.runs, batchSize: cell.batchSize,
      stepsPerBlock: cell.stepsPerBlock,
      oursSamplesPerSec: ours,
      peerSamplesPerSec: peerSps,
      oursMsPerStep: median(oursMs) / cell.stepsPerBlock,
      peerMsPerStep: peer ? median(peerMs) / cell.stepsPerBlock : null,
      flopsPerSample,
      oursGflops: (ours * flopsPerSample) / 1e9,
      peerGflops: peerSps === null ? null : (peerSps * flopsPerSample) / 1e9,
      oursBlockMs: oursMs,
      peerBlockMs: peerMs,
      warmupMs: { ours: warmOurs, peer: warmPeer },
      drainMs,
      peerKernels: wasm ? 'stock wasm kernels + our Conv2DBackpropFilter (stock TF.js has none)' : `stock TF.js ${backend}`,
      leakedTensors: 0,
    };
  } finally {
    stock(false);
    trainer.dispose();
    peer?.dispose();
  }
}

/** Times one cell and counts the tensors it left behind once everything it built is disposed. */
export async function timeCell(ds: Dataset, cell: BenchCell): Promise<BenchTiming> {
  const before = tf.memory().numTensors;
  const t = await timeCellOnce(ds, cell);
  return { ...t, leakedTensors: tf.memory().numTensors - before };
}
