/**
 * A minimal static file server for a built dist/, mounted under any path prefix, the way a plain
 * static host (GitHub Pages, an S3 bucket, nginx's root) serves it: files as they are, a content type
 * from the extension, no compression, no SPA fallback, no special headers. The browser tests use it to
 * check that the build works from a sub-path, and scripts/measure-first-load.ts to see what a first
 * visit fetches.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  // WebAssembly.instantiateStreaming accepts only this type
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  // the data files are fetched as bytes and gunzipped by the page, so they go out as plain bytes
  '.gz': 'application/octet-stream',
};

export interface StaticServer {
  /** the URL of the mounted folder, ending in '/' */
  url: string;
  /** every path (below the prefix) that was asked for, in order */
  requested: string[];
  /** every URL path answered 404: outside the prefix, or no such file */
  notFound: string[];
  close(): Promise<void>;
}

/** Serves `root` at http://127.0.0.1:PORT`prefix` (prefix starts and ends with '/'); port 0 picks a free one. */
export async function serveStatic(root: string, prefix = '/', port = 0): Promise<StaticServer> {
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`serveStatic: prefix must start and end with '/', got ${prefix}`);
  const requested: string[] = [];
  const missed: string[] = [];
  const base = normalize(root + sep);

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const notFound = (): void => {
      missed.push(path);
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not Found');
    };
    if (!path.startsWith(prefix)) return notFound();
    const rel = path.slice(prefix.length) || 'index.html';
    requested.push(rel);
    const file = normalize(join(base, rel.endsWith('/') ? `${rel}index.html` : rel));
    if (!file.startsWith(base)) return notFound();
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) return notFound();
      size = st.size;
    } catch {
      return notFound();
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}${prefix}`,
    requested,
    notFound: missed,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
