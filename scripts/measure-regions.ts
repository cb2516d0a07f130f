/**
 * Cost of the decision regions (issue 14, part 1) next to training, in Node on wasm: six runs (every
 * registered loss) with a 2-D embedding train in lock-step on MNIST; per snapshot the page's worker
 * captures each run (2 000 test images) and then computes its region grid. Prints ms per train step,
 * per capture and per region grid, and the regions' share of train + capture + regions time when a
 * snapshot is taken every `--every` steps.
 *
 *   npx tsx scripts/measure-regions.ts [--steps 30] [--every 5]
 */
import * as tf from '@tensorflow/tfjs';
import { loadMnist } from '../src/data/mnist';
import { diskFetch, TEST_BASE } from '../src/testing/testFetch';
import { Trainer } from '../src/engine/trainer';
import { initWasmBackendNode } from '../src/engine/wasm/node';
import { LOSS_IDS } from '../src/losses';
import { defaultRun } from '../src/store/runs';
import { defaultConfig } from '../src/store/store';
import { decisionRegions, REGION_GRID } from '../src/workers/regions';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const steps = arg('steps', 30);
const every = arg('every', 5);

async function main(): Promise<void> {
  await initWasmBackendNode();
  await tf.setBackend('wasm');
  const ds = await loadMnist(TEST_BASE, { fetchFn: diskFetch() });
  const trainer = new Trainer(ds, { ...defaultConfig(), backend: 'wasm', embeddingDim: 2, evalSize: 2000, runs: LOSS_IDS.map((l) => defaultRun(l, l)) });
  let trainMs = 0, captureMs = 0, regionsMs = 0, snapshots = 0;
  await trainer.trainStep(); // warm-up
  for (let i = 1; i <= steps; i++) {
    let t0 = performance.now();
    await trainer.trainStep();
    trainMs += performance.now() - t0;
    if (i % every) continue;
    snapshots++;
    for (const id of trainer.runIds()) {
      t0 = performance.now();
      const { snapshot } = await trainer.capture(id);
      captureMs += performance.now() - t0;
      t0 = performance.now();
      const head = trainer.headOf(id);
      if (head) await decisionRegions(head, snapshot.points);
      regionsMs += performance.now() - t0;
    }
  }
  const runs = trainer.runIds().length;
  console.log(`${runs} runs, MNIST, 2-D, wasm (Node), grid ${REGION_GRID}², ${steps} steps, a snapshot every ${every} steps`);
  console.log(`train step (all runs): ${(trainMs / steps).toFixed(1)} ms`);
  console.log(`capture per run (2 000 images): ${(captureMs / snapshots / runs).toFixed(1)} ms`);
  console.log(`region grid per run: ${(regionsMs / snapshots / runs).toFixed(1)} ms`);
  console.log(`regions' share of train + capture + regions time: ${((100 * regionsMs) / (trainMs + captureMs + regionsMs)).toFixed(1)} %`);
  console.log(`regions' share of training time alone: ${((100 * regionsMs) / trainMs).toFixed(1)} %`);
  trainer.dispose?.();
}

void main();
