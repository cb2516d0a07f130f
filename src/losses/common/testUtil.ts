import * as tf from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';

/** Test helpers: seeded inputs and central finite differences on the CPU backend (float32). */
export function randomMatrix(rows: number, cols: number, seed: string, scale = 1): number[][] {
  const rng = seedrandom(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rng() * 2 - 1) * scale));
}

/** Analytic gradient from tf.grad and central differences of the same function, as flat arrays. */
export function gradientCheck(
  x0: number[][], f: (x: tf.Tensor2D) => tf.Scalar, h = 5e-3,
): { analytic: number[]; numeric: number[] } {
  return tf.tidy(() => {
    const x = tf.tensor2d(x0);
    const analytic = Array.from(tf.grad((t: tf.Tensor) => f(t as tf.Tensor2D))(x).dataSync());
    const numeric: number[] = [];
    const value = (m: number[][]) => tf.tidy(() => f(tf.tensor2d(m)).dataSync()[0]);
    for (let i = 0; i < x0.length; i++) {
      for (let j = 0; j < x0[i].length; j++) {
        const plus = x0.map((r) => r.slice());
        const minus = x0.map((r) => r.slice());
        plus[i][j] += h;
        minus[i][j] -= h;
        numeric.push((value(plus) - value(minus)) / (2 * h));
      }
    }
    return { analytic, numeric };
  });
}

/** Largest violation of |a − n| ≤ abs + rel·|n|, as a ratio (≤ 1 passes). */
export function worstRatio(a: number[], n: number[], abs = 1e-3, rel = 1e-2): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - n[i]) / (abs + rel * Math.abs(n[i])));
  return worst;
}
