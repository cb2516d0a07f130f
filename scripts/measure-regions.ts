/**
 * Cost and fidelity of the decision regions (issue 14, part 1) next to training, in Node on wasm: six
 * runs (every registered loss) with a 2-D embedding train in lock-step on MNIST; per snapshot the
 * page's worker captures each run (`--points` test images) and then computes its region grid. Prints
 * ms per train step, per capture and per region grid (with its refined cells), the regions' share of
 * train + capture + regions time when a snapshot is taken every `--every` steps, and per loss how many
 * test points lie in the region of their predicted class (worst and mean over the snapshots).
 *
 *   npx tsx scripts/measure-regions.ts [--steps 30] [--every 5] [--points 2000] [--lr 0.001] [--seed 1] [--fine 16]
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadMnist } from '../src/data/mnist';
import { diskFetch, TEST_BASE } from '../src/testing/testFetch';
import { Trainer } from '../src/engine/trainer';
import { initWasmBackendNode } from '../src/engine/wasm/node';
import { LOSS_IDS } from '../src/losses';
import { defaultRun } from '../src/store/runs';
import { defaultConfig } from '../src/store/store';
import { regionAgreement } from '../src/viz/regions';
import { decisionRegions, REGION_FINE, REGION_GRID } from '../src/workers/regions';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const steps = arg('steps', 30);
const every = arg('every', 5);
const evalSize = arg('points', 2000);
const lr = arg('lr', NaN);
const seed = arg('seed', 1);
/** sub-cells per side in refined cells; 1: the uniform grid alone */
const fine = arg('fine', REGION_FINE);

async function main(): Promise<void> {
  await initWasmBackendNode();
  await tf.setBackend('wasm');
  const ds = await loadMnist(TEST_BASE, { fetchFn: diskFetch() });
  // --lr: one learning rate for every run (the browser test's softmax trains at 0.001, where points crowd the boundaries longest)
  const runs0 = LOSS_IDS.map((l) => ({ ...defaultRun(l, l), ...(Number.isFinite(lr) ? { learningRate: lr } : {}) }));
  const trainer = new Trainer(ds, { ...defaultConfig(), seed, backend: 'wasm', embeddingDim: 2, evalSize, runs: runs0 });
  let trainMs = 0, captureMs = 0, regionsMs = 0, snapshots = 0, refinedCells = 0;
  const agreement = new Map<string, number[]>();
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
      const g = head ? await decisionRegions(head, snapshot.points, REGION_GRID, fine) : null;
      regionsMs += performance.now() - t0;
      if (!g) continue;
      refinedCells += g.refined?.cells.length ?? 0;
      agreement.set(id, [...(agreement.get(id) ?? []), regionAgreement(g, snapshot.points, snapshot.predictions).agree]);
    }
  }
  const runs = trainer.runIds().length;
  console.log(`${runs} runs, MNIST, 2-D, wasm (Node), ${evalSize} points, grid ${REGION_GRID}² refined ${fine}² where a boundary crosses a point's cell, ${steps} steps, a snapshot every ${every} steps, seed ${seed}${Number.isFinite(lr) ? `, learning rate ${lr}` : ''}`);
  console.log(`train step (all runs): ${(trainMs / steps).toFixed(1)} ms`);
  console.log(`capture per run (${evalSize} images): ${(captureMs / snapshots / runs).toFixed(1)} ms`);
  console.log(`region grid per run: ${(regionsMs / snapshots / runs).toFixed(1)} ms (${(refinedCells / snapshots / runs).toFixed(0)} refined cells on average)`);
  console.log(`regions' share of train + capture + regions time: ${((100 * regionsMs) / (trainMs + captureMs + regionsMs)).toFixed(1)} %`);
  console.log(`regions' share of training time alone: ${((100 * regionsMs) / trainMs).toFixed(1)} %`);
  console.log('test points inside the region of their predicted class, worst / mean over the snapshots:');
  for (const [id, a] of agreement) {
    console.log(`  ${id.padEnd(8)} ${(100 * Math.min(...a)).toFixed(2)} % / ${(100 * a.reduce((s, v) => s + v, 0) / a.length).toFixed(2)} %`);
  }
  trainer.dispose?.();
}

void main();
