/**
 * Trains every registered loss side by side (one lock-step Trainer, one run per loss, identical initial
 * weights and batches) in Node on the wasm backend, then evaluates each on the whole test set.
 *
 *   npx tsx scripts/evaluate-losses.ts --dataset cifar10 --steps 600 --seed 1
 *   npx tsx scripts/evaluate-losses.ts --dataset mnist --steps 400 --seed 1 --dim 2
 *   options: --batch 128  --lr 0.001  --losses softmax,center  --every 200 (interim accuracy)
 *            --set pair.lambda=0.1 (a parameter other than the registry default; repeatable)
 *
 * CIFAR-10 is the bundled real subset (5 085 train / 1 017 test); MNIST the converted public/mnist files.
 * "train s" is each loss's own forward+backward+update time: lock-step runs share the process, so the
 * column compares losses within one table, not across machines.
 */
import * as tf from '@tensorflow/tfjs';
import { loadCifar10 } from '../src/data/cifar10';
import { loadMnist } from '../src/data/mnist';
import { diskFetch, TEST_BASE } from '../src/testing/testFetch';
import type { Dataset } from '../src/data/types';
import { Trainer } from '../src/engine/trainer';
import { initWasmBackendNode } from '../src/engine/wasm/node';
import { getLoss, isLossId, LOSS_IDS } from '../src/losses';
import type { LossId } from '../src/losses/types';
import type { DatasetId, ExperimentConfig } from '../src/store/config';
import { defaultRun } from '../src/store/runs';
import { defaultConfig } from '../src/store/store';

const args = process.argv.slice(2);
function opt(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
function num(name: string, fallback: number): number {
  const v = Number(opt(name, String(fallback)));
  if (!Number.isFinite(v)) throw new Error(`--${name} must be a number`);
  return v;
}

const datasetId = opt('dataset', 'cifar10') as DatasetId;
if (datasetId !== 'mnist' && datasetId !== 'cifar10') throw new Error('--dataset must be mnist or cifar10');
const steps = num('steps', 500);
const seed = num('seed', 1);
const dim = num('dim', 2);
const batch = num('batch', 128);
const lr = num('lr', 1e-3);
const every = num('every', 0);
const lossIds: LossId[] = opt('losses', LOSS_IDS.join(',')).split(',').map((s) => {
  if (!isLossId(s)) throw new Error(`unknown loss ${s}; known: ${LOSS_IDS.join(', ')}`);
  return s;
});

/** --set loss.key=value overrides, e.g. { pair: { lambda: 0.1 } } */
const overrides: Partial<Record<LossId, Record<string, number>>> = {};
args.forEach((a, i) => {
  if (a !== '--set') return;
  const m = /^(\w+)\.(\w+)=(.+)$/.exec(args[i + 1] ?? '');
  if (!m || !isLossId(m[1]) || !Number.isFinite(Number(m[3]))) throw new Error(`--set wants loss.param=number, got ${args[i + 1]}`);
  (overrides[m[1]] ??= {})[m[2]] = Number(m[3]);
});

async function load(id: DatasetId): Promise<Dataset> {
  const fetchFn = diskFetch();
  return id === 'mnist' ? loadMnist(TEST_BASE, { fetchFn }) : loadCifar10(TEST_BASE, { fetchFn, prefer: 'subset' });
}

/** The Trainer keeps its runs private; the script times each run's train step by wrapping it. */
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

const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;

async function main(): Promise<void> {
  await initWasmBackendNode();
  await tf.setBackend('wasm');
  const ds = await load(datasetId);
  // from the app's defaults, so settings added later (open set, …) keep their defaults here too
  const config: ExperimentConfig = {
    ...defaultConfig(), dataset: datasetId, backend: 'wasm', embeddingDim: dim, batchSize: batch, seed,
    evalSize: ds.test.count, augment: datasetId === 'cifar10',
    runs: lossIds.map((l) => {
      const run = defaultRun(l, l);
      return { ...run, learningRate: lr, params: { ...run.params, ...overrides[l] } };
    }),
  };
  const spec = process.env.SPEC ? JSON.parse(process.env.SPEC) : {};
  const lrs = process.env.LRS ? JSON.parse(process.env.LRS) : {};
  if (process.env.SPEC || process.env.LRS) console.log(`# spec ${JSON.stringify(spec)} lr schedule ${JSON.stringify(lrs)}`);
  const trainer = new Trainer(ds, config, { spec, lr: lrs });
  const spent = timeEachRun(trainer);
  console.log(`# ${ds.description}`);
  if (Object.keys(overrides).length) console.log(`# parameters changed from the registry defaults: ${JSON.stringify(overrides)}`);
  console.log(`# ${lossIds.length} runs in lock-step, ${steps} steps × batch ${batch} (${((steps * batch) / ds.train.count).toFixed(2)} epochs), `
    + `feature dim ${dim}, seed ${seed}, lr ${lr}, augment ${config.augment && datasetId === 'cifar10'}, evaluated on all ${trainer.evalIndices.length} test images`);
  const t0 = performance.now();
  for (let i = 1; i <= steps; i++) {
    await trainer.trainStep();
    if (every > 0 && i % every === 0 && i < steps) {
      const accs = await Promise.all(trainer.runIds().map(async (id) => `${id} ${pct((await trainer.snapshot(id, false)).accuracy)}`));
      console.log(`step ${i} (${((performance.now() - t0) / 1000).toFixed(0)} s): ${accs.join(' · ')}`);
    }
  }
  const wall = (performance.now() - t0) / 1000;
  const rows: string[][] = [];
  for (const id of trainer.runIds()) {
    const snap = await trainer.snapshot(id, true);
    const m = snap.metrics;
    if (!m) throw new Error('no metrics');
    const diverged = trainer.divergedRuns().find((d) => d.id === id);
    rows.push([
      getLoss(id as LossId).label + (diverged ? ' (diverged)' : ''),
      pct(m.accuracy), pct(m.recall[1]), m.nmi.toFixed(3), m.mapAtR.toFixed(3),
      ((spent.get(id) ?? 0) / 1000).toFixed(1),
    ]);
  }
  const head = ['loss', 'test acc', 'recall@1', 'NMI', 'MAP@R', 'train s'];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`# wall time ${wall.toFixed(1)} s for ${steps} lock-step steps (${((steps * batch * lossIds.length) / wall).toFixed(0)} samples/s over all runs)`);
  trainer.dispose();
}

await main();
