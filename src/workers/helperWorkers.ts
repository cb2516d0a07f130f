/**
 * The page's side of the helper workers (see helperPort.ts): the page starts the snapshot and
 * metrics workers the trainer worker asks for, connects them to the port the trainer made, passes
 * their errors back and ends them when the trainer says so. No worker ever starts a worker.
 */
import { isHelperRequest, portEndpoint, type HelperControl, type HelperEndpoint, type HelperKind } from './helperPort';

/** The helpers' scripts: here, in page code, so that the bundler builds them as the page's workers. */
function startHelperWorker(kind: HelperKind): Worker {
  return kind === 'snapshot'
    ? new Worker(new URL('./snapshot.worker.ts', import.meta.url), { type: 'module', name: 'snapshots' })
    : new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module', name: 'metrics' });
}

/** What serveHelper needs of a Worker; tests pass a fake. */
export type HelperWorker = Pick<Worker, 'postMessage' | 'terminate' | 'addEventListener'>;

/**
 * Starts a `kind` helper serving on `port`; its errors go out on `control`, a 'terminate' there ends
 * it. Returns the helper (null when it could not start), so that the page can end it itself.
 */
export function serveHelper(kind: HelperKind, port: MessagePort, control: MessagePort, start: (k: HelperKind) => HelperWorker = startHelperWorker): HelperWorker | null {
  const tell = (m: HelperControl) => control.postMessage(m);
  let worker: HelperWorker;
  try {
    worker = start(kind);
  } catch (e) {
    tell({ kind: 'error', message: `it could not start (${e instanceof Error ? e.message : String(e)})` });
    return null;
  }
  worker.addEventListener('error', (e) => tell({ kind: 'error', message: (e as ErrorEvent).message || 'it could not start' }));
  control.onmessage = (e: MessageEvent) => {
    if ((e.data as HelperControl).kind !== 'terminate') return;
    worker.terminate();
    control.close();
  };
  worker.postMessage({ helperConnect: port }, [port]);
  return worker;
}

/**
 * Answers the trainer worker's requests for helpers; call before the worker can post (right after
 * creating it). Returns what ends every helper started for it: a trainer ended by the page (the
 * watchdog's restart) cannot end its helpers itself.
 */
export function serveHelperRequests(trainer: Pick<Worker, 'addEventListener'>, start?: (k: HelperKind) => HelperWorker): () => void {
  const helpers = new Set<HelperWorker>();
  trainer.addEventListener('message', (e) => {
    const data: unknown = e.data;
    if (!isHelperRequest(data)) return;
    const w = serveHelper(data.helperRequest, data.port, data.control, start);
    if (w) helpers.add(w);
  });
  return () => {
    for (const w of helpers) w.terminate();
    helpers.clear();
  };
}

/** A helper for the page's own use (the metrics of imported runs). */
export function pageHelper(kind: HelperKind): HelperEndpoint | null {
  if (typeof Worker === 'undefined') return null;
  const data = new MessageChannel();
  const control = new MessageChannel();
  serveHelper(kind, data.port2, control.port2);
  return portEndpoint(data.port1, control.port1);
}
