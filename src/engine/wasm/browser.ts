import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// Vite copies each binary into the build with a hashed name and gives us its URL, so the app needs no
// CDN and no public/ copy that could drift from the installed package version. The threaded build is
// not imported, so it does not ship: threads are off (below).
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import { registerWasmTrainingKernels } from './index';

let configured = false;

/**
 * Browser (worker) side: tells the wasm backend where Vite put its binaries and registers our
 * training kernels. Call before the first tf.setBackend('wasm'); calling again is harmless.
 * Does not switch the backend itself: backend selection is the engine's decision.
 */
export function initWasmBackendBrowser(): void {
  if (configured) return;
  configured = true;
  // Threads gave no gain on 2 cores and hung in a minified build; never let the backend pick them.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    // setWasmPaths wants an entry for every binary; with threads off the backend never fetches this one
    'tfjs-backend-wasm-threaded-simd.wasm': wasmSimd,
  });
  registerWasmTrainingKernels();
}
