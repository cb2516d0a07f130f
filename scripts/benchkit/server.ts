import { preview, type PreviewServer } from 'vite';

/** The bench build of the app (`vite build --mode bench`, with the benchmark hooks) is served from here. */
export const BENCH_OUT_DIR = 'dist-bench';

/** `vite preview` of a build (by default the bench build, dist-bench/), in this process. */
export async function startPreview(outDir = BENCH_OUT_DIR, port = 0): Promise<{ url: string; close(): Promise<void> }> {
  // port 0: the system picks a free one, so a running `npm run preview` or dev server is no obstacle
  const server: PreviewServer = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not report its port');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
