import { describe, expect, it } from 'vitest';
import { BatchSampler } from './sampler';

/** 10 classes of uneven size (class 9 has only 2 samples). */
const labels = Uint8Array.from({ length: 200 }, (_, i) => (i < 198 ? i % 9 : 9));

const take = (s: BatchSampler, n: number) => Array.from({ length: n }, () => Array.from(s.next()));

describe('BatchSampler', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const mode = { kind: 'pk', p: 4, k: 3 } as const;
    expect(take(new BatchSampler(labels, 10, 7, mode), 5)).toEqual(take(new BatchSampler(labels, 10, 7, mode), 5));
    expect(take(new BatchSampler(labels, 10, 7, mode), 5)).not.toEqual(take(new BatchSampler(labels, 10, 8, mode), 5));
    const sh = { kind: 'shuffle', batch: 32 } as const;
    expect(take(new BatchSampler(labels, 10, 1, sh), 3)).toEqual(take(new BatchSampler(labels, 10, 1, sh), 3));
  });

  it('gives P distinct classes × K samples, class by class, every batch', () => {
    const p = 5, k = 4;
    const s = new BatchSampler(labels, 10, 3, { kind: 'pk', p, k });
    expect(s.batchSize).toBe(20);
    for (const batch of take(s, 60)) {
      expect(batch).toHaveLength(p * k);
      const classes = batch.map((i) => labels[i]);
      const blocks = Array.from({ length: p }, (_, b) => classes.slice(b * k, (b + 1) * k));
      for (const block of blocks) expect(new Set(block).size).toBe(1);
      expect(new Set(blocks.map((b) => b[0])).size).toBe(p);
      // K distinct samples whenever the class has K
      for (let b = 0; b < p; b++) {
        const idx = batch.slice(b * k, (b + 1) * k);
        if (blocks[b][0] !== 9) expect(new Set(idx).size).toBe(k);
      }
    }
  });

  it('visits every class evenly over P×K batches', () => {
    const s = new BatchSampler(labels, 10, 5, { kind: 'pk', p: 5, k: 2 });
    const seen = new Array(10).fill(0);
    for (const batch of take(s, 100)) for (let b = 0; b < 5; b++) seen[labels[batch[b * 2]]]++;
    for (const n of seen) expect(n).toBe(50);
  });

  it('shuffled epochs cover every sample once per epoch, with a fixed batch size', () => {
    const s = new BatchSampler(labels, 10, 9, { kind: 'shuffle', batch: 50 });
    const epoch = take(s, 4).flat();
    expect(epoch).toHaveLength(200);
    expect(new Set(epoch).size).toBe(200);
    expect(epoch).not.toEqual([...Array(200).keys()]);
    const odd = new BatchSampler(labels, 10, 9, { kind: 'shuffle', batch: 64 });
    for (const b of take(odd, 10)) expect(b).toHaveLength(64);
  });

  it('refuses impossible requests with a clear message', () => {
    expect(() => new BatchSampler(labels, 10, 1, { kind: 'pk', p: 11, k: 2 })).toThrow(/P ≤ the number of classes present/);
    expect(() => new BatchSampler(Uint8Array.from([0, 12]), 10, 1, { kind: 'pk', p: 1, k: 2 })).toThrow(/label 12/);
    expect(() => new BatchSampler(new Uint8Array(0), 10, 1, { kind: 'shuffle', batch: 4 })).toThrow(/at least one sample/);
  });
});
