import { describe, expect, it } from 'vitest';
import { DATASET_CLASSES } from '../config/config';
import { loadDataset } from './loaders';
import { TOY_IDS, TOY_TEST, TOY_TRAIN, toyDataset, toySplit } from './toy2d';

/** Nearest class mean in the plane: what a linear-ish rule can do with the raw coordinates. */
function nearestMeanAccuracy(points: Float32Array, labels: Uint8Array, classes: number): number {
  const sum = new Float64Array(2 * classes);
  const count = new Float64Array(classes);
  labels.forEach((y, i) => { sum[2 * y] += points[2 * i]; sum[2 * y + 1] += points[2 * i + 1]; count[y]++; });
  let right = 0;
  labels.forEach((y, i) => {
    let best = -1, bestD = Infinity;
    for (let c = 0; c < classes; c++) {
      const d = (points[2 * i] - sum[2 * c] / count[c]) ** 2 + (points[2 * i + 1] - sum[2 * c + 1] / count[c]) ** 2;
      if (d < bestD) { bestD = d; best = c; }
    }
    if (best === y) right++;
  });
  return right / labels.length;
}

describe('the toy 2-D sets', () => {
  it.each(TOY_IDS)('%s: balanced classes of finite points in the unit-ish square, the same on every call', (id) => {
    const ds = toyDataset(id);
    const classes = DATASET_CLASSES[id];
    expect([ds.kind, ds.dims, ds.classNames.length, ds.train.count, ds.test.count]).toEqual(['points', 2, classes, TOY_TRAIN, TOY_TEST]);
    for (const split of [ds.train, ds.test]) {
      expect(split.points.length).toBe(2 * split.count);
      expect(split.points.every((v) => Number.isFinite(v) && Math.abs(v) < 2.5)).toBe(true);
      const perClass = Array.from({ length: classes }, (_, c) => split.labels.filter((y) => y === c).length);
      expect(perClass).toEqual(Array(classes).fill(split.count / classes));
    }
    const again = toyDataset(id);
    expect(Array.from(again.train.points)).toEqual(Array.from(ds.train.points));
    // train and test are different draws
    expect(Array.from(ds.test.points.subarray(0, 10))).not.toEqual(Array.from(ds.train.points.subarray(0, 10)));
  });

  it('blobs are nearly separable by their means; spiral arms are not (the MLP has work to do)', () => {
    const blobs = toySplit('toy-blobs', 2000, 'check');
    const spirals = toySplit('toy-spirals', 2000, 'check');
    expect(nearestMeanAccuracy(blobs.points, blobs.labels, 5)).toBeGreaterThan(0.9);
    expect(nearestMeanAccuracy(spirals.points, spirals.labels, 5)).toBeLessThan(0.6);
  });

  it('loads through the worker\'s one entry point without fetching anything', async () => {
    const stages: string[] = [];
    const ds = await loadDataset('toy-spirals', 'http://nowhere.invalid/', { fetchFn: () => Promise.reject(new Error('no fetch')), onProgress: (s) => stages.push(s) });
    expect([ds.id, ds.kind, ds.description]).toEqual(['toy-spirals', 'points', expect.stringMatching(/^Toy 2-D spiral arms: 5 classes, 4\u00a0000 train \/ 1\u00a0000 test points/)]);
    expect(stages).toEqual(['Toy 2-D set ready']);
  });
});
