import * as tf from '@tensorflow/tfjs-core';
import '../engine/tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { createHead, plottedPredict } from '../losses/heads';
import { labelAt, refinedOffset } from '../util/regionGrid';
import { regionAgreement } from '../viz/regions';
import { decisionRegions, MAX_REFINED } from './regions';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Points packed along a softmax's boundaries, as early in training: a dense cloud by the origin and a wide sparse one. */
function cloud(n: number): Float32Array {
  let s = 7;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  return Float32Array.from({ length: 2 * n }, (_, i) => rand() * (i < n ? 0.5 : 20));
}

describe('decision regions in the worker', () => {
  it('refine the cells a boundary crosses where points lie, so the points lie in their predicted class\'s region', async () => {
    const head = createHead({ loss: 'softmax', classes: 10, embeddingDim: 2, trunkDim: 4, params: {}, choices: {}, seed: 3 });
    const points = cloud(1000);
    const t = tf.tensor2d(points, [1000, 2]);
    const p = plottedPredict(head, t, t);
    const predictions = Uint8Array.from(await p.data());
    tf.dispose([t, p]);

    const coarse = (await decisionRegions(head, points, 192, 1))!;
    const fine = (await decisionRegions(head, points, 192, 16))!;
    expect(coarse.refined).toBeNull();
    const [a0, a1] = [regionAgreement(coarse, points, predictions), regionAgreement(fine, points, predictions)];
    console.log(`points in their predicted class's region: ${(100 * a0.agree).toFixed(1)} % on the 192² grid, ${(100 * a1.agree).toFixed(1)} % refined (${fine.refined?.cells.length} cells)`);
    expect(a0.agree).toBeLessThan(0.99);
    expect(a1.agree).toBeGreaterThanOrEqual(0.995);
    // the coarse cells are the same; a refined cell's sub-cells are the rule at their centres
    expect(fine.labels).toEqual(coarse.labels);
    const r = fine.refined!;
    expect(r.cells.length).toBeGreaterThan(0);
    expect(r.cells.length).toBeLessThanOrEqual(MAX_REFINED);
    expect(r.labels).toHaveLength(r.cells.length * 256);
    const k = r.cells[0];
    const w = (fine.x1 - fine.x0) / 192, h = (fine.y1 - fine.y0) / 192;
    const [cx, cy] = [fine.x0 + ((k % 192) + 3.5 / 16) * w, fine.y0 + (Math.floor(k / 192) + 9.5 / 16) * h];
    const at = tf.tensor2d([cx, cy], [1, 2]);
    const q = plottedPredict(head, at, at);
    expect(labelAt(fine, cx, cy)).toBe((await q.data())[0]);
    expect(r.labels[refinedOffset(r, k) + 9 * 16 + 3]).toBe((await q.data())[0]);
    tf.dispose([at, q]);
  });
});
