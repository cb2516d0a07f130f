/**
 * Why each backend was not chosen, in words, for the status line (issue 23). The worker probes what it
 * can use; the page adds what the page itself has, so that "no WebGL2 in the worker" reads as what it
 * is in WebKit: the browser has WebGL2, but not in a worker (no WebGL2 from OffscreenCanvas there).
 */
import type { BackendCandidate, BackendInfo } from '../workers/protocol';

/** What the page (main thread) offers; the worker may have less. */
export interface PageGraphics {
  webgl2: boolean;
  webgpu: boolean;
}

/** Probes the page once: a throwaway canvas's WebGL2 context, and navigator.gpu. */
export function probePage(): PageGraphics {
  let webgl2: boolean;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    webgl2 = gl !== null;
    gl?.getExtension('WEBGL_lose_context')?.loseContext(); // a context is a scarce resource: give it back
  } catch {
    webgl2 = false;
  }
  return { webgl2, webgpu: 'gpu' in navigator };
}

const LABEL: Record<BackendCandidate['name'], string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU' };

/** Why `c` is not the backend in use. */
export function whyNot(c: BackendCandidate, info: BackendInfo, page: PageGraphics): string {
  if (!c.available) {
    const missingInWorker = c.name === 'webgl' ? page.webgl2 && /not available|no OffscreenCanvas/.test(c.note)
      : c.name === 'webgpu' ? page.webgpu && /no WebGPU/.test(c.note) : false;
    if (missingInWorker) return `not available in a worker in this browser (the page has ${c.name === 'webgl' ? 'WebGL2' : 'WebGPU'})`;
    return c.note;
  }
  if (info.reason.startsWith('forced by the user')) return 'not tried: another backend was chosen by hand';
  if (/failed to start|training failed|failed during training|failed earlier/.test(c.note)) return c.note;
  if (c.software) return 'software GPU emulation, about 10× slower than WebAssembly here';
  if (c.samplesPerSec) return `slower: ${Math.round(c.samplesPerSec)} samples/s measured`;
  if (c.name === 'cpu') return 'plain JavaScript, the slowest: only a fallback';
  return c.note;
}

/** "WebGPU: …; WebGL: …" for every backend other than the one in use. */
export function notChosen(info: BackendInfo, page: PageGraphics): string {
  return info.candidates.filter((c) => c.name !== info.name).map((c) => `${LABEL[c.name]}: ${whyNot(c, info, page)}`).join('; ');
}
