import { describe, expect, it } from 'vitest';
import { makeUmapClient, type UmapEndpoint } from './umapClient';
import { umapLayout } from './umapLayout';

/** A worker that answers only when told, so the test controls the order of events. */
function fakeWorker() {
  const posted: { id: number }[] = [];
  const ep: UmapEndpoint = { onmessage: null, postMessage: (m) => posted.push(m as { id: number }) };
  const answer = (i: number) => ep.onmessage?.({ data: { id: posted[i].id, result: { layout: new Float32Array(2), ms: 1, epochs: 1, parts: { knn: 0, graph: 0, epochs: 1 } } } } as MessageEvent);
  return { ep, posted, answer };
}

const req = (v: number) => ({ points: new Float32Array([v, v, v, v]), dim: 4, previous: () => null, seed: 1 });

describe('umap client', () => {
  it('runs one layout at a time and keeps only the newest waiting request per plot', async () => {
    const w = fakeWorker();
    const ask = makeUmapClient(() => w.ep);
    const a1 = ask('a', req(1));
    const a2 = ask('a', req(2));
    const a3 = ask('a', req(3));
    expect(w.posted).toHaveLength(1);
    expect(await a2).toBeNull(); // replaced by a3 while a1 ran
    w.answer(0);
    expect(await a1).not.toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(w.posted).toHaveLength(2);
    w.answer(1);
    expect(await a3).not.toBeNull();
  });
});

describe('umapLayout', () => {
  it('separates two clusters and starts a warm layout from the previous one', () => {
    const n = 60, dim = 8;
    const pts = new Float32Array(n * dim);
    let s = 1;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) pts[i * dim + d] = (i < n / 2 ? 0 : 10) + rnd();
    const first = umapLayout({ points: pts, dim, previous: null, seed: 3 });
    const mean = (lo: number, hi: number) => {
      let x = 0, y = 0;
      for (let i = lo; i < hi; i++) { x += first.layout[2 * i]; y += first.layout[2 * i + 1]; }
      return [x / (hi - lo), y / (hi - lo)];
    };
    const [a, b] = [mean(0, n / 2), mean(n / 2, n)];
    expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThan(2);
    // the same points again: a warm start barely moves them (a fresh random start would move them by ~10)
    const warm = umapLayout({ points: pts, dim, previous: first.layout, seed: 4 });
    const shift = (l: Float32Array) => {
      const d = Array.from({ length: n }, (_, i) => Math.hypot(l[2 * i] - first.layout[2 * i], l[2 * i + 1] - first.layout[2 * i + 1]));
      return d.sort((p, q) => p - q)[n >> 1];
    };
    const cold = umapLayout({ points: pts, dim, previous: null, seed: 4 });
    console.log(`median shift: warm ${shift(warm.layout).toFixed(2)}, fresh layout ${shift(cold.layout).toFixed(2)}`);
    expect(warm.epochs).toBeLessThan(first.epochs);
    expect(shift(warm.layout)).toBeLessThan(0.25 * shift(cold.layout));
  });
});
