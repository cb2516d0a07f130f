/**
 * A bounded history of each run's snapshots, kept in the page so the training animation can be
 * exported as a video of the real sequence. Pure: the store glue is in trackSnapshots.ts.
 *
 * When a run's history is full it is thinned (every second snapshot dropped, first and latest kept)
 * rather than trimmed at the front: a video then still shows training from its start, at a coarser
 * step interval, instead of only the last minutes.
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

export const DEFAULT_LIMITS: HistoryLimits = { capacity: 300, maxBytes: 48 * 2 ** 20, maxTotalBytes: 128 * 2 ** 20 };

export function snapshotBytes(s: Snapshot): number {
  return s.points.byteLength + s.predictions.byteLength + (s.gradNorms?.byteLength ?? 0) + (s.overlay?.points.byteLength ?? 0) + (s.triplets?.byteLength ?? 0)
    + (s.regions ? s.regions.labels.byteLength + s.regions.confidence.byteLength + (s.regions.refined ? s.regions.refined.cells.byteLength + s.regions.refined.labels.byteLength : 0) : 0);
}

/** Keeps indices 0, 2, 4, … and the last one. */
export function thin<T>(list: T[]): T[] {
  return list.filter((_, i) => i % 2 === 0 || i === list.length - 1);
}

interface RunHistory { list: Snapshot[]; bytes: number }

function thinRun(h: RunHistory): void {
  h.list = thin(h.list);
  h.bytes = h.list.reduce((a, x) => a + snapshotBytes(x), 0);
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
    while (h.list.length > 2 && (h.list.length > this.limits.capacity || h.bytes > this.limits.maxBytes)) thinRun(h);
    const maxTotal = this.limits.maxTotalBytes ?? Infinity;
    for (;;) {
      let total = 0;
      let largest: RunHistory | undefined;
      for (const r of this.runs.values()) {
        total += r.bytes;
        if (r.list.length > 2 && (!largest || r.bytes > largest.bytes)) largest = r;
      }
      if (total <= maxTotal || !largest) break;
      thinRun(largest);
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
