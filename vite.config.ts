import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Content-Security-Policy of the built page, as a meta tag (the app is static files; no server
 * headers to rely on). Scripts, workers and data only from the page's own origin; WebAssembly may be
 * compiled (the wasm backend and our kernels) but no JS eval; blob: for workers and exported files;
 * inline styles because React and d3 set style attributes. Build only: the dev server injects inline
 * scripts for hot reload.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/** The @tensorflow package most of a chunk's modules come from, if any. */
function tfjsPackageOf(moduleIds: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const id of moduleIds) {
    const name = /@tensorflow\/(tfjs-[\w-]+)\//.exec(id)?.[1];
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

export default defineConfig({
  // relative URLs throughout the build (scripts, workers, wasm, data), so dist/ works from any folder
  // of any static host, e.g. https://example.org/some/sub/path/; the dev server treats it as '/'
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  worker: {
    format: 'es',
    rolldownOptions: {
      // the TF.js backends load on demand (engine/backend.ts): name their chunks after the package
      output: { chunkFileNames: (chunk) => `assets/${tfjsPackageOf(chunk.moduleIds) ?? '[name]'}-[hash].js` },
    },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  // the dev server pre-bundles what the page imports; the workers' imports (the wasm backend, the
  // zip reader…) are found only when a worker first asks for them, and the reload that follows
  // broke the running workers ("The training worker failed") on a first `npm start`
  optimizeDeps: { entries: ['index.html', 'src/workers/*.worker.ts'] },
  server: { host: '127.0.0.1' },
});
