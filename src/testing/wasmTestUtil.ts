import * as tf from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';

/** Seeded normal-ish values, the same on every backend (Box–Muller on a seeded uniform source). */
export function randn(seed: string, n: number, scale = 1): Float32Array {
  const rng = seedrandom(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = Math.max(rng(), 1e-12), v = rng();
    out[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v) * scale;
  }
  return out;
}

/** max|a−b| / max|b|: a relative error that is not blown up by entries that happen to be near zero. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0, ref = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    ref = Math.max(ref, Math.abs(b[i]));
  }
  return ref === 0 ? diff : diff / ref;
}

/** Runs f on the named backend and returns its results as plain arrays, disposing every tensor. */
export async function onBackend(name: string, f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(name);
  const out = tf.tidy(f);
  const data = out.map(t => t.dataSync() as Float32Array).map(d => new Float32Array(d));
  tf.dispose(out);
  return data;
}
