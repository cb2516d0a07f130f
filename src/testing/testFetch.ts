// Test helper (not shipped code paths): a fetch that serves the repository's public/ folder from disk,
// the way the dev server does, including its SPA fallback (an HTML page, status 200) for missing files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FetchFn } from '../data/fetchBytes';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const PUBLIC_DIR = join(REPO_ROOT, 'public');
export const TEST_BASE = 'http://localhost:5173/';

export interface DiskFetchOptions {
  /** url path suffix -> override: 404, 'html' (SPA fallback page), 'network' (rejected fetch) or bytes */
  overrides?: Record<string, 404 | 'html' | 'network' | Uint8Array>;
  /** answer a missing file like Vite's SPA fallback (HTML, 200) instead of 404 */
  spaFallback?: boolean;
  root?: string;
}

const HTML_PAGE = '<!doctype html>\n<html lang="en"><head><meta charset="UTF-8" /></head><body><div id="root"></div></body></html>\n';

export function diskFetch(opts: DiskFetchOptions = {}): FetchFn {
  const root = opts.root ?? PUBLIC_DIR;
  const fn = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const path = decodeURIComponent(url.pathname).replace(/^\//, '');
    const override = Object.entries(opts.overrides ?? {}).find(([suffix]) => path.endsWith(suffix))?.[1];
    if (override === 'network') throw new TypeError('Failed to fetch');
    if (override === 404) return new Response('Not Found', { status: 404, statusText: 'Not Found' });
    if (override === 'html') return new Response(HTML_PAGE, { status: 200 }); // no content-type: the bytes must give it away
    if (override instanceof Uint8Array) return new Response(new Uint8Array(override), { status: 200 });
    const file = join(root, path);
    if (!existsSync(file)) {
      if (opts.spaFallback) return new Response(HTML_PAGE, { status: 200, headers: { 'content-type': 'text/html' } });
      return new Response('Not Found', { status: 404, statusText: 'Not Found' });
    }
    const bytes = readFileSync(file);
    return new Response(bytes, { status: 200, headers: { 'content-length': String(bytes.length) } });
  };
  return fn as FetchFn;
}
