/**
 * Backend choice in the worker. On a real GPU the candidates are timed with a few real training
 * steps and the fastest wins; software GPU renderers (SwiftShader, llvmpipe) are detected and left
 * out of the automatic choice because WASM with our training kernels is ~10× faster on them
 * (`npm run bench`). The user can still force any backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendCandidate, BackendInfo, BackendName } from './types';

export const BACKEND_ORDER: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

interface Probe { available: boolean; software: boolean; note: string }

const SOFTWARE = /swiftshader|llvmpipe|software|basic render/i;

async function probeWebGPU(): Promise<Probe> {
  // navigator.gpu is absent in the DOM typings of older TS libs; describe just what we use
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GPUAdapterLike | null> } }).gpu;
  if (!gpu) return { available: false, software: false, note: 'this browser has no WebGPU (navigator.gpu is missing)' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { available: false, software: false, note: 'WebGPU is present but offers no adapter (disabled or blocklisted)' };
    const info = adapter.info ?? {};
    const desc = [info.vendor, info.architecture, info.description, info.device].filter(Boolean).join(' ');
    const software = adapter.isFallbackAdapter === true || SOFTWARE.test(desc);
    return { available: true, software, note: software ? `software adapter (${desc || 'fallback'})` : `GPU adapter ${desc}` };
  } catch (e) {
    return { available: false, software: false, note: `WebGPU adapter request failed: ${String(e)}` };
  }
}

interface GPUAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string; device?: string };
}

function probeWebGL(): Probe {
  try {
    if (typeof OffscreenCanvas === 'undefined') return { available: false, software: false, note: 'no OffscreenCanvas in this worker' };
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return { available: false, software: false, note: 'WebGL2 is not available' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    const software = SOFTWARE.test(renderer);
    return { available: true, software, note: software ? `software renderer (${renderer})` : `GPU renderer ${renderer}` };
  } catch (e) {
    return { available: false, software: false, note: `WebGL probe failed: ${String(e)}` };
  }
}

/**
 * Each backend's package registers the backend when it is imported. They are imported when a backend
 * is first tried (the bundler gives each a chunk of its own), so a machine that trains on wasm never
 * downloads the WebGL and WebGPU code, and one with a GPU never the wasm backend.
 */
const LOAD: Record<BackendName, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: async () => (await import('./wasm/browser')).initWasmBackendBrowser(),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

