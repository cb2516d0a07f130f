import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { reference } from './__fixtures__/reference';
import { evaluateEmbedding } from './evaluate';
import { mapAtR } from './mapAtR';
import { nmiOfEmbedding } from './nmi';
import { recallAtK } from './recall';

describe('evaluateEmbedding', () => {
  it('retrieval on unseen classes: the held-out samples among themselves (hand-checked)', () => {
    // 1-D points. Known (mask 0): class 0 at 0.05 and 0.06, sitting among the unseen ones.
    // Unseen (mask 1): class 8 at 0 and 10, class 9 at 0.1 and 10.1.
    //   0 → 0.1 (9), 10 (8): R@1 0, R@2 1; 10 → 10.1 (9), then 0.1, 0 (8): R@1 0, R@4 1
    //   0.1 → 0 (8), 10 (8), 10.1 (9): R@1 0, R@4 1; 10.1 → 10 (8), then 0.1 (9): R@1 0, R@2 1
    // R@1 = 0, R@2 = 2/4 (0 and 10.1 find theirs at rank 2), R@4 = 1; MAP@R (R = 1): 0
    const points = Float32Array.from([0.05, 0.06, 0, 10, 0.1, 10.1]);
    const labels = Uint8Array.from([0, 0, 8, 8, 9, 9]);
    const unknownMask = Uint8Array.from([0, 0, 1, 1, 1, 1]);
    const e = evaluateEmbedding({
      points, dim: 1, labels, predictions: Uint8Array.from([0, 0, 0, 0, 0, 0]), classes: 10, seed: 1,
      unknownMask, unknownScores: Float32Array.from([0, 0, 1, 1, 1, 1]),
    });
    expect(e.unseen?.recall[1]).toBe(0);
    expect(e.unseen?.recall[2]).toBe(0.5);
    expect(e.unseen?.recall[4]).toBe(1);
    expect(e.unseen?.mapAtR).toBe(0);
    // the known samples are not in the database: with them, 0 and 0.1 would find class 0 first anyway,
    // and moving the unseen pairs together gives perfect unseen retrieval whatever the known ones do
    const together = evaluateEmbedding({
      points: Float32Array.from([0.05, 0.06, 0, 0.01, 10, 10.01]), dim: 1, labels, predictions: Uint8Array.from([0, 0, 0, 0, 0, 0]), classes: 10, seed: 1,
      unknownMask, unknownScores: Float32Array.from([0, 0, 1, 1, 1, 1]),
    });
    expect(together.unseen?.recall[1]).toBe(1);
    expect(together.unseen?.mapAtR).toBe(1);
    // the known figures are the known samples' own
    expect(together.recall[1]).toBe(1);
    // closed set: none
    expect(evaluateEmbedding({ points, dim: 1, labels, predictions: labels, classes: 10, seed: 1 }).unseen).toBeNull();
  });

  it('reproduces every numpy reference metric in one call (closed set: no AUROC)', () => {
    for (const c of reference.metrics) {
      const e = evaluateEmbedding({
        points: Float32Array.from(c.points), dim: c.dim, labels: Uint8Array.from(c.labels),
        predictions: Uint8Array.from(c.predictions), classes: c.classes, seed: 1,
      });
      expect(Math.abs(e.accuracy - c.accuracy)).toBeLessThan(1e-12);
      for (const k of [1, 2, 4, 8] as const) expect(Math.abs(e.recall[k] - c.recall[k])).toBeLessThan(1e-9);
      expect(Math.abs(e.mapAtR - c.mapAtR)).toBeLessThan(1e-9);
      expect(e.confusion).toEqual(c.confusion);
      expect(e.perClass.map((v) => (Number.isNaN(v) ? null : v))).toEqual(c.perClass);
      expect(e.auroc).toBeNull();
      expect(e.nmi).toBeGreaterThan(0);
      expect(e.nmi).toBeLessThanOrEqual(1);
    }
  });

  it('open set: AUROC over all samples, the other metrics over the known samples only', () => {
    const c = reference.metrics[2];
    const points = Float32Array.from(c.points);
    const e = evaluateEmbedding({
      points, dim: c.dim, labels: c.labels, predictions: c.predictions, classes: c.classes,
      unknownScores: c.unknownScores, unknownMask: c.unknownMask, seed: 7,
    });
    expect(Math.abs((e.auroc ?? NaN) - c.auroc)).toBeLessThan(1e-12);

    const keep = c.labels.map((_, i) => i).filter((i) => !c.unknownMask[i]);
    const kp = Float32Array.from(keep.flatMap((i) => c.points.slice(i * c.dim, (i + 1) * c.dim)));
    const kl = keep.map((i) => c.labels[i]);
    const correct = keep.filter((i) => c.labels[i] === c.predictions[i]).length;
    expect(e.accuracy).toBe(correct / keep.length);
    expect(e.recall).toEqual(recallAtK(kp, c.dim, kl));
    expect(e.mapAtR).toBe(mapAtR(kp, c.dim, kl));
    expect(e.nmi).toBe(nmiOfEmbedding(kp, c.dim, kl, new Set(kl).size, 7));
    // Held-out classes (7, 8, 9) have no samples left: their confusion rows are empty.
    expect(e.confusion.slice(7).flat().every((v) => v === 0)).toBe(true);
    expect(e.perClass.slice(7).every(Number.isNaN)).toBe(true);
  });

  it('reports NaN retrieval metrics for a diverged (NaN) embedding instead of throwing', () => {
    const e = evaluateEmbedding({
      points: Float32Array.of(0, NaN, 1, 1, 2, 2), dim: 2, labels: [0, 0, 1], predictions: [0, 1, 1], classes: 2, seed: 1,
    });
    expect(e.accuracy).toBeCloseTo(2 / 3, 15);
    expect(e.mapAtR).toBeNaN();
    expect(e.recall[1]).toBeNaN();
    expect(e.nmi).toBeNaN();
  });

  it('rejects inputs of mismatched length', () => {
    expect(() => evaluateEmbedding({ points: new Float32Array(6), dim: 2, labels: [0, 1], predictions: [0, 1, 0], classes: 2, seed: 1 }))
      .toThrow(RangeError);
  });

  it('evaluates n = 2000 MNIST-sized embeddings quickly (generous bound)', () => {
    const rng = seedrandom('speed');
    const n = 2000;
    const labels = Uint8Array.from({ length: n }, () => Math.floor(rng() * 10));
    for (const dim of [2, 16]) {
      const points = Float32Array.from({ length: n * dim }, (_, i) => labels[Math.floor(i / dim)] * (i % dim === 0 ? 1 : 0) + rng());
      const t = performance.now();
      const e = evaluateEmbedding({ points, dim, labels, predictions: labels, classes: 10, seed: 1 });
      expect(performance.now() - t).toBeLessThan(2000);
      expect(e.accuracy).toBe(1);
      expect(e.recall[8]).toBeGreaterThan(0.5);
    }
  });

  it('reports a trunk classifier\'s accuracy beside the plotted one, on the same known samples; null without it', () => {
    const points = new Float32Array([0, 0, 1, 0, 0, 1, 1, 1, 2, 2]);
    const base = { points, dim: 2, labels: [0, 0, 1, 1, 2], predictions: [0, 1, 1, 1, 0], classes: 3, seed: 1 };
    expect(evaluateEmbedding(base).trunkAccuracy).toBeNull();
    const e = evaluateEmbedding({ ...base, trunkPredictions: [0, 0, 1, 0, 2], unknownMask: [0, 0, 0, 0, 1], unknownScores: [0, 0, 0, 0, 1] });
    expect(e.accuracy).toBe(0.75); // known samples 0–3: the plotted rule gets 3
    expect(e.trunkAccuracy).toBe(0.75); // …and the trunk classifier 3 (the unknown sample is left out)
    const all = evaluateEmbedding({ ...base, trunkPredictions: [0, 0, 1, 1, 0] });
    expect(all.trunkAccuracy).toBe(0.8);
    expect(() => evaluateEmbedding({ ...base, trunkPredictions: [0] })).toThrow(RangeError);
  });
});
