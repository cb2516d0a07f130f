/**
 * The page's side of the worker: exactly one worker per page (a module singleton, so React
 * StrictMode's double mount cannot start a second one).
 */
import * as Comlink from 'comlink';
import { applyWorkerEvent, pushError } from '../store/store';
import type { BenchApi } from '../bench/protocol';
import { pageHelper, serveHelperRequests } from './helperWorkers';
import { makeMetricsClient } from './metricsClient';
import type { TrainerApi } from './protocol';

let remote: Comlink.Remote<TrainerApi> | null = null;

export function trainerClient(): Comlink.Remote<TrainerApi> {
  if (remote) return remote;
  const worker = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
  // before the worker can post: it asks for its snapshot and metrics helpers at start-up
  serveHelperRequests(worker);
  worker.addEventListener('error', (e) => {
    pushError(`The training worker failed: ${e.message || 'it could not start (see the browser console)'}`, 'Reload the page; if it persists, pick the CPU backend.', true);
  });
  remote = Comlink.wrap<TrainerApi>(worker);
  void remote.setEvents(Comlink.proxy(applyWorkerEvent));
  // the benchmark's page hook exists only in a `--mode bench` build (a constant: dropped from the product)
  if (import.meta.env.MODE === 'bench') {
    void import('../bench/pageHook').then((m) => m.installBenchHook(Comlink.wrap<BenchApi>(worker)));
  }
  return remote;
}

/** Metrics computed for the page itself (imported runs), in a helper worker the page starts. */
export const computePageMetrics = makeMetricsClient(() => pageHelper('metrics'));
