/**
 * `npm run eval`: the page's default comparison (the registry's first six losses in lock-step, Add
 * run ×5 from the default page; --losses picks others) trained in Node on the wasm backend for the planned length, evaluated on the whole
 * test set, for several seeds; prints one table per dataset and embedding size with the mean and the
 * worst seed of each figure.
 *
 *   npm run eval                                   MNIST (2-D, 2 epochs) and CIFAR-10 (2-D and 64-D, 100 epochs of the subset), seeds 1–3
 *   npm run eval -- --dataset mnist --seeds 1      one table, one seed
 *   options: --dataset mnist|cifar10|all  --dims 2,64  --seeds 1,2,3  --steps N (instead of the plan)
 *            --jobs N (experiments in parallel, default: the number of cores)  --json FILE
 *            --losses softmax,center  --set loss.param=value  --choose loss.choice=value  --lr 0.006
 *            --optimizer adam|sgd  --momentum 0.9  --weight-decay 5e-4  --open-set 6,7,8,9 (held-out classes:
 *            the table adds the open-set AUROC and recall@1 / MAP@R among the held-out classes' test images)
 *
 * Each (dataset, size, seed) runs in its own process (one wasm backend per process, single-threaded),
 * so --jobs 2 uses both cores of a 2-core machine.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DatasetId, ExperimentConfig } from '../src/config/config';
import { COMPARISON_LOSS_IDS } from '../src/losses';
import { DEFAULT_PLANNED_EPOCHS } from '../src/config/settings';
import { defaultRun } from '../src/store/runs';
import { defaultConfig } from '../src/store/store';
import { choiceOverrides, lossesOption, option, paramOverrides } from './evalkit/args';
import { loadDataset, runExperiment, type ExperimentResult } from './evalkit/experiment';
import { formatTable, summarise } from './evalkit/table';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => option(args, name, fallback);
const list = (name: string, fallback: string): string[] => opt(name, fallback).split(',').filter(Boolean);
const numbers = (name: string, fallback: string): number[] => list(name, fallback).map((v) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} wants numbers, got ${v}`);
  return n;
});

interface Job { dataset: DatasetId; dim: number; seed: number }

/** The page's default experiment with every loss, as "Add run" ×5 builds it. */
export function comparisonConfig(dataset: DatasetId, dim: number, seed: number): ExperimentConfig {
  const losses = lossesOption(args, COMPARISON_LOSS_IDS);
  const overrides = paramOverrides(args);
  const chosen = choiceOverrides(args);
  const lr = opt('lr', '');
  const base = defaultConfig();
  const optimizer = opt('optimizer', base.optimizer);
  if (optimizer !== 'adam' && optimizer !== 'sgd') throw new Error(`--optimizer wants adam or sgd, got ${optimizer}`);
  return {
    ...base, dataset, embeddingDim: dim, seed, plannedEpochs: DEFAULT_PLANNED_EPOCHS[dataset],
    optimizer, momentum: numbers('momentum', String(base.momentum))[0], weightDecay: numbers('weight-decay', String(base.weightDecay))[0],
    openSet: numbers('open-set', ''),
    runs: losses.map((l, i) => {
      const run = defaultRun(l, `r${i + 1}`);
      return { ...run, learningRate: lr ? Number(lr) : run.learningRate, params: { ...run.params, ...overrides[l] }, choices: { ...run.choices, ...chosen[l] } };
    }),
  };
}

async function child(job: Job): Promise<void> {
  const cfg = comparisonConfig(job.dataset, job.dim, job.seed);
  const ds = await loadDataset(job.dataset);
  const planned = Math.round((cfg.plannedEpochs * ds.train.count) / cfg.batchSize);
  const steps = Number(opt('steps', String(planned)));
  const result = await runExperiment(cfg, { steps });
  process.stdout.write(`@@result ${JSON.stringify(result)}\n`);
}

