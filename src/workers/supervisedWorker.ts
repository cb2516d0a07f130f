/**
 * What the training worker's clients of its helper workers (metrics, snapshots; started by the page,
 * see helperPort.ts) share: start one with
 * a promise that rejects when it crashes, and race each request against that crash and a timeout.
 */
import * as Comlink from 'comlink';

/** What a client needs of a Worker (a helper's port endpoint, helperPort.ts); tests pass a fake. */
export type NestedWorker = Comlink.Endpoint & { terminate(): void };

export interface Supervised<Api> {
  worker: NestedWorker;
  remote: Comlink.Remote<Api>;
  /** rejects with "the <what> worker crashed (why)…" when the worker reports an error */
  failed: Promise<never>;
}

/** Starts a worker, or null where none can start (no Worker, or its constructor threw). */
export function startSupervised<Api>(makeWorker: () => NestedWorker | null, what: string, afterCrash: string): Supervised<Api> | null {
  let worker: NestedWorker | null;
  try {
    worker = makeWorker();
  } catch {
    worker = null;
  }
  if (!worker) return null;
  const w = worker;
  const failed = new Promise<never>((_, reject) => {
    w.addEventListener('error', (e) => {
      const why = (e as ErrorEvent).message;
      reject(new Error(`the ${what} worker crashed${why ? ` (${why})` : ''}${afterCrash}`));
    });
  });
  failed.catch(() => undefined); // observed by each request's race; never unhandled
  return { worker: w, remote: Comlink.wrap<Api>(w), failed };
}

/** `request` unless the worker crashes first or `timeoutMs` passes (then rejects with `late`). */
export async function supervise<T>(request: Promise<T>, failed: Promise<never>, timeoutMs: number, late: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(late)), timeoutMs);
  });
  try {
    return await Promise.race([request, failed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
