/** Time split of the fused conv+relu+pool backward (npx tsx scripts/bench/micro-simd.ts): copies vs the wasm loop. */
import * as tf from '@tensorflow/tfjs-core';
import '../../src/engine/tfNode';
import { convPoolGradSimd, simdAvailable } from '../../src/engine/wasm/simd';
import { median } from './util';

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  if (!simdAvailable()) throw new Error('no wasm SIMD');
  for (const [xs, cout, withDx] of [[[128, 28, 28, 1], 6, false], [[128, 12, 12, 6], 16, true], [[128, 32, 32, 3], 16, false], [[128, 14, 14, 16], 32, true]] as [number[], number, boolean][]) {
    const x = tf.randomNormal(xs);
    const w = tf.randomNormal([5, 5, xs[3], cout], 0, 0.3);
    const c = tf.relu(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'));
    const p = tf.maxPool(c as tf.Tensor4D, 2, 2, 'valid');
    const dp = tf.randomNormal(p.shape);
    const a = {
      x: x.dataSync() as Float32Array, c: c.dataSync() as Float32Array, p: p.dataSync() as Float32Array, dp: dp.dataSync() as Float32Array,
      w: withDx ? w.dataSync() as Float32Array : null, xShape: x.shape, cShape: c.shape, pShape: p.shape, kh: 5, kw: 5,
    };
    const dw = new Float32Array(w.size), db = new Float32Array(cout), dx = withDx ? new Float32Array(x.size) : null;
    const times: number[] = [], copies: number[] = [];
    const scratch = new Float32Array(a.x.length + a.c.length + a.p.length + a.dp.length);
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      convPoolGradSimd(a, dw, db, dx);
      times.push(performance.now() - t0);
      const t1 = performance.now();
      scratch.set(a.x, 0); scratch.set(a.c, a.x.length);
      scratch.set(a.p, a.x.length + a.c.length); scratch.set(a.dp, a.x.length + a.c.length + a.p.length);
      copies.push(performance.now() - t1);
    }
    console.log(`x ${xs} → ${cout}${withDx ? ' +dx' : ''}: total ${median(times).toFixed(2)} ms, of which input copies ≈ ${median(copies).toFixed(2)} ms`);
  }
}
main();
