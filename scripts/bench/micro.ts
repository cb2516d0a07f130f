/** Micro-benchmarks of single wasm kernels (npx tsx scripts/bench/micro.ts); medians of 15 runs. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { initWasmBackendNode } from '../../src/engine/wasm/node';
import { im2colT } from '../../src/engine/wasm/kernels';
import { median } from './util';

function time(f: () => void, n = 15): number {
  f(); f();
  const t: number[] = [];
  for (let i = 0; i < n; i++) { const t0 = performance.now(); f(); t.push(performance.now() - t0); }
  return median(t);
}

async function main(): Promise<void> {
  await initWasmBackendNode();
  await tf.setBackend('wasm');
  const backend = tf.backend() as BackendWasm;
  for (const [xs, cout] of [[[128, 28, 28, 1], 6], [[128, 12, 12, 6], 16], [[128, 32, 32, 3], 16], [[128, 14, 14, 16], 32]] as [[number, number, number, number], number][]) {
    const x = tf.randomNormal(xs) as tf.Tensor4D;
    const fs: [number, number, number, number] = [5, 5, xs[3], cout];
    const dy = tf.randomNormal([xs[0], xs[1] - 4, xs[2] - 4, cout]) as tf.Tensor4D;
    const info = tf.backend_util.computeConv2DInfo(xs, fs, 1, 1, 'valid');
    const K = 25 * xs[3], N = dy.size / cout;
    const P = tf.zeros([K, N]);
    const tIm2col = time(() => im2colT(backend.typedArrayFromHeap(x) as Float32Array, backend.typedArrayFromHeap(P) as Float32Array, info));
    const dy2 = dy.reshape([N, cout]);
    const tMM = time(() => tf.matMul(P, dy2).dispose());
    const tAll = time(() => (tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: fs }) as tf.Tensor).dispose());
    const tSum = time(() => tf.sum(dy, [0, 1, 2]).dispose());
    const dzT = tf.transpose(dy2); // [cout, N]
    const tMMt = time(() => tf.matMul(dzT, P, false, true).dispose());
    const w = tf.randomNormal(fs) as tf.Tensor4D;
    const tFwd = time(() => tf.conv2d(x, w, 1, 'valid').dispose());
    const tBI = time(() => (tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', inputShape: xs }) as tf.Tensor).dispose());
    const tSlice = time(() => tf.tidy(() => {
      const xT = tf.transpose(x, [3, 0, 1, 2]);
      const parts: tf.Tensor[] = [];
      for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) parts.push(tf.slice(xT, [0, 0, a, b], [xs[3], xs[0], xs[1] - 4, xs[2] - 4]));
      tf.concat(parts, 0);
    }));
    const tT = time(() => tf.transpose(x, [3, 0, 1, 2]).dispose());
    console.log(`   slice im2col ${tSlice.toFixed(2)} ms (transpose ${tT.toFixed(2)})`);
    console.log(`x ${xs} cout ${cout}: im2col ${tIm2col.toFixed(2)} ms, matMul P^T·dy ${tMM.toFixed(2)} ms, dy^T·P ${tMMt.toFixed(2)}, kernel ${tAll.toFixed(2)} ms, bias sum ${tSum.toFixed(2)} ms, fwd conv ${tFwd.toFixed(2)}, backpropInput ${tBI.toFixed(2)}`);
    tf.dispose([x, dy, P, dy2, dzT, w]);
  }
}
main();
