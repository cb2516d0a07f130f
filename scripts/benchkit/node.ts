/** The Node half: the same timeCell as the page's worker, on TF.js's wasm (with our kernels) and cpu backends. */
import * as tf from '@tensorflow/tfjs-core';
import { loadCifar10 } from '../../src/data/cifar10';
import { loadMnist } from '../../src/data/mnist';
import { diskFetch, TEST_BASE } from '../../src/testing/testFetch';
import type { Dataset } from '../../src/data/types';
import { timeCell } from '../../src/bench/timeCell';
import { initWasmBackendNode } from '../../src/engine/wasm/node';
import type { BenchOutcome } from '../../src/bench/protocol';
import type { DatasetId, PlannedCell } from './plan';

const datasets = new Map<DatasetId, Dataset>();

async function dataset(id: DatasetId): Promise<Dataset> {
  let ds = datasets.get(id);
  if (!ds) {
    // public/ read from disk, as the page serves it (the shipped CIFAR-10 subset)
    const fetchFn = diskFetch();
    ds = id === 'mnist' ? await loadMnist(TEST_BASE, { fetchFn }) : await loadCifar10(TEST_BASE, { fetchFn, prefer: 'subset' });
    datasets.set(id, ds);
  }
  return ds;
}

let wasmReady = false;

export async function benchInNode(cell: PlannedCell): Promise<BenchOutcome> {
  if (!wasmReady) {
    await initWasmBackendNode();
    wasmReady = true;
  }
  if (!(await tf.setBackend(cell.backend))) return { ok: false, skipped: `TF.js could not start ${cell.backend} in Node` };
  await tf.ready();
  const timing = await timeCell(await dataset(cell.dataset), cell);
  const note = cell.backend === 'wasm' ? `wasm SIMD ${String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))}, threads off` : 'plain JavaScript';
  return { ok: true, timing, backendNote: note };
}
