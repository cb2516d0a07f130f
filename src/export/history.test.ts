import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../workers/protocol';
import { closestInterior, DEFAULT_LIMITS, SnapshotHistory } from './history';

function snap(step: number, runId = 'r1', n = 4): Snapshot {
  return {
    runId, step, epoch: 0, points: new Float32Array(2 * n), shown: null, dim: 2, predictions: new Uint8Array(n), gradNorms: null,
    overlay: null, unitCircle: false, alpha: null, accuracy: 0, metrics: null, triplets: null,
  };
}

describe('SnapshotHistory', () => {
  it('keeps snapshots per run in step order and finds one by step', () => {
    const h = new SnapshotHistory();
    for (const s of [0, 5, 10]) h.add(snap(s));
    h.add(snap(3, 'r2'));
    expect(h.get('r1').map((s) => s.step)).toEqual([0, 5, 10]);
    expect(h.at('r1', 5)?.step).toBe(5);
    expect(h.at('r1', 6)).toBeUndefined();
    expect(h.get('r2')).toHaveLength(1);
  });

  it('starts over when the step goes back (reset) or the embedding size changes', () => {
    const h = new SnapshotHistory();
    for (const s of [0, 5, 10]) h.add(snap(s));
    h.add(snap(0));
    expect(h.get('r1').map((s) => s.step)).toEqual([0]);
    h.add({ ...snap(4), dim: 3, points: new Float32Array(12) });
    expect(h.get('r1').map((s) => s.step)).toEqual([4]);
  });

  it('keeps frames that show part of the points in the same trajectory as full ones', () => {
    const h = new SnapshotHistory();
    h.add(snap(0, 'r1', 8));
    h.add({ ...snap(4, 'r1', 4), shown: Int32Array.of(0, 2, 4, 6) });
    h.add(snap(6, 'r1', 8));
    expect(h.get('r1').map((s) => s.step)).toEqual([0, 4, 6]);
  });

  it('once full, holds exactly its capacity, spread over the whole run, first and latest kept', () => {
    const h = new SnapshotHistory({ capacity: 10, maxBytes: Infinity });
    const sizes: number[] = [];
    for (let s = 0; s < 100; s++) { h.add(snap(s)); sizes.push(h.get('r1').length); }
    expect(sizes.slice(9)).toEqual(new Array(91).fill(10)); // level, not a sawtooth
    const steps = h.get('r1').map((s) => s.step);
    expect(steps[0]).toBe(0);
    expect(steps[steps.length - 1]).toBe(99);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    // evenly spread: no gap more than twice another
    const gaps = steps.slice(1).map((s, i) => s - steps[i]);
    expect(Math.max(...gaps.slice(0, -1))).toBeLessThanOrEqual(2 * Math.min(...gaps.slice(0, -1)));
  });

  it('stays within its byte budget', () => {
    const bytes = 4 * 8 + 4; // one snapshot of 4 points
    const h = new SnapshotHistory({ capacity: 1000, maxBytes: 5 * bytes });
    for (let s = 0; s < 50; s++) h.add(snap(s));
    expect(h.get('r1').length).toBeLessThanOrEqual(5);
    expect(h.get('r1').at(-1)?.step).toBe(49);
  });

  it('stays within a budget over all runs, thinning the largest, each run keeping its latest', () => {
    const bytes = 4 * 8 + 4;
    const h = new SnapshotHistory({ capacity: 1000, maxBytes: 30 * bytes, maxTotalBytes: 40 * bytes });
    const runs = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    for (let s = 0; s < 50; s++) for (const r of runs) h.add(snap(s, r));
    const kept = runs.map((r) => h.get(r).length);
    expect(kept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(40);
    for (const r of runs) expect(h.get(r).at(-1)?.step).toBe(49);
    for (const r of runs) expect(h.get(r)[0].step).toBe(0);
  });

  it('the default limits bound all runs together', () => {
    expect(DEFAULT_LIMITS.maxTotalBytes).toBeLessThan(6 * DEFAULT_LIMITS.maxBytes);
  });

  it('forgets removed runs', () => {
    const h = new SnapshotHistory();
    h.add(snap(1, 'a'));
    h.add(snap(1, 'b'));
    h.retain(['b']);
    expect(h.get('a')).toHaveLength(0);
    expect(h.get('b')).toHaveLength(1);
  });
});

describe('closestInterior', () => {
  it('picks the interior entry whose neighbours are closest, the first on a tie', () => {
    expect(closestInterior([0, 4, 5, 6, 20].map((step) => ({ step })))).toBe(2);
    expect(closestInterior([0, 1, 2, 3].map((step) => ({ step })))).toBe(1);
    expect(closestInterior([0, 9].map((step) => ({ step })))).toBe(-1);
  });
});
