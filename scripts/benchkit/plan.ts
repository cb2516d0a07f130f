/**
 * What `npm run bench` times, and how long it may spend on each cell. The whole command has to finish
 * in under 10 minutes on a 2-core machine without a GPU, where WebGPU and WebGL run on SwiftShader (a
 * CPU emulation of a GPU) and the cpu backend is plain JavaScript: those get smaller batches and fewer
 * blocks. Ours and the peer always share the batch size, so their ratio is like for like; the batch
 * is in the table next to each row.
 */
import type { BenchCell } from '../../src/bench/timeCell';
import type { BackendName } from '../../src/workers/protocol';

export type Env = 'chromium' | 'node';
export type DatasetId = BenchCell['dataset'];

export interface PlannedCell extends BenchCell {
  env: Env;
  backend: BackendName;
}

export const BROWSER_BACKENDS: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
export const NODE_BACKENDS: BackendName[] = ['wasm', 'cpu'];
const DATASETS: DatasetId[] = ['mnist', 'cifar10'];
const RUNS: (1 | 6)[] = [1, 6];

function cellFor(env: Env, backend: BackendName, dataset: DatasetId, runs: 1 | 6): PlannedCell {
  const base = { env, backend, dataset, runs, peer: true };
  const mnist = dataset === 'mnist';
  switch (backend) {
    case 'wasm':
      // ~10–130 ms a step: enough blocks for a stable median
      return { ...base, batchSize: 128, stepsPerBlock: runs === 6 ? 1 : mnist ? 3 : 2, warmupSteps: 2, minBlocks: 3, maxBlocks: 9, budgetMs: 2500 };
    case 'webgl':
      // SwiftShader: ~0.3 s (MNIST) to seconds (CIFAR, six runs) a step; each new shape compiles shaders
      return { ...base, batchSize: mnist ? 64 : 32, stepsPerBlock: 1, warmupSteps: 1, minBlocks: 2, maxBlocks: 3, budgetMs: runs === 6 ? 0 : 1500 };
    case 'webgpu':
      // SwiftShader WebGPU: the first step compiles its shaders for seconds, later steps are slow too
      return { ...base, batchSize: mnist ? 32 : 16, stepsPerBlock: 1, warmupSteps: 1, minBlocks: 2, maxBlocks: 2, budgetMs: 0 };
    case 'cpu':
      // plain JS: ~45 ms (MNIST) to ~370 ms (CIFAR) per sample and run; no compilation to warm up
      return { ...base, batchSize: mnist ? 16 : 4, stepsPerBlock: 1, warmupSteps: 1, minBlocks: 1, maxBlocks: 1, budgetMs: 0 };
  }
}

export function plan(env: Env, backends: BackendName[]): PlannedCell[] {
  return backends.flatMap((b) => DATASETS.flatMap((d) => RUNS.map((r) => cellFor(env, b, d, r))));
}
