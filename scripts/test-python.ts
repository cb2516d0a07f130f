/**
 * The PyTorch export's tests (issue 16), run by `npm run test:python`:
 *  1. the generated seeded generator and LeNet initialisation equal the page's (seedrandom, createBackbone);
 *  2. the generated losses.py reproduces test-data/loss-vectors/ in float64 within 1e-6 (values and gradients);
 *  3. every loss in MNIST experiments of at most six runs, exported headlessly, trains 40 steps on CPU
 *     in two DDP processes (--procs 2, gloo) and every run's loss falls; each run's embeddings file is in
 *     the page's format.
 * Needs Debian's python3-torch at /usr/bin/python3 (PYTHON overrides); fails, never skips, without it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '../src/engine/tfNode';
import seedrandom from 'seedrandom';
import { createBackbone, lenetSpec } from '../src/engine/backbone';
import { EMBEDDINGS_FORMAT } from '../src/export/table';
import { LOSSES } from '../src/losses';
import { MAX_RUNS, type ExperimentConfig } from '../src/config/config';
import { defaultGlobals } from '../src/config/settings';

const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const VECTORS = process.argv[2] ?? 'test-data/loss-vectors/vectors.json';
const STEPS = 40;

function py(args: string[], cwd?: string): string {
  return execFileSync(PYTHON, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
}

function fail(msg: string): never {
  throw new Error(msg);
}

/**
 * Every registered loss once, with its defaults, in experiments of at most MAX_RUNS runs (what a
 * config may hold): the registry's first six losses, then the rest.
 */
export function everyLossConfigs(): ExperimentConfig[] {
  const configs: ExperimentConfig[] = [];
  for (let start = 0; start < LOSSES.length; start += MAX_RUNS) {
    configs.push({
      version: 1, ...defaultGlobals('mnist'), embeddingDim: 2, batchSize: 64, seed: 1, evalSize: 500, augment: false,
      openSet: [], plannedEpochs: 2, lrSchedule: 'cosine',
      runs: LOSSES.slice(start, start + MAX_RUNS).map((l, i) => ({ id: `r${start + i + 1}`, name: l.label, loss: l.id, learningRate: 6e-3, params: {}, choices: {} })),
    });
  }
  return configs;
}

/** Exports `config` headlessly, as a user runs the exporter, into dir/name; returns the project's folder. */
function exportProject(dir: string, name: string, config: ExperimentConfig): string {
  const cfgFile = join(dir, `${name}.json`);
  writeFileSync(cfgFile, JSON.stringify(config));
  const project = join(dir, name);
  execFileSync('npx', ['tsx', 'scripts/export-pytorch.ts', '--config', cfgFile, '--out', project], { stdio: 'inherit' });
  return project;
}

/** Trains an exported project for STEPS steps in two DDP processes; every run's loss must fall. */
function trainFalls(project: string, out: string, expectedRuns: number): void {
  execFileSync(PYTHON, [join(project, 'train.py'), '--steps', String(STEPS), '--procs', '2', '--out', out, '--log-every', '5'], { stdio: 'inherit' });
  const log = JSON.parse(readFileSync(join(out, 'train-log.json'), 'utf8')) as { procs: number; samplesPerSec: number; runs: Record<string, { name: string; log: [number, number][] }> };
  if (log.procs !== 2) fail(`trained with ${log.procs} processes, expected 2`);
  const runs = Object.entries(log.runs);
  if (runs.length !== expectedRuns) fail(`${runs.length} runs trained, expected ${expectedRuns}`);
  for (const [id, r] of runs) {
    const first = r.log[0][1];
    const last = r.log[r.log.length - 1][1];
    if (!(Number.isFinite(last) && last < first)) fail(`${r.name}: loss ${first} at step ${r.log[0][0]} → ${last} at step ${r.log[r.log.length - 1][0]}: did not fall`);
    const doc = JSON.parse(readFileSync(join(out, `embeddings-${id}.json`), 'utf8')) as { format: string; points: { embedding: number[]; xy: number[] }[]; dim: number };
    if (doc.format !== EMBEDDINGS_FORMAT || doc.points.length !== 500 || doc.points[0].embedding.length !== doc.dim) fail(`embeddings-${id}.json is not a 500-point page export`);
    console.log(`PASS ${r.name}: loss ${first.toFixed(4)} → ${last.toFixed(4)}`);
  }
  console.log(`PASS ${runs.length} losses fall in 2 DDP processes (${Math.round(log.samplesPerSec)} samples/s summed over the runs)`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pytorch-export-'));
  try {
    const configs = everyLossConfigs();
    const project = exportProject(dir, 'project', configs[0]);

    // 1. same generator, same initial weights
    const seeds = ['backbone:1', 'sampler:pk:7', 'head:simplex:123456789', 'eval:0'];
    const ours = seeds.map((s) => { const r = seedrandom(s); return Array.from({ length: 300 }, () => r()); });
    const theirs = JSON.parse(py(['-c', `import json,sys; sys.path.insert(0, '.'); from seeded import SeedRandom
print(json.dumps([[r() for _ in range(300)] for r in map(SeedRandom, ${JSON.stringify(seeds)})]))`], project)) as number[][];
    seeds.forEach((s, i) => ours[i].forEach((v, k) => { if (v !== theirs[i][k]) fail(`seedrandom("${s}") draw ${k}: page ${v}, Python ${theirs[i][k]}`); }));
    await tf.setBackend('cpu');
    const w = createBackbone(lenetSpec(28, 28, 1, 2), 1);
    const page = { conv1: Array.from(await w.conv1W.data()), fc1: Array.from(await w.fc1W.data()), emb: Array.from(await w.embW.data()) };
    const net = JSON.parse(py(['-c', `import json,sys; sys.path.insert(0, '.'); from model import LeNet
spec = dict(json.load(open('experiment.json'))['backbone'], height=28, width=28, channels=1)
m = LeNet(spec, 1)
print(json.dumps({'conv1': m.conv1_w.permute(2, 3, 1, 0).flatten().tolist(), 'fc1': m.fc1_w.flatten().tolist(), 'emb': m.emb_w.flatten().tolist()}))`], project)) as typeof page;
    for (const k of ['conv1', 'fc1', 'emb'] as const) {
      if (page[k].length !== net[k].length) fail(`${k}: ${page[k].length} page weights, ${net[k].length} Python`);
      page[k].forEach((v, i) => { if (v !== net[k][i]) fail(`initial ${k}[${i}]: page ${v}, Python ${net[k][i]}`); });
    }
    console.log('PASS seeded generator and LeNet initialisation equal the page\'s');

    // 2. reference vectors in float64
    execFileSync(PYTHON, ['scripts/pytorch/check_vectors.py', project, VECTORS], { stdio: 'inherit' });
    console.log('PASS reference vectors');

    // 3. every loss, in experiments of at most six runs, two DDP processes each: every loss falls
    configs.forEach((config, i) => trainFalls(i === 0 ? project : exportProject(dir, `project${i + 1}`, config), join(dir, `out${i + 1}`), config.runs.length));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`FAIL ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
