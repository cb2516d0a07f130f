// The measured backend choice (chooseBackend) with the browser's probes and TF.js's backend switch
// replaced by fakes: which backends exist, which are software renderers, how fast each trains.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const tfState = vi.hoisted(() => ({ active: 'cpu', starts: new Set<string>(['webgpu', 'webgl', 'wasm', 'cpu']) }));
vi.mock('@tensorflow/tfjs-core', () => ({
  setBackend: async (name: string) => { if (tfState.starts.has(name)) tfState.active = name; return tfState.starts.has(name); },
  ready: async () => {},
  getBackend: () => tfState.active,
}));
vi.mock('@tensorflow/tfjs-backend-cpu', () => ({}));
vi.mock('@tensorflow/tfjs-backend-webgl', () => ({}));
vi.mock('@tensorflow/tfjs-backend-webgpu', () => ({}));
vi.mock('./wasm/browser', () => ({ initWasmBackendBrowser: () => {} }));

const { chooseBackend } = await import('./backend');

/** A GPU (or a software renderer) behind both WebGPU and WebGL. */
function fakeGpu(renderer: string): void {
  vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => ({ info: { vendor: 'test', description: renderer } }) } });
  vi.stubGlobal('OffscreenCanvas', class {
    getContext() { return { getExtension: () => null, getParameter: () => renderer, RENDERER: 0x1f01 }; }
  });
}

/** samples/s of a training step on the active backend */
const speeds: Record<string, number> = { webgpu: 5000, webgl: 3000, wasm: 1000, cpu: 50 };
const measure = vi.fn(async () => speeds[tfState.active]);

beforeEach(() => {
  tfState.active = 'cpu';
  tfState.starts = new Set(['webgpu', 'webgl', 'wasm', 'cpu']);
  measure.mockClear();
});

describe('chooseBackend', () => {
  it('on a real GPU times every candidate but the CPU and keeps the fastest', async () => {
    fakeGpu('NVIDIA RTX');
    const info = await chooseBackend('auto', measure);
    expect([info.name, tfState.active, measure.mock.calls.length]).toEqual(['webgpu', 'webgpu', 3]);
    expect(info.reason).toBe('fastest measured: 5000 samples/s (vs webgl 3000, wasm 1000)');
  });

  it('leaves software GPU renderers out of the automatic choice and says why', async () => {
    fakeGpu('Google SwiftShader');
    const info = await chooseBackend('auto', measure);
    expect([info.name, measure.mock.calls.length]).toEqual(['wasm', 1]);
    expect(info.candidates.find((c) => c.name === 'webgl')?.note).toMatch(/not used automatically: software GPU emulation/);
  });

  it('reuses measurements cached for this browser instead of timing again', async () => {
    fakeGpu('NVIDIA RTX');
    const info = await chooseBackend('auto', measure, { webgpu: 10, webgl: 20, wasm: 30 });
    expect([info.name, measure.mock.calls.length]).toEqual(['wasm', 0]);
  });

  it('a forced backend is used as is; one that cannot start falls back to the automatic choice, saying so', async () => {
    fakeGpu('NVIDIA RTX');
    expect((await chooseBackend('webgl', measure)).name).toBe('webgl');
    expect(measure).not.toHaveBeenCalled();
    tfState.starts.delete('webgl');
    const info = await chooseBackend('webgl', measure);
    expect(info.name).toBe('webgpu');
    expect(info.reason).toMatch(/^webgl was requested but cannot start here .*; fastest measured/);
  });

  it('without WebGPU and WebGL, and a failing WASM start, ends on the CPU', async () => {
    vi.stubGlobal('navigator', {});
    vi.stubGlobal('OffscreenCanvas', undefined);
    tfState.starts.delete('wasm');
    const info = await chooseBackend('auto', measure);
    expect([info.name, info.reason]).toEqual(['cpu', 'no faster backend could start here']);
    expect(info.candidates.find((c) => c.name === 'wasm')?.note).toMatch(/failed to start/);
  });
});