function runChild(job: Job): Promise<ExperimentResult> {
  const script = fileURLToPath(import.meta.url);
  const passOn = args.filter((_, i) => !['--dataset', '--dims', '--seeds', '--jobs', '--json'].includes(args[i]) && !['--dataset', '--dims', '--seeds', '--jobs', '--json'].includes(args[i - 1]));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', script, '--child', job.dataset, String(job.dim), String(job.seed), ...passOn], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.on('error', reject);
    p.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('@@result '));
      if (code !== 0 || !line) reject(new Error(`${job.dataset} ${job.dim}-D seed ${job.seed} failed (exit ${code})`));
      else resolve(JSON.parse(line.slice('@@result '.length)) as ExperimentResult);
    });
  });
}

async function parent(): Promise<void> {
  const which = opt('dataset', 'all');
  const seeds = numbers('seeds', '1,2,3');
  const jobs: Job[] = [];
  for (const dataset of (which === 'all' ? ['mnist', 'cifar10'] : [which]) as DatasetId[]) {
    if (dataset !== 'mnist' && dataset !== 'cifar10') throw new Error('--dataset must be mnist, cifar10 or all');
    const dims = numbers('dims', dataset === 'mnist' ? '2' : '2,64');
    for (const dim of dims) for (const seed of seeds) jobs.push({ dataset, dim, seed });
  }
  const parallel = Math.max(1, Number(opt('jobs', String(cpus().length))));
  const file = opt('json', '');
  const shown = comparisonConfig('mnist', 2, 1);
  console.log(`# ${jobs.length} experiment(s), ${parallel} at a time; each: ${shown.runs.length} losses in lock-step, default settings, evaluated on the whole test set; ${
    shown.optimizer === 'sgd' ? `SGD (momentum ${shown.momentum})` : 'Adam'}, weight decay ${shown.weightDecay}${shown.openSet.length ? `, classes ${shown.openSet.join(', ')} held out` : ''}`);
  const results = new Map<Job, ExperimentResult>();
  const queue = [...jobs];
  const t0 = performance.now();
  await Promise.all(Array.from({ length: parallel }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const r = await runChild(job);
      results.set(job, r);
      console.log(`# done: ${job.dataset} ${job.dim}-D seed ${job.seed}, ${r.steps} steps (${r.epochs.toFixed(2)} epochs) in ${r.wallSeconds.toFixed(0)} s: ${
        r.rows.map((row) => `${row.name} ${(100 * row.accuracy).toFixed(1)} %`).join(', ')}`);
      // an hour-long CIFAR-10 sweep keeps what it has measured if a later job fails or is stopped
      if (file) writeFileSync(file, JSON.stringify(grouped(jobs, results), null, 2));
    }
  }));
  const groups = grouped(jobs, results);
  for (const g of groups) {
    const first = g.results[0];
    console.log(`\n## ${first.dataset}: embedding size ${g.dim}, ${g.steps} steps (${first.epochs.toFixed(2)} epochs), seeds ${g.seeds.join(', ')}`);
    console.log(formatTable(g.summary));
  }
  console.log(`\n# total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (file) writeFileSync(file, JSON.stringify(groups, null, 2));
}

/** The finished experiments per (dataset, embedding size), in job order, summarised over their seeds. */
function grouped(jobs: Job[], results: Map<Job, ExperimentResult>) {
  const groups = new Map<string, { job: Job; result: ExperimentResult }[]>();
  for (const job of jobs) {
    const result = results.get(job);
    if (!result) continue;
    const key = `${job.dataset} ${job.dim}`;
    groups.set(key, [...(groups.get(key) ?? []), { job, result }]);
  }
  return [...groups.values()].map((g) => {
    const { job, result } = g[0];
    return {
      dataset: job.dataset, dim: job.dim, steps: result.steps, seeds: g.map((x) => x.job.seed),
      summary: summarise(g.map((x) => x.result)), results: g.map((x) => x.result),
    };
  });
}

const at = args.indexOf('--child');
// one preset's experiment (src/presets/*.json) and its claim's verdict: scripts/evalkit/preset.ts
if (args.includes('--preset')) await (await import('./evalkit/preset')).runPreset(args);
else if (at >= 0) await child({ dataset: args[at + 1] as DatasetId, dim: Number(args[at + 2]), seed: Number(args[at + 3]) });
else await parent();
