import * as tf from '@tensorflow/tfjs-core';
import '../../engine/tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyClassMeans, nearestClassMean, updateClassMeans, type ClassMeans } from './classMeans';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const step = (s: ClassMeans, f: number[][], y: number[], rate?: number): ClassMeans => {
  const next = tf.tidy(() => updateClassMeans(s, tf.tensor2d(f), tf.tensor1d(y, 'int32'), rate));
  tf.dispose([s.means, s.batches]);
  return next;
};

describe('running class means', () => {
  it('the first batch sets a class mean (no pull toward the origin), absent classes keep theirs', () => {
    let s = emptyClassMeans(3, 2);
    s = step(s, [[2, 0], [4, 0], [0, 6]], [0, 0, 1]);
    expect(Array.from(s.means.dataSync())).toEqual([3, 0, 0, 6, 0, 0]);
    expect(Array.from(s.batches.dataSync())).toEqual([1, 1, 0]);
    // second batch of class 0 only: rate max(0.1, 1/2) = ½ → (3 + 5)/2 = 4; class 1 unchanged
    s = step(s, [[5, 2]], [0]);
    const m = Array.from(s.means.dataSync());
    expect(m[0]).toBeCloseTo(4, 6);
    expect(m[1]).toBeCloseTo(1, 6);
    expect(m.slice(2)).toEqual([0, 6, 0, 0]);
    tf.dispose([s.means, s.batches]);
  });

  it('becomes an exponential average at the rate once a class has had 1/rate batches', () => {
    let s = emptyClassMeans(1, 1);
    for (let i = 0; i < 10; i++) s = step(s, [[1]], [0], 0.1);
    expect(s.means.dataSync()[0]).toBeCloseTo(1, 6);
    s = step(s, [[11]], [0], 0.1); // 1 + 0.1·(11 − 1)
    expect(s.means.dataSync()[0]).toBeCloseTo(2, 5);
    tf.dispose([s.means, s.batches]);
  });

  it('nearest class mean skips classes without a mean (held-out classes never get one)', () => {
    let s = emptyClassMeans(3, 2);
    s = step(s, [[0, 0], [10, 0]], [0, 2]);
    // class 1 has mean (0, 0) as stored zeros but no batch: a point at the origin is not class 1
    const { index, distance } = nearestClassMean(tf.tensor2d([[0.1, 0], [9, 0], [5.2, 0]]), s);
    expect(Array.from(index.dataSync())).toEqual([0, 2, 2]);
    const d = Array.from(distance.dataSync());
    [0.1, 1, 4.8].forEach((v, i) => expect(d[i]).toBeCloseTo(v, 4));
    tf.dispose([s.means, s.batches, index, distance]);
  });
});
