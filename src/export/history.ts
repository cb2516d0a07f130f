/**
 * A bounded history of each run's snapshots, kept in the page so the training animation can be
 * exported as a video of the real sequence. Pure: the store glue is in trackSnapshots.ts.
 *
 * When a run's history is full, one snapshot leaves for each that comes: the one whose neighbours
 * are closest in steps, never the first or the latest. The kept frames stay spread over the whole
 * training (a video still shows it from its start, at a coarser step interval), and the memory held
 * stays level once full instead of halving and growing again.
 */
import type { Snapshot } from '../workers/protocol';

export interface HistoryLimits {
  /** most snapshots kept per run */
  capacity: number;
  /** most bytes of typed arrays kept per run (10 000 points × 64 dims is 2.5 MB a snapshot) */
  maxBytes: number;
  /** most bytes kept over all runs: six runs at their own budget would hold 288 MB */
  maxTotalBytes?: number;
}

/**
 * 200 frames a run: six runs' frames while training (~30 KB each: 500 points, a 96² region grid) fill
 * it in under two minutes at two frames a second and then hold ~36 MB; a video of 200 frames is ~17 s.
 */
export const DEFAULT_LIMITS: HistoryLimits = { capacity: 200, maxBytes: 48 * 2 ** 20, maxTotalBytes: 128 * 2 ** 20 };

export function snapshotBytes(s: Snapshot): number {
  return s.points.byteLength + s.predictions.byteLength + (s.gradNorms?.byteLength ?? 0) + (s.overlay?.points.byteLength ?? 0) + (s.triplets?.byteLength ?? 0)
    + (s.regions ? s.regions.labels.byteLength + s.regions.confidence.byteLength + (s.regions.refined ? s.regions.refined.cells.byteLength + s.regions.refined.labels.byteLength : 0) : 0);
}

/** The interior index whose neighbours are closest in `step` (the first on a tie), or -1 with fewer than 3. */
export function closestInterior(list: readonly { step: number }[]): number {
  let best = -1;
  let bestGap = Infinity;
  for (let i = 1; i < list.length - 1; i++) {
    const gap = list[i + 1].step - list[i - 1].step;
    if (gap < bestGap) { bestGap = gap; best = i; }
  }
  return best;
}

interface RunHistory { list: Snapshot[]; bytes: number }

/** Drops one interior snapshot (see closestInterior); false when only the first and latest are left. */
function dropOne(h: RunHistory): boolean {
  const i = closestInterior(h.list);
  if (i < 0) return false;
  h.bytes -= snapshotBytes(h.list[i]);
  h.list.splice(i, 1);
  return true;
}

export class SnapshotHistory {
  private readonly runs = new Map<string, RunHistory>();

  constructor(private readonly limits: HistoryLimits = DEFAULT_LIMITS) {}

  /**
   * Appends a snapshot; a step that does not move forward (reset, rebuild) or another embedding size
   * starts a new trajectory. Frames while training may show part of the shown samples and a pause all
   * of them (snap.shown): one trajectory still.
   */
  add(s: Snapshot): void {
    let h = this.runs.get(s.runId);
    const last = h?.list[h.list.length - 1];
    if (!h || (last && s.step <= last.step) || (last && last.dim !== s.dim)) {
      h = { list: [], bytes: 0 };
      this.runs.set(s.runId, h);
    }
    h.list.push(s);
    h.bytes += snapshotBytes(s);
    while ((h.list.length > this.limits.capacity || h.bytes > this.limits.maxBytes) && dropOne(h));
    const maxTotal = this.limits.maxTotalBytes ?? Infinity;
    for (;;) {
      let total = 0;
      let largest: RunHistory | undefined;
      for (const r of this.runs.values()) {
        total += r.bytes;
        if (r.list.length > 2 && (!largest || r.bytes > largest.bytes)) largest = r;
      }
      if (total <= maxTotal || !largest || !dropOne(largest)) break;
    }
  }

  get(runId: string): readonly Snapshot[] {
    return this.runs.get(runId)?.list ?? [];
  }

  /** The snapshot of that step (the latest one if the step repeats), if it is still kept. */
  at(runId: string, step: number): Snapshot | undefined {
    const list = this.get(runId);
    for (let i = list.length - 1; i >= 0; i--) if (list[i].step === step) return list[i];
    return undefined;
  }

  /** Forgets runs that no longer exist. */
  retain(runIds: string[]): void {
    for (const id of [...this.runs.keys()]) if (!runIds.includes(id)) this.runs.delete(id);
  }

  clear(): void {
    this.runs.clear();
  }
}
