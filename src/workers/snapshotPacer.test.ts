import { describe, expect, it } from 'vitest';
import { SnapshotPacer } from './snapshotPacer';

describe('SnapshotPacer', () => {
  const pacing = { targetMs: (runs: number) => 100 * runs, maxDuty: 0.5 };

  it('one frame at a time, the next once the target spacing has passed', () => {
    const p = new SnapshotPacer(pacing);
    expect(p.due(0, 1)).toBe(true);
    p.started(0);
    expect(p.due(500, 1)).toBe(false); // still in flight
    p.finished(20);
    expect(p.due(99, 1)).toBe(false);
    expect(p.due(100, 1)).toBe(true);
    expect(p.due(100, 2)).toBe(false); // two runs: 200 ms apart
  });

  it('widens the spacing so that frames take at most maxDuty of the worker', () => {
    const p = new SnapshotPacer(pacing);
    p.started(0);
    p.finished(150); // a 150 ms frame at 50 %: 300 ms apart
    expect(p.intervalMs(1)).toBe(300);
    expect(p.due(299, 1)).toBe(false);
    expect(p.due(300, 1)).toBe(true);
  });

  it('a cold start does not starve the frames: only the worker\'s own work counts, not the wait', () => {
    const p = new SnapshotPacer(pacing);
    p.started(0);
    // the first frame came back after 8 s (TF.js and the dataset loaded in the worker), its capture took 40 ms
    p.finished(40);
    expect(p.due(8000, 1)).toBe(true);
    p.started(8000);
    p.finished(40);
    expect(p.due(8100, 1)).toBe(true);
  });

  it('a failed frame frees the slot without changing the cost; reset forgets the cost', () => {
    const p = new SnapshotPacer(pacing);
    p.started(0);
    p.finished(400);
    p.started(800);
    p.finished(null);
    expect(p.intervalMs(1)).toBe(800);
    expect(p.due(1600, 1)).toBe(true);
    p.reset();
    expect(p.intervalMs(1)).toBe(100);
  });
});
