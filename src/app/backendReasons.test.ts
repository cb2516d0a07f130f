import { describe, expect, it } from 'vitest';
import type { BackendInfo } from '../workers/protocol';
import { notChosen } from './backendReasons';

/** What the worker reports in WebKit: no WebGL2 from an OffscreenCanvas in a worker, no WebGPU. */
const webkit: BackendInfo = {
  name: 'wasm',
  reason: 'fastest measured: 900 samples/s',
  candidates: [
    { name: 'webgpu', available: false, note: 'this browser has no WebGPU (navigator.gpu is missing)' },
    { name: 'webgl', available: false, note: 'WebGL2 is not available' },
    { name: 'wasm', available: true, samplesPerSec: 900, note: 'WebAssembly on the CPU (with our training kernels)' },
    { name: 'cpu', available: true, note: 'plain JavaScript: always works, slowest' },
  ],
};

describe('why each backend was not chosen', () => {
  it('says WebGL is missing only in the worker when the page has WebGL2', () => {
    expect(notChosen(webkit, { webgl2: true, webgpu: false })).toBe(
      'WebGPU: this browser has no WebGPU (navigator.gpu is missing); '
      + 'WebGL: not available in a worker in this browser (the page has WebGL2); '
      + 'CPU: plain JavaScript, the slowest: only a fallback',
    );
  });
  it("keeps the worker's words when the page has no WebGL2 either", () => {
    expect(notChosen(webkit, { webgl2: false, webgpu: false })).toContain('WebGL: WebGL2 is not available');
  });
  it('names the measured speed of a slower backend and software emulation', () => {
    const chromium: BackendInfo = {
      name: 'wasm', reason: 'fastest measured: 1000 samples/s',
      candidates: [
        { name: 'webgpu', available: true, software: true, note: 'software adapter (swiftshader)' },
        { name: 'webgl', available: true, samplesPerSec: 300, note: 'GPU renderer X' },
        { name: 'wasm', available: true, samplesPerSec: 1000, note: '' },
        { name: 'cpu', available: true, note: '' },
      ],
    };
    expect(notChosen(chromium, { webgl2: true, webgpu: true })).toBe(
      'WebGPU: software GPU emulation, about 10× slower than WebAssembly here; WebGL: slower: 300 samples/s measured; '
      + 'CPU: plain JavaScript, the slowest: only a fallback',
    );
  });
});
