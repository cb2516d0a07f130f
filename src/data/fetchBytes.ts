import { DataError } from './types';

export type FetchFn = typeof fetch;

/** Looks like an HTML page: what a dev server's SPA fallback returns, with status 200, for a missing file. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && i < 64 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0xef || bytes[i] === 0xbb || bytes[i] === 0xbf)) i++;
  if (bytes[i] !== 0x3c /* '<' */) return false;
  const head = new TextDecoder().decode(bytes.subarray(i, i + 64)).toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<!--') || head.startsWith('<script');
}

/**
 * Fetches `url` as bytes. Every way a file can be absent — network error, HTTP error, an HTML page in its
 * place — becomes a DataError naming `name` with `fix`. `onFraction` gets 0..1 while the body streams
 * (only when the server sends Content-Length).
 */
export async function fetchBytes(
  url: string,
  name: string,
  fix: string,
  fetchFn: FetchFn = fetch,
  onFraction?: (fraction: number) => void,
): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new DataError(`Could not fetch ${name} from ${url} (${why}).`, fix);
  }
  if (!res.ok) {
    throw new DataError(`${name} is missing: ${url} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`, fix);
  }
  const bytes = await readBody(res, onFraction);
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('text/html') || looksLikeHtml(bytes)) {
    throw new DataError(
      `${name} is missing: ${url} returned an HTML page instead of the file (a dev server's fallback page for a file it does not have).`,
      fix,
    );
  }
  return bytes;
}

async function readBody(res: Response, onFraction?: (fraction: number) => void): Promise<Uint8Array> {
  const total = Number(res.headers.get('content-length') ?? 0);
  if (!onFraction || !res.body || !(total > 0)) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    // Content-Length counts encoded bytes; a gzip transfer encoding can deliver more, so clamp.
    onFraction(Math.min(1, received / total));
  }
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
