/**
 * The page's end of the UMAP worker (umap.worker.ts). One worker for all plots, one layout at a time;
 * per plot only the newest request waits: a snapshot that arrives while an older one is still queued
 * replaces it (that request resolves to null), so a slow layout never builds a backlog.
 */
import type { UmapRequest, UmapResult } from './umapLayout';

export type { UmapResult } from './umapLayout';

/** `previous` is read when the job starts, not when it is asked for: a job queued behind a first layout then starts from that layout. */
export type UmapJob = Omit<UmapRequest, 'previous'> & { previous: () => Float32Array | null };

type Job = { key: string; req: UmapJob; resolve: (r: UmapResult | null) => void; reject: (e: Error) => void };

export interface UmapEndpoint {
  postMessage(msg: unknown, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
}

export function makeUmapClient(makeWorker: () => UmapEndpoint) {
  let worker: UmapEndpoint | null = null;
  const waiting = new Map<string, Job>();
  let running: { id: number; job: Job } | null = null;
  let nextId = 1;

  const pump = () => {
    if (running || waiting.size === 0) return;
    const [key, job] = waiting.entries().next().value as [string, Job];
    waiting.delete(key);
    if (!worker) {
      worker = makeWorker();
      worker.onmessage = (e: MessageEvent<{ id: number; result?: UmapResult; error?: string }>) => {
        const r = running;
        if (!r || r.id !== e.data.id) return;
        running = null;
        if (e.data.result) r.job.resolve(e.data.result);
        else r.job.reject(new Error(`UMAP failed: ${e.data.error ?? 'unknown error'}`));
        // next job after the caller's .then has stored this layout, so a queued job can start from it
        setTimeout(pump, 0);
      };
    }
    running = { id: nextId++, job };
    // copies: the caller keeps its snapshot and previous layout
    const req: UmapRequest = { ...job.req, points: job.req.points.slice(), previous: job.req.previous()?.slice() ?? null };
    worker.postMessage({ id: running.id, req }, [req.points.buffer, ...(req.previous ? [req.previous.buffer] : [])]);
  };

  return (key: string, req: UmapJob): Promise<UmapResult | null> =>
    new Promise((resolve, reject) => {
      waiting.get(key)?.resolve(null);
      waiting.set(key, { key, req, resolve, reject });
      pump();
    });
}

export const requestUmapLayout = makeUmapClient(() => new Worker(new URL('./umap.worker.ts', import.meta.url), { type: 'module', name: 'umap' }));