async function activate(name: BackendName): Promise<boolean> {
  try {
    await LOAD[name]();
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

export type StepTimer = () => Promise<number>;

/**
 * Picks and activates a backend. `measure` times a few real training steps on the active backend
 * and returns samples/s; it is used for the candidates that auto mode may choose.
 */
export async function chooseBackend(forced: BackendName | 'auto', measure: StepTimer, cached?: Record<string, number>, dead: ReadonlySet<BackendName> = new Set()): Promise<BackendInfo> {
  const [gpuProbe, glProbe] = await Promise.all([probeWebGPU(), Promise.resolve(probeWebGL())]);
  const probes: Record<BackendName, Probe> = {
    webgpu: gpuProbe,
    webgl: glProbe,
    wasm: { available: typeof WebAssembly !== 'undefined', software: false, note: 'WebAssembly on the CPU (with our training kernels)' },
    cpu: { available: true, software: false, note: 'plain JavaScript: always works, slowest' },
  };
  // a backend that failed during training (lost device or context) is not chosen again this session
  for (const name of dead) probes[name] = { available: false, software: false, note: `${name} failed earlier in this session (${probes[name].note})` };
  const candidates: BackendCandidate[] = BACKEND_ORDER.map((name) => ({ name, available: probes[name].available, note: probes[name].note, ...(probes[name].software ? { software: true } : {}) }));

  if (forced !== 'auto') {
    const c = candidates.find((x) => x.name === forced) as BackendCandidate;
    if (c.available && (await activate(forced))) {
      return { name: forced, reason: `forced by the user (${c.note})`, candidates };
    }
    const fallback = await chooseBackend('auto', measure, cached, dead);
    return { ...fallback, reason: `${forced} was requested but cannot start here (${c.note}); ${fallback.reason}` };
  }

  // software GPU renderers are not timed: their shader compile alone takes seconds on a CPU
  for (const c of candidates) {
    if (c.available && probes[c.name].software && (c.name === 'webgpu' || c.name === 'webgl')) {
      c.note += ' — not used automatically: software GPU emulation is ~10× slower than WASM here';
    }
  }
  const timed = candidates.filter((c) => c.available && !(probes[c.name].software && (c.name === 'webgpu' || c.name === 'webgl')) && c.name !== 'cpu');
  let best: BackendCandidate | null = null;
  for (const c of timed) {
    let sps = cached?.[c.name];
    if (sps === undefined) {
      if (!(await activate(c.name))) { c.note += ' — failed to start'; continue; }
      try { sps = await measure(); } catch (e) { c.note += ` — training failed: ${String(e)}`; continue; }
    }
    c.samplesPerSec = sps;
    if (!best || sps > (best.samplesPerSec ?? 0)) best = c;
  }
  if (best && (await activate(best.name))) {
    const others = timed.filter((c) => c !== best && c.samplesPerSec).map((c) => `${c.name} ${Math.round(c.samplesPerSec as number)}`).join(', ');
    return { name: best.name, reason: `fastest measured: ${Math.round(best.samplesPerSec ?? 0)} samples/s${others ? ` (vs ${others})` : ''}`, candidates };
  }
  await activate('cpu');
  return { name: 'cpu', reason: 'no faster backend could start here', candidates };
}

/**
 * The backend to continue on after `failed` broke during training: the fastest other measured one,
 * then the others that start here (the CPU before software GPU emulation), never one in `dead`.
 * Activates it; null when none starts.
 */
export async function fallbackBackend(current: BackendInfo, dead: ReadonlySet<BackendName>, why: string): Promise<BackendInfo | null> {
  const usable = current.candidates.filter((c) => c.available && !dead.has(c.name));
  const measured = usable.filter((c) => c.samplesPerSec).sort((a, b) => (b.samplesPerSec ?? 0) - (a.samplesPerSec ?? 0));
  const unmeasured = BACKEND_ORDER.filter((n) => n !== 'cpu').map((n) => usable.find((c) => c.name === n && !c.samplesPerSec));
  const cpu = usable.find((c) => c.name === 'cpu') ?? { name: 'cpu' as const, available: true, note: 'plain JavaScript' };
  // software GPU emulation after the CPU: its shader compiles alone take seconds
  const order = [...measured, ...unmeasured.filter((c) => !c?.software), cpu, ...unmeasured.filter((c) => c?.software)];
  for (const c of order) {
    if (!c || !(await activate(c.name))) continue;
    const candidates = current.candidates.map((x) => (dead.has(x.name) ? { ...x, available: false, note: `${x.note} — failed during training` } : x));
    return { name: c.name, reason: `${current.name} failed during training (${why}); continued on the next backend${c.samplesPerSec ? ` (${Math.round(c.samplesPerSec)} samples/s measured)` : ''}`, candidates };
  }
  return null;
}

/**
 * Calls `onLost` once if the active backend's device goes away: WebGPU's device.lost, or WebGL's
 * context loss (after which reads return zeros, so nothing may be read back from it).
 */
export function watchBackendLoss(onLost: (why: string) => void): void {
  const b = tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string }> }; gpgpu?: { gl?: { canvas?: EventTarget } } };
  const name = tf.getBackend();
  if (name === 'webgpu' && b.device?.lost) {
    void b.device.lost.then((info) => onLost(`WebGPU device lost${info.message ? `: ${info.message}` : ''}`));
  } else if (name === 'webgl' && b.gpgpu?.gl?.canvas) {
    b.gpgpu.gl.canvas.addEventListener('webglcontextlost', () => onLost('WebGL context lost'), { once: true });
  }
}

function webglContext(): WebGLRenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  return (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl ?? null;
}

/** The active backend's device is gone (WebGL reports it synchronously; WebGPU through watchBackendLoss). */
export function backendLost(): boolean {
  return webglContext()?.isContextLost() === true;
}

/** Debug only (browser tests): loses the WebGL backend's context as a GPU reset would. */
export function loseWebGLContext(): void {
  const ext = webglContext()?.getExtension('WEBGL_lose_context');
  if (!ext) throw new Error('the active backend has no WebGL context to lose');
  ext.loseContext();
}
