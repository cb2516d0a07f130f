/**
 * The page's side of `npm run bench`: window.__playground over the trainer worker's bench calls.
 * workers/client.ts loads it only in a `--mode bench` build; nothing on the page calls it.
 */
import type * as Comlink from 'comlink';
import type { BenchApi } from './protocol';

export function installBenchHook(r: Comlink.Remote<BenchApi>): void {
  window.__playground = {
    bench: (req) => r.benchmark(req),
    ping: async () => {
      const t0 = performance.now();
      const handled = await r.ping();
      return { toWorker: handled - (performance.timeOrigin + t0), roundTrip: performance.now() - t0 };
    },
    frames: (on) => r.setFrames(on),
  };
}
