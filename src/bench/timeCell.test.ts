import * as tf from '@tensorflow/tfjs-core';
import '../engine/tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../data/mnist';
import { diskFetch, TEST_BASE } from '../testing/testFetch';
import type { Dataset } from '../data/types';
import { timeCell, type BenchCell } from './timeCell';
import { useStockWasmKernels } from '../engine/wasm/kernels';
import { initWasmBackendNode } from '../engine/wasm/node';

let mnist: Dataset;

beforeAll(async () => {
  await initWasmBackendNode();
  await tf.setBackend('wasm');
  mnist = await loadMnist(TEST_BASE, { fetchFn: diskFetch() });
});

const cell: BenchCell = { dataset: 'mnist', runs: 6, batchSize: 16, stepsPerBlock: 1, warmupSteps: 1, minBlocks: 2, maxBlocks: 2, budgetMs: 0, peer: true };

describe('timeCell', () => {
  it('times six lock-step runs and six model.fit peers on wasm, leaves no tensors and our kernels in place', async () => {
    const t = await timeCell(mnist, cell);
    expect(t.backend).toBe('wasm');
    expect(t.oursBlockMs).toHaveLength(2);
    expect(t.peerBlockMs).toHaveLength(2);
    expect(t.oursSamplesPerSec).toBeGreaterThan(0);
    expect(t.peerSamplesPerSec).toBeGreaterThan(0);
    expect(t.oursGflops).toBeCloseTo((t.oursSamplesPerSec * t.flopsPerSample) / 1e9, 6);
    expect(t.leakedTensors).toBe(0);
    // the peer ran on stock kernels; ours must be back (the fused backward is ours only)
    expect(tf.getKernel('MlpConvReluPoolGrad', 'wasm')).toBeDefined();
    useStockWasmKernels(false);
  }, 60_000);
});
