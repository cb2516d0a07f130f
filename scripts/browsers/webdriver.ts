/**
 * WebKit through WebKitGTK's WebDriver (Debian's webkit2gtk-driver: WebKitWebDriver driving
 * MiniBrowser), spoken to over plain HTTP (W3C WebDriver): a session, navigation, scripts, element
 * clicks and keys are all the walk needs. MiniBrowser needs a display: without one the driver runs
 * under `xvfb-run -a`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { WalkDriver } from './driver';
import { WALK_HELPERS } from './inPage';

export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser'].find((p) => existsSync(p)) ?? 'MiniBrowser';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** WebDriver's codes for the keys the walk presses */
const KEYS = { ArrowLeft: '\uE012', ArrowRight: '\uE014', Enter: '\uE007' } as const;

interface WireReply { value: unknown }

async function call(base: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const reply = (await res.json()) as WireReply;
  if (!res.ok) {
    const v = reply.value as { error?: string; message?: string } | null;
    throw new Error(`WebDriver ${method} ${path}: ${v?.error ?? res.status} ${v?.message ?? ''}`);
  }
  return reply.value;
}

async function waitForDriver(base: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const v = (await call(base, 'GET', '/status')) as { ready?: boolean };
      if (v.ready !== false) return;
    } catch { /* not listening yet */ }
    if (Date.now() > until) throw new Error('WebKitWebDriver did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts WebKitWebDriver (under xvfb-run when there is no display) and a MiniBrowser session. */
export async function webkitDriver(port: number): Promise<WalkDriver> {
  const display = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const cmd = display ? ['WebKitWebDriver', `--port=${port}`] : ['xvfb-run', '-a', '-s', '-screen 0 1400x1000x24', 'WebKitWebDriver', `--port=${port}`];
  const child: ChildProcess = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => { try { if (child.pid) process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } };
  try {
    await waitForDriver(base, 20_000);
    const session = (await call(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
    })) as { sessionId: string; capabilities: { browserVersion?: string } };
    const s = `/session/${session.sessionId}`;
    await call(base, 'POST', `${s}/window/rect`, { width: 1400, height: 1000 }).catch(() => undefined);
    const script = async (body: string) => call(base, 'POST', `${s}/execute/sync`, { script: `${WALK_HELPERS}; ${body}`, args: [] });
    const elementId = async (finder: string) => {
      const el = (await script(`return (${finder});`)) as Record<string, string> | null;
      return el ? el[ELEMENT] : null;
    };
    return {
      label: `webkit (WebKitGTK ${session.capabilities.browserVersion ?? '?'}, MiniBrowser)`,
      goto: async (url) => { await call(base, 'POST', `${s}/url`, { url }); },
      reload: async () => { await call(base, 'POST', `${s}/refresh`, {}); },
      value: async <T,>(expression: string) => (await script(`return (${expression});`)) as T,
      click: async (finder) => {
        const id = await elementId(finder);
        if (!id) return false;
        // activated from the keyboard (focus + Enter), as a keyboard user does: WebKitGTK's pointer
        // click sent its mouseup elsewhere when focus moved at mousedown (the Export dialog's Download
        // got a mousedown, its mouseup and click landed on <main>, and nothing was saved)
        await call(base, 'POST', `${s}/element/${id}/value`, { text: KEYS.Enter });
        return true;
      },
      press: async (finder, key) => {
        const id = await elementId(finder);
        if (!id) return false;
        await call(base, 'POST', `${s}/element/${id}/value`, { text: KEYS[key] });
        return true;
      },
      close: async () => {
        await call(base, 'DELETE', s).catch(() => undefined);
        stop();
      },
    };
  } catch (e) {
    stop();
    throw e;
  }
}
