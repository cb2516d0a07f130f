/**
 * The page's side of the worker: exactly one worker per page (a module singleton, so React
 * StrictMode's double mount cannot start a second one).
 */
import * as Comlink from 'comlink';
import { applyWorkerEvent, pushError } from '../store/store';
import type { BenchOutcome, BenchRequest } from './benchmark';
import type { TrainerApi } from './protocol';

let remote: Comlink.Remote<TrainerApi> | null = null;

export function trainerClient(): Comlink.Remote<TrainerApi> {
  if (remote) return remote;
  const worker = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
  worker.addEventListener('error', (e) => {
    pushError(`The training worker failed: ${e.message || 'it could not start (see the browser console)'}`, 'Reload the page; if it persists, pick the CPU backend.', true);
  });
  remote = Comlink.wrap<TrainerApi>(worker);
  void remote.setEvents(Comlink.proxy(applyWorkerEvent));
  installBenchHook(remote);
  return remote;
}

/** What `npm run bench` (scripts/bench.ts) drives in the page; nothing on the page itself calls it. */
export interface PlaygroundHook {
  bench(req: BenchRequest): Promise<BenchOutcome>;
  /**
   * A message to the worker and back, in ms: `toWorker` until the worker handled it (when a slider's
   * change takes effect), `roundTrip` until its answer was handled here too.
   */
  ping(): Promise<{ toWorker: number; roundTrip: number }>;
}

declare global {
  interface Window { __playground?: PlaygroundHook }
}

function installBenchHook(r: Comlink.Remote<TrainerApi>): void {
  window.__playground = {
    bench: (req) => r.benchmark(req),
    ping: async () => {
      const t0 = performance.now();
      const handled = await r.ping();
      return { toWorker: handled - (performance.timeOrigin + t0), roundTrip: performance.now() - t0 };
    },
  };
}
