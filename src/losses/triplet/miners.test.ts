import * as tf from '@tensorflow/tfjs-core';
import '../../engine/tfNode'; // the CPU backend and every gradient, in Node
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmBackendNode } from '../../engine/wasm/node';
import { pairwiseDistance } from '../common/distance';
import { makePairs, makePairsTensor } from '../pair/math';
import { randomMatrix } from '../common/testUtil';
import { tripletLoss } from './math';

beforeAll(async () => {
  await initWasmBackendNode();
  await tf.setBackend('cpu');
});

/** Plain-loop statements of docs/losses.md §4 (semi-hard as TensorFlow's triplet_semihard_loss), float64. */
function distances(f: number[][], squared: boolean): number[][] {
  return f.map((a) => f.map((b) => {
    const s = a.reduce((acc, x, k) => acc + (x - b[k]) ** 2, 0);
    return squared ? s : Math.sqrt(s + 1e-12);
  }));
}

function reference(f: number[][], y: number[], margin: number, mining: string, squared: boolean): number {
  const D = distances(f, squared);
  const n = y.length;
  const pos = (a: number) => [...Array(n).keys()].filter((p) => p !== a && y[p] === y[a]);
  const neg = (a: number) => [...Array(n).keys()].filter((m) => y[m] !== y[a]);
  if (mining === 'batch_all') {
    let sum = 0, count = 0;
    for (let a = 0; a < n; a++) for (const p of pos(a)) for (const m of neg(a)) {
      const l = D[a][p] - D[a][m] + margin;
      if (l > 0) { sum += l; count++; }
    }
    return count ? sum / count : 0;
  }
  if (mining === 'batch_hard') {
    let sum = 0, count = 0;
    for (let a = 0; a < n; a++) {
      if (!pos(a).length || !neg(a).length) continue;
      const hp = Math.max(...pos(a).map((p) => D[a][p]));
      const hn = Math.min(...neg(a).map((m) => D[a][m]));
      sum += Math.max(hp - hn + margin, 0);
      count++;
    }
    return count ? sum / count : 0;
  }
  let sum = 0, count = 0;
  for (let a = 0; a < n; a++) for (const p of pos(a)) {
    const farther = neg(a).map((m) => D[a][m]).filter((d) => d > D[a][p]);
    const dn = farther.length ? Math.min(...farther) : Math.max(...neg(a).map((m) => D[a][m]));
    sum += Math.max(D[a][p] - dn + margin, 0);
    count++;
  }
  return count ? sum / count : 0;
}

describe('triplet mining against a plain-loop reference', () => {
  const cases: [string, boolean][] = [['batch_all', false], ['batch_all', true], ['batch_hard', false], ['batch_hard', true], ['semi_hard', false], ['semi_hard', true]];
  it.each(cases)('%s squared=%s on random P×K and shuffled batches', (mining, squared) => {
    for (let trial = 0; trial < 4; trial++) {
      const rng = seedrandom(`m${trial}`);
      const n = 12;
      const y = trial % 2 ? Array.from({ length: n }, (_, i) => Math.floor(i / 3)) : Array.from({ length: n }, () => Math.floor(rng() * 4));
      const f = randomMatrix(n, 3, `mf${trial}`, 1.5);
      const margin = [0.2, 1, 2, 0.5][trial];
      const ours = tf.tidy(() => tripletLoss(tf.tensor2d(f), tf.tensor1d(y, 'int32'), {
        margin, mining: mining as 'batch_all' | 'batch_hard' | 'semi_hard', squared,
      }).dataSync()[0]);
      expect(ours).toBeCloseTo(reference(f, y, margin, mining, squared), 4);
    }
  });
});

describe('pairwise distance', () => {
  it('is exactly 0 (squared) between identical rows and symmetric', () => {
    const f = [[1e3, -2e3], [1e3, -2e3], [0.5, 0.25]];
    const d = tf.tidy(() => pairwiseDistance(tf.tensor2d(f), undefined, { squared: true }).arraySync());
    expect(d[0][1]).toBe(0);
    expect(d[1][2]).toBe(d[2][1]);
    expect(d[0][2]).toBeCloseTo(distances(f, true)[0][2], -1);
  });
});

describe('in-batch pairs', () => {
  it('are about half positive on a P×K batch and never pair a sample with itself', () => {
    const y = [3, 3, 3, 3, 7, 7, 7, 7, 1, 1, 1, 1, 0, 0, 0, 0];
    const pairs = makePairs(y);
    expect(pairs).toHaveLength(16);
    const positives = pairs.filter(([i, j]) => y[i] === y[j]).length;
    expect(positives).toBe(8);
    expect(pairs.every(([i, j]) => i !== j)).toBe(true);
  });

  // on wasm too, the page's default backend: there tf.where read an int32 operand's bits as float32
  // when the other was float32, and every sample was paired with itself (fixed by keeping both float)
  it.each(['cpu', 'wasm'])('%s: the tensor pairing equals the plain one, incl. classes seen once, one-class and random batches', async (backend) => {
    await tf.setBackend(backend);
    try {
      const rng = seedrandom('pairs');
      const random = Array.from({ length: 4 }, () => Array.from({ length: 128 }, () => Math.floor(rng() * 10)));
      for (const y of [[0, 1, 1, 0, 2, 2, 2, 3], [5, 5, 5], [1, 2, 3, 4], [0, 0, 1, 1, 2, 2], ...random]) {
        const t = tf.tidy(() => makePairsTensor(tf.tensor1d(y, 'int32')).arraySync());
        expect(t).toEqual(makePairs(y));
      }
    } finally {
      await tf.setBackend('cpu');
    }
  });

  it('a batch of one sample has no pairs', () => {
    expect(makePairs([4])).toEqual([]);
    expect(tf.tidy(() => makePairsTensor(tf.tensor1d([4], 'int32')).shape)).toEqual([0, 2]);
  });
});
