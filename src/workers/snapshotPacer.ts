/**
 * When the training loop asks the snapshot worker for the plots' next frame. One frame is in flight
 * at a time; the next starts once the spacing has passed since the last one started. The spacing is
 * the wanted frame interval for the run count, widened where the frames cost more than `maxDuty` of
 * the snapshot worker's core: the page draws on that core too, and what the two cannot fit there
 * spills onto the training core.
 *
 * The cost is the worker's own computing time for a frame, as it reports it, never the round trip:
 * the first frame of a session also loads TensorFlow.js and the dataset in that worker (seconds,
 * once), and a frame that waited for a busy core says nothing about what the next one will cost.
 */
export interface Pacing {
  /** wanted spacing of frames (start to start), ms, for this many runs */
  targetMs(runs: number): number;
  /** the most of its time the snapshot worker may spend on frames */
  maxDuty: number;
}

/**
 * A lone run aims at ~6 frames a second, six runs at 2.5 (each frame holds every run). On this 2-core
 * machine a frame of six runs at 500 points is 230–400 ms of the worker's time (their LeNet forwards
 * are ~30 ms a run; the rest is the page and the compiler threads taking the same core), so 80 % duty
 * allows 2–3.5 a second, and a machine a third slower still gets the 1.5 a second the page promises
 * (at 60 %, CI saw 1.2); a lone run's 1 000 points, ~90 ms, allow ~9. Frames also start only between
 * two lock-step steps (~250 ms apart with six runs), so six runs get ~2 a second here.
 */
export const PACING: Pacing = {
  targetMs: (runs) => 160 + 48 * (Math.max(1, runs) - 1),
  maxDuty: 0.8,
};

export class SnapshotPacer {
  private inFlight = false;
  private startedAt = -Infinity;
  /** smoothed work per frame, ms (0 until the first frame reports) */
  private workMs = 0;

  constructor(private readonly pacing: Pacing = PACING) {}

  /** Spacing from one frame's start to the next one's, ms. */
  intervalMs(runs: number): number {
    return Math.max(this.pacing.targetMs(runs), this.workMs / this.pacing.maxDuty);
  }

  due(now: number, runs: number): boolean {
    return !this.inFlight && now - this.startedAt >= this.intervalMs(runs);
  }

  started(now: number): void {
    this.inFlight = true;
    this.startedAt = now;
  }

  /** The frame came back (`workMs`: what it cost the worker) or failed (null: its cost is unknown). */
  finished(workMs: number | null): void {
    this.inFlight = false;
    if (workMs === null || !Number.isFinite(workMs) || workMs < 0) return;
    // half the weight on the newest: follows a change of settings within a few frames, rides out one slow one
    this.workMs = this.workMs === 0 ? workMs : 0.5 * this.workMs + 0.5 * workMs;
  }

  /** A new session: its frames cost what they cost (another dataset, other runs). */
  reset(): void {
    this.inFlight = false;
    this.startedAt = -Infinity;
    this.workMs = 0;
  }
}
