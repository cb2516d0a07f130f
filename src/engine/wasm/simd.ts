/*
 * Loads and calls the WebAssembly SIMD kernel of convPoolGrad.wat (read it for what the kernel does, its
 * memory layout and why), assembled by wabt into convPoolGradWasm.ts (`npm run build:wasm`): the
 * backward pass of conv(valid, stride 1) + relu + maxpool 2×2/2 for the weights and (optionally) the
 * input. The module has its own memory; inputs are copied in (memcpy speed) rather than reaching into
 * the TF.js backend's heap, which is not a public API.
 */
import { CONV_POOL_GRAD_WASM } from './convPoolGradWasm';

interface Exports {
  convPoolGrad: (...args: number[]) => void;
  memory: WebAssembly.Memory;
}

let instance: Exports | undefined;
let supported: boolean | undefined;
let disabled = false;

/** Tests use this to exercise the plain-JS fallback that engines without wasm SIMD get. */
export function setSimdDisabled(off: boolean): void {
  disabled = off;
}

function instantiate(): Exports {
  if (!instance) {
    const bytes = Uint8Array.from(atob(CONV_POOL_GRAD_WASM), ch => ch.charCodeAt(0));
    // synchronous compile: about 1 KB, and we run in a worker (browsers limit sync compiles only on the main thread)
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
  }
  return instance;
}

/** Whether the SIMD path can run here; false where WebAssembly SIMD is unavailable (callers then use plain JS). */
export function simdAvailable(): boolean {
  if (disabled) return false;
  if (supported === undefined) {
    try {
      instantiate();
      supported = true;
    } catch {
      supported = false;
    }
  }
  return supported;
}

export interface ConvPoolGradArgs {
  x: Float32Array; c: Float32Array; p: Float32Array; dp: Float32Array;
  /** filter [kh, kw, Ci, Co], needed only for the input gradient */
  w: Float32Array | null;
  xShape: number[]; cShape: number[]; pShape: number[]; kh: number; kw: number;
}

/**
 * dW [kh,kw,Ci,Co], db [Co] and, when w is given, dx (x's shape); see convPoolGrad.wat.
 * Each patch run (kw·Ci floats) is padded to a multiple of 4 so the module never needs a scalar tail:
 * the extra lanes of dW's accumulator collect garbage that is dropped here, and the extra lanes of Wt
 * are zeros, so they add exactly 0 to dx. x and dx get 4 floats of slack for the last run's overhang.
 */
export function convPoolGradSimd(a: ConvPoolGradArgs, dwOut: Float32Array, dbOut: Float32Array, dxOut: Float32Array | null): void {
  const [B, H, W, Ci] = a.xShape;
  const [, Ho, Wo, Co] = a.cShape;
  const [, Hp, Wp] = a.pShape;
  const run = a.kw * Ci, runP = (run + 3) & ~3, KP = a.kh * runP;
  const k = instantiate();
  const sizes = [a.x.length + 4, a.c.length, a.p.length, a.dp.length, Co * KP, Co, a.w ? Co * KP : 0, a.w ? a.x.length + 4 : 0];
  const offs: number[] = [];
  let total = 0;
  // 16-byte aligned blocks, counted in floats
  for (const s of sizes) { offs.push(total); total += (s + 3) & ~3; }
  const need = total * 4 - k.memory.buffer.byteLength;
  if (need > 0) k.memory.grow(Math.ceil(need / 65536));
  const m = new Float32Array(k.memory.buffer);
  m.set(a.x, offs[0]); m.fill(0, offs[0] + a.x.length, offs[1]);
  m.set(a.c, offs[1]); m.set(a.p, offs[2]); m.set(a.dp, offs[3]);
  m.fill(0, offs[4], offs[6]); // acc and db
  if (a.w) {
    // Wt [Co][kh][runP]: one contiguous, zero-padded run per (o, ki), like the x patch rows
    const w = a.w, wt = offs[6];
    m.fill(0, wt, offs[7]);
    for (let o = 0; o < Co; o++) {
      for (let ki = 0; ki < a.kh; ki++) {
        for (let r = 0; r < run; r++) m[wt + o * KP + ki * runP + r] = w[(ki * run + r) * Co + o];
      }
    }
    m.fill(0, offs[7], offs[7] + sizes[7]);
  }
  const flags = 1 | (a.w ? 2 : 0);
  k.convPoolGrad(offs[0] * 4, offs[1] * 4, offs[2] * 4, offs[3] * 4, offs[4] * 4, offs[5] * 4, offs[6] * 4, offs[7] * 4,
    B, H, W, Ci, Ho, Wo, Co, Hp, Wp, a.kh, runP, KP, flags);
  for (let o = 0; o < Co; o++) {
    for (let ki = 0; ki < a.kh; ki++) {
      for (let r = 0; r < run; r++) dwOut[(ki * run + r) * Co + o] = m[offs[4] + o * KP + ki * runP + r];
    }
  }
  dbOut.set(m.subarray(offs[5], offs[5] + Co));
  if (dxOut) dxOut.set(m.subarray(offs[7], offs[7] + a.x.length));
}
