// The fallback after a backend failed during training (fallbackBackend), and that a failed backend
// is not chosen again (chooseBackend's `dead`), with the browser's probes and TF.js faked.
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

const { chooseBackend, fallbackBackend } = await import('./backend');

function fakeGpu(renderer: string): void {
  vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => ({ info: { vendor: 'test', description: renderer } }) } });
  vi.stubGlobal('OffscreenCanvas', class {
    getContext() { return { getExtension: () => null, getParameter: () => renderer, RENDERER: 0x1f01 }; }
  });
}

const speeds: Record<string, number> = { webgpu: 5000, webgl: 3000, wasm: 1000, cpu: 50 };
const measure = vi.fn(async () => speeds[tfState.active]);

beforeEach(() => {
  tfState.active = 'cpu';
  tfState.starts = new Set(['webgpu', 'webgl', 'wasm', 'cpu']);
});

describe('fallbackBackend', () => {
  it('continues on the next fastest measured backend, then the next, never a dead one', async () => {
    fakeGpu('NVIDIA RTX');
    const info = await chooseBackend('auto', measure);
    expect(info.name).toBe('webgpu');
    const dead = new Set(['webgpu'] as const);
    const next = await fallbackBackend(info, dead, 'device lost');
    expect([next?.name, tfState.active]).toEqual(['webgl', 'webgl']);
    expect(next?.reason).toMatch(/webgpu failed during training \(device lost\)/);
    expect(next?.candidates.find((c) => c.name === 'webgpu')?.available).toBe(false);
    const third = await fallbackBackend(next!, new Set(['webgpu', 'webgl'] as const), 'context lost');
    expect(third?.name).toBe('wasm');
  });

  it('after the last measured backend: the CPU before software GPU emulation; skips one that does not start', async () => {
    fakeGpu('Google SwiftShader');
    const info = await chooseBackend('wasm', measure);
    expect(info.name).toBe('wasm');
    expect((await fallbackBackend(info, new Set(['wasm'] as const), 'x'))?.name).toBe('cpu');
    tfState.starts.delete('cpu');
    expect((await fallbackBackend(info, new Set(['wasm'] as const), 'x'))?.name).toBe('webgpu');
    tfState.starts = new Set();
    expect(await fallbackBackend(info, new Set(['wasm'] as const), 'x')).toBeNull();
  });
});

describe('chooseBackend after a failure', () => {
  it('does not choose a backend that failed this session, even when forced or cached as fastest', async () => {
    fakeGpu('NVIDIA RTX');
    const dead = new Set(['webgpu'] as const);
    const auto = await chooseBackend('auto', measure, { webgpu: 9000, webgl: 3000, wasm: 1000 }, dead);
    expect(auto.name).toBe('webgl');
    expect(auto.candidates.find((c) => c.name === 'webgpu')?.note).toMatch(/failed earlier in this session/);
    const forced = await chooseBackend('webgpu', measure, undefined, dead);
    expect(forced.name).toBe('webgl');
    expect(forced.reason).toMatch(/^webgpu was requested but cannot start here/);
  });
});
