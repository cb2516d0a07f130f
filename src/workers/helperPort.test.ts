import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { isHelperConnect, requestHelper, type HelperEndpoint, type HelperKind } from './helperPort';
import { serveHelper, type HelperWorker } from './helperWorkers';

/** A helper "worker" on the page's side: serves a tiny API on the port it is connected to. */
class FakeHelper extends EventTarget implements HelperWorker {
  terminated = false;
  constructor(readonly kind: HelperKind) { super(); }
  postMessage(message: unknown): void {
    if (isHelperConnect(message)) Comlink.expose({ echo: (x: number) => `${this.kind}:${x}` }, message.helperConnect);
  }
  terminate(): void { this.terminated = true; }
  crash(message: string): void { this.dispatchEvent(Object.assign(new Event('error'), { message })); }
}

const open: HelperEndpoint[] = [];
afterEach(() => { for (const e of open.splice(0)) e.terminate(); });

/** The trainer worker's request, answered by a page that starts FakeHelpers (the real page: helperWorkers.ts). */
function helperVia(kind: HelperKind, started: FakeHelper[]): HelperEndpoint {
  const page = {
    postMessage(m: unknown) {
      const req = m as { helperRequest: HelperKind; port: MessagePort; control: MessagePort };
      serveHelper(req.helperRequest, req.port, req.control, (k) => { const w = new FakeHelper(k); started.push(w); return w; });
    },
  };
  const ep = requestHelper(kind, page);
  if (!ep) throw new Error('no endpoint');
  open.push(ep);
  return ep;
}

describe('helpers started by the page for the trainer worker', () => {
  it('answers over the port the trainer worker made, the page having started the helper', async () => {
    const started: FakeHelper[] = [];
    const remote = Comlink.wrap<{ echo(x: number): string }>(helperVia('snapshot', started));
    await expect(remote.echo(7)).resolves.toBe('snapshot:7');
    expect(started.map((w) => w.kind)).toEqual(['snapshot']);
  });

  it("a helper's crash on the page reaches its client as an 'error' event with the message", async () => {
    const started: FakeHelper[] = [];
    const ep = helperVia('metrics', started);
    const seen = new Promise<string>((resolve) => ep.addEventListener('error', (e) => resolve((e as Event & { message: string }).message)));
    await Comlink.wrap<{ echo(x: number): string }>(ep).echo(1);
    started[0].crash('out of memory');
    await expect(seen).resolves.toBe('out of memory');
  });

  it('terminate on the client ends the helper the page started', async () => {
    const started: FakeHelper[] = [];
    const ep = helperVia('metrics', started);
    await Comlink.wrap<{ echo(x: number): string }>(ep).echo(1);
    ep.terminate();
    open.splice(open.indexOf(ep), 1);
    await expect.poll(() => started[0].terminated).toBe(true);
  });

  it('outside a dedicated worker there is no helper (the clients work in place)', () => {
    expect(requestHelper('snapshot')).toBeNull();
  });
});
