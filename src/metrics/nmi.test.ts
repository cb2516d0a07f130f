import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { reference } from './__fixtures__/reference';
import { nmiOfEmbedding, normalizedMutualInformation as nmi } from './nmi';

describe('normalizedMutualInformation', () => {
  it('gives the values scikit-learn gives for the textbook cases', () => {
    expect(nmi([0, 0, 1, 1], [0, 0, 1, 1])).toBe(1);
    expect(nmi([0, 0, 1, 1], [1, 1, 0, 0])).toBeCloseTo(1, 15); // ids are arbitrary
    expect(nmi([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0); // H(U) = 0 → MI = 0
    expect(nmi([0, 0, 0, 0], [5, 5, 5, 5])).toBe(1); // both one cluster: sklearn's special case
    expect(nmi([0, 1, 0, 1], [0, 0, 1, 1])).toBe(0); // independent
  });

  it('matches a contingency table worked by hand', () => {
    // a = 0 0 1 1, b = 0 0 0 1: cells (0,0)=2, (1,0)=1, (1,1)=1 of n=4; p_a = (½,½), p_b = (¾,¼).
    // MI = ½ ln(4·2/(2·3)) + ¼ ln(4·1/(2·3)) + ¼ ln(4·1/(2·1)) = ½ ln 4/3 + ¼ ln 2/3 + ¼ ln 2
    // H(a) = ln 2, H(b) = −(¾ ln ¾ + ¼ ln ¼); NMI = MI / ((H(a) + H(b)) / 2)
    const mi = 0.5 * Math.log(4 / 3) + 0.25 * Math.log(2 / 3) + 0.25 * Math.log(2);
    const hb = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
    expect(nmi([0, 0, 1, 1], [0, 0, 0, 1])).toBeCloseTo(mi / ((Math.log(2) + hb) / 2), 14);
    expect(nmi([0, 0, 1, 1], [0, 0, 0, 1])).toBeCloseTo(0.3437110184854508, 14);
  });

  it('is symmetric', () => {
    expect(nmi([0, 0, 1, 1, 2], [0, 1, 1, 1, 0])).toBeCloseTo(nmi([0, 1, 1, 1, 0], [0, 0, 1, 1, 2]), 15);
  });

  it('matches the numpy contingency-table reference', () => {
    for (const c of reference.nmi) expect(Math.abs(nmi(c.a, c.b) - c.nmi)).toBeLessThan(1e-9);
    for (const c of reference.metrics) {
      expect(Math.abs(nmi(c.labels, c.predictions) - c.nmiLabelsPredictions)).toBeLessThan(1e-9);
    }
  });
});

describe('nmiOfEmbedding', () => {
  function blobs(perClass: number, centers: number[][], seed: string) {
    const rng = seedrandom(seed);
    const dim = centers[0].length;
    const points = new Float32Array(perClass * centers.length * dim);
    const labels = new Uint8Array(perClass * centers.length);
    centers.forEach((c, k) => {
      for (let s = 0; s < perClass; s++) {
        const i = k * perClass + s;
        labels[i] = k;
        for (let t = 0; t < dim; t++) points[i * dim + t] = c[t] + (rng() - 0.5);
      }
    });
    return { points, labels, dim };
  }

  it('is 1 for well-separated classes', () => {
    const { points, labels, dim } = blobs(30, [[0, 0], [20, 0], [0, 20], [20, 20], [40, 40]], 'sep');
    expect(nmiOfEmbedding(points, dim, labels, 5, 1)).toBeCloseTo(1, 12);
  });

  it('is low when the classes share one cloud', () => {
    const rng = seedrandom('mixed');
    const points = Float32Array.from({ length: 400 }, () => rng());
    const labels = Uint8Array.from({ length: 200 }, () => Math.floor(rng() * 4));
    expect(nmiOfEmbedding(points, 2, labels, 4, 1)).toBeLessThan(0.1);
  });

  it('is reproducible from the seed', () => {
    const { points, labels, dim } = blobs(20, [[0, 0], [2, 0], [1, 1.5]], 'overlap');
    expect(nmiOfEmbedding(points, dim, labels, 3, 'a')).toBe(nmiOfEmbedding(points, dim, labels, 3, 'a'));
  });
});
