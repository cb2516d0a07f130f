import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { registerWasmTrainingKernels } from './index';
import '../tfNode';

let ready: Promise<void> | null = null;

/**
 * Node-only (tests, benchmarks): points the wasm backend at the .wasm files inside node_modules and
 * registers our training kernels. Kept out of index.ts so that the browser bundle never sees
 * node:module / node:path. Leaves the active backend as it was; callers pick one with tf.setBackend.
 */
export function initWasmBackendNode(): Promise<void> {
  if (ready) return ready;
  ready = (async () => {
    const require = createRequire(import.meta.url);
    // the package's "main" lies in dist/, next to the .wasm files; setWasmPaths wants a trailing slash
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    // Threads: on our 2-core machines they gave nothing and Node would spawn worker_threads that keep
    // the process alive; measure the single-threaded SIMD build, the one the browser gets too.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(join(dist, '/'));
    registerWasmTrainingKernels();
    const previous = tf.getBackend();
    await tf.setBackend('wasm');
    await tf.ready();
    if (previous && previous !== 'wasm') await tf.setBackend(previous);
  })();
  return ready;
}
