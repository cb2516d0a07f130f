import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/types';
import { balancedSubset, gatherBatch, gatherLabels } from './batches';

function tinyDataset(): Dataset {
  // 2 images of 2×2×1: values chosen so normalisation and flips are visible
  const images = Uint8Array.from([0, 51, 102, 255, 10, 20, 30, 40]);
  return {
    id: 'mnist', description: 'tiny', height: 2, width: 2, channels: 1, classNames: ['a', 'b'], mean: [0.2], std: [0.5],
    train: { images, labels: Uint8Array.from([0, 1]), count: 2 }, test: { images, labels: Uint8Array.from([0, 1]), count: 2 },
  };
}

describe('balancedSubset', () => {
  it('takes the same number of each class, deterministically per seed', () => {
    const labels = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 10);
    const a = balancedSubset(labels, 10, 200, 1);
    const counts = new Array(10).fill(0);
    a.forEach((i) => counts[labels[i]]++);
    expect(counts).toEqual(new Array(10).fill(20));
    expect(new Set(a).size).toBe(200);
    expect(Array.from(balancedSubset(labels, 10, 200, 1))).toEqual(Array.from(a));
    expect(Array.from(balancedSubset(labels, 10, 200, 2))).not.toEqual(Array.from(a));
  });

  it('stops at what exists when a class is short', () => {
    const labels = Uint8Array.from([0, 0, 0, 1]);
    expect(balancedSubset(labels, 2, 10, 1).length).toBe(4);
  });
});

describe('gatherBatch', () => {
  it('normalises with the dataset mean and std', () => {
    const ds = tinyDataset();
    const x = gatherBatch(ds, ds.train, [0]);
    expect(Array.from(x).map((v) => Number(v.toFixed(4)))).toEqual([-0.4, 0, 0.4, 1.6]);
    expect(Array.from(gatherLabels(ds.train, [1, 0]))).toEqual([1, 0]);
  });

  it('augmentation shifts with zero padding and mirrors, reproducibly', () => {
    const ds = tinyDataset();
    const black = -0.4; // a padded pixel is raw 0 after normalisation
    const seen = new Set<string>();
    const rng = seedrandom('t');
    for (let i = 0; i < 50; i++) {
      const x = gatherBatch(ds, ds.train, [1], { pad: 1, flip: true, rng });
      seen.add(Array.from(x).map((v) => v.toFixed(3)).join(','));
      // every output pixel is padding or one of the image's own pixels, normalised
      const allowed = [black, ...[10, 20, 30, 40].map((p) => p / 127.5 - 0.4)].map((u) => u.toFixed(3));
      for (const v of x) expect(allowed).toContain(v.toFixed(3));
    }
    expect(seen.size).toBeGreaterThan(3);
    const a = gatherBatch(ds, ds.train, [1], { pad: 1, flip: true, rng: seedrandom('s') });
    const b = gatherBatch(ds, ds.train, [1], { pad: 1, flip: true, rng: seedrandom('s') });
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
