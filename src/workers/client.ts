/**
 * The page's side of the worker: one worker at a time per page (a module singleton, so React
 * StrictMode's double mount cannot start a second one; only the watchdog's restart replaces it).
 */
import * as Comlink from 'comlink';
import { applyWorkerEvent, pushError } from '../store/store';
import type { BenchApi } from '../bench/protocol';
import { pageHelper, serveHelperRequests } from './helperWorkers';
import { makeMetricsClient } from './metricsClient';
import type { TrainerApi } from './protocol';

/** the trainer worker's remote, and what ends it and the helpers the page started for it */
const current: { remote: Comlink.Remote<TrainerApi> | null; end: (() => void) | null } = { remote: null, end: null };

export function trainerClient(): Comlink.Remote<TrainerApi> {
  if (current.remote) return current.remote;
  const worker = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
  // before the worker can post: it asks for its snapshot and metrics helpers at start-up
  const endHelpers = serveHelperRequests(worker);
  current.end = () => { worker.terminate(); endHelpers(); };
  worker.addEventListener('error', (e) => {
    pushError(`The training worker failed: ${e.message || 'it could not start (see the browser console)'}`, 'Reload the page; if it persists, pick the CPU backend.', true);
  });
  const remote = Comlink.wrap<TrainerApi>(worker);
  current.remote = remote;
  void remote.setEvents(Comlink.proxy(applyWorkerEvent));
  // the benchmark's page hook exists only in a `--mode bench` build (a constant: dropped from the product)
  if (import.meta.env.MODE === 'bench') {
    void import('../bench/pageHook').then((m) => m.installBenchHook(Comlink.wrap<BenchApi>(worker)));
  }
  return remote;
}

/**
 * Ends the trainer worker (and its helpers) and starts a fresh one, which knows nothing yet: the
 * caller configures it. The watchdog's restart of a stalled worker.
 */
export function restartTrainer(): Comlink.Remote<TrainerApi> {
  current.end?.();
  current.end = null;
  current.remote = null;
  return trainerClient();
}

/** Metrics computed for the page itself (imported runs), in a helper worker the page starts. */
export const computePageMetrics = makeMetricsClient(() => pageHelper('metrics'));
