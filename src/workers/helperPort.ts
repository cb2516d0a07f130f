/**
 * The helper workers (snapshots, metrics) are started by the page, never by a worker: Firefox can hang
 * on a `new Worker()` called inside a worker (issue 23: training stalled at step 0 or 1 in about 2 of
 * 17 fresh loads). The trainer worker makes the MessagePort pair itself and asks the page to start the
 * helper on the other end, so its handle exists at once (the snapshot client's `prepare()` runs at the
 * worker's start-up) and requests wait in the port until the helper is up.
 */
import * as Comlink from 'comlink';

export type HelperKind = 'snapshot' | 'metrics';

/** trainer worker → page: start a `kind` helper, serve it on `port`; `control` carries its errors and its end */
export interface HelperRequest {
  helperRequest: HelperKind;
  port: MessagePort;
  control: MessagePort;
}

/** page → helper worker: serve your API on this port */
export interface HelperConnect {
  helperConnect: MessagePort;
}

/** on a helper's control port: its error (page → client) or the client ending it (client → page) */
export type HelperControl = { kind: 'error'; message: string } | { kind: 'terminate' };

/** What a helper's client needs of it: a Comlink endpoint that reports crashes as 'error' events, and an end. */
export type HelperEndpoint = Comlink.Endpoint & { terminate(): void };

export function isHelperRequest(d: unknown): d is HelperRequest {
  return typeof d === 'object' && d !== null && 'helperRequest' in d && 'port' in d && 'control' in d;
}

export function isHelperConnect(d: unknown): d is HelperConnect {
  return typeof d === 'object' && d !== null && 'helperConnect' in d;
}

type Listener = Parameters<Comlink.Endpoint['addEventListener']>[1];

/**
 * The client's end of a helper started elsewhere: messages on `port`; an error the page saw on the
 * helper arrives on `control` and is dispatched as an 'error' event with its `message`, as a Worker's.
 */
export function portEndpoint(port: MessagePort, control: MessagePort): HelperEndpoint {
  const onError = new Set<Listener>();
  control.onmessage = (e: MessageEvent) => {
    const m = e.data as HelperControl;
    if (m.kind !== 'error') return;
    const ev = Object.assign(new Event('error'), { message: m.message });
    for (const l of onError) {
      if (typeof l === 'function') l(ev);
      else l.handleEvent(ev);
    }
  };
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => port.postMessage(message, transfer ?? []),
    addEventListener: (type: string, l: Listener) => { if (type === 'error') onError.add(l); else port.addEventListener(type, l); },
    removeEventListener: (type: string, l: Listener) => { if (type === 'error') onError.delete(l); else port.removeEventListener(type, l); },
    start: () => port.start(),
    terminate: () => {
      control.postMessage({ kind: 'terminate' } satisfies HelperControl);
      port.close();
      control.close();
    },
  };
}

/** The dedicated worker scope this runs in, if any (the page's window has no DedicatedWorkerGlobalScope). */
function workerScope(): { postMessage(m: unknown, transfer: Transferable[]): void } | null {
  const g = globalThis as unknown as { DedicatedWorkerGlobalScope?: abstract new () => unknown; postMessage(m: unknown, transfer: Transferable[]): void };
  return g.DedicatedWorkerGlobalScope && globalThis instanceof g.DedicatedWorkerGlobalScope ? g : null;
}

/**
 * In the trainer worker: a helper, started by the page on request (workers/helperWorkers.ts answers).
 * Null outside a dedicated worker (Node tests): the clients then work in place.
 */
export function requestHelper(kind: HelperKind, scope = workerScope()): HelperEndpoint | null {
  if (!scope || typeof MessageChannel === 'undefined') return null;
  const data = new MessageChannel();
  const control = new MessageChannel();
  const request: HelperRequest = { helperRequest: kind, port: data.port2, control: control.port2 };
  scope.postMessage(request, [data.port2, control.port2]);
  return portEndpoint(data.port1, control.port1);
}

/**
 * In a helper worker: serves `api` on each port the page connects. Not on the worker's own scope:
 * Comlink would answer the connect message itself.
 */
export function exposeHelper(api: object): void {
  globalThis.addEventListener('message', (e: Event) => {
    const data: unknown = (e as MessageEvent).data;
    if (isHelperConnect(data)) Comlink.expose(api, data.helperConnect);
  });
}
