/**
 * Trains every registered loss side by side (one lock-step Trainer, one run per loss, identical initial
 * weights and batches) in Node on the wasm backend, then evaluates each on the whole test set. One
 * seed and free settings, for probing; `npm run eval` is the fixed comparison over seeds 1–3.
 *
 *   npx tsx scripts/evaluate-losses.ts --dataset cifar10 --steps 600 --seed 1
 *   npx tsx scripts/evaluate-losses.ts --dataset mnist --steps 400 --seed 1 --dim 2
 *   options: --batch 128  --lr 0.006  --losses softmax,center  --every 200 (interim accuracy)
 *            --epochs N (planned length; default the dataset's)
 *            --set pair.lambda=0.1 (a parameter other than the registry default; repeatable)
 *
 * CIFAR-10 is the bundled real subset (5 085 train / 1 017 test); MNIST the converted public/mnist files.
 * "train s" is each loss's own forward+backward+update time: lock-step runs share the process, so the
 * column compares losses within one table, not across machines.
 */
import type { DatasetId, ExperimentConfig } from '../src/config/config';
import { DEFAULT_PLANNED_EPOCHS } from '../src/config/settings';
import { defaultRun } from '../src/store/runs';
import { defaultConfig } from '../src/store/store';
import { lossesOption, numberOption, option, paramOverrides } from './evalkit/args';
import { runExperiment } from './evalkit/experiment';

const args = process.argv.slice(2);
const datasetId = option(args, 'dataset', 'cifar10') as DatasetId;
if (datasetId !== 'mnist' && datasetId !== 'cifar10') throw new Error('--dataset must be mnist or cifar10');
const lossIds = lossesOption(args);
const overrides = paramOverrides(args);
const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;

const base = defaultConfig();
const config: ExperimentConfig = {
  ...base, dataset: datasetId, embeddingDim: numberOption(args, 'dim', 2), batchSize: numberOption(args, 'batch', 128),
  seed: numberOption(args, 'seed', 1), plannedEpochs: numberOption(args, 'epochs', DEFAULT_PLANNED_EPOCHS[datasetId]),
  runs: lossIds.map((l) => {
    const run = defaultRun(l, l);
    return { ...run, learningRate: numberOption(args, 'lr', run.learningRate), params: { ...run.params, ...overrides[l] } };
  }),
};
const steps = numberOption(args, 'steps', 500);
console.log(`# ${datasetId}: ${lossIds.length} runs in lock-step, ${steps} steps × batch ${config.batchSize}, feature dim ${config.embeddingDim}, `
  + `seed ${config.seed}, planned epochs ${config.plannedEpochs}${Object.keys(overrides).length ? `, parameters changed: ${JSON.stringify(overrides)}` : ''}`);
const r = await runExperiment(config, { steps, every: numberOption(args, 'every', 0), log: console.log });
const head = ['loss', 'test acc', 'recall@1', 'NMI', 'MAP@R', 'train s'];
console.log(`# ${r.dataset}, ${r.epochs.toFixed(2)} epochs, evaluated on the whole test set`);
console.log(`| ${head.join(' | ')} |`);
console.log(`| ${head.map(() => '---').join(' | ')} |`);
for (const row of r.rows) {
  console.log(`| ${row.loss}${row.diverged ? ' (diverged)' : ''} | ${pct(row.accuracy)} | ${pct(row.recall1)} | ${row.nmi.toFixed(3)} | ${row.mapAtR.toFixed(3)} | ${row.trainSeconds.toFixed(1)} |`);
}
console.log(`# wall time ${r.wallSeconds.toFixed(1)} s for ${steps} lock-step steps (${r.samplesPerSecond.toFixed(0)} samples/s over all runs)`);
