/** The calls `npm run bench` adds to the trainer worker and the page (bench builds only). */
import type { BackendName } from '../engine/types';
import type { BenchCell, BenchTiming } from './timeCell';

export interface BenchRequest extends BenchCell {
  backend: BackendName;
  /** where the page serves its data (the worker resolves dataset files against it) */
  baseUrl: string;
}

export type BenchOutcome =
  | { ok: true; timing: BenchTiming; backendNote: string }
  | { ok: false; skipped: string };

export interface BenchApi {
  /** pauses training, times our step against TF.js's model.fit on a backend, restores the page's backend */
  benchmark(req: BenchRequest): Promise<BenchOutcome>;
  /**
   * Answers as soon as the worker handles it, even while training, with the time it did (ms since the
   * epoch, timeOrigin + now(): comparable across the page and the worker).
   */
  ping(): Promise<number>;
  /** the plots' frames while training on or off (the bench's "plots live" against "plots off" rows) */
  setFrames(on: boolean): Promise<void>;
}

/** What `npm run bench` (scripts/bench.ts) drives in the page as window.__playground. */
export interface PlaygroundHook {
  bench(req: BenchRequest): Promise<BenchOutcome>;
  /**
   * A message to the worker and back, in ms: `toWorker` until the worker handled it (when a slider's
   * change takes effect), `roundTrip` until its answer was handled here too.
   */
  ping(): Promise<{ toWorker: number; roundTrip: number }>;
  /** the plots' frames while training on or off */
  frames(on: boolean): Promise<void>;
}

declare global {
  interface Window { __playground?: PlaygroundHook }
}
