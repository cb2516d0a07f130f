/*
 * Calls the WebAssembly SIMD kernel of convReluPool.wat (read it for what it computes, why that is
 * bit for bit XNNPACK's FusedConv2D + MaxPool, and its memory layout), assembled by wabt into
 * convReluPoolWasm.ts (`npm run build:wasm`). The module imports its memory: it is instantiated on
 * TF.js's wasm heap and reads and writes the tensors where they lie, so nothing is copied.
 */
import { CONV_RELU_POOL_WASM } from './convReluPoolWasm';

type ConvReluPoolFn = (...args: number[]) => void;

let module: WebAssembly.Module | null | undefined;
const instances = new WeakMap<WebAssembly.Memory, ConvReluPoolFn>();

function compiled(): WebAssembly.Module | null {
  if (module === undefined) {
    try {
      // synchronous compile: about 1 KB, and we run in a worker (browsers limit sync compiles only on the main thread)
      module = new WebAssembly.Module(Uint8Array.from(atob(CONV_RELU_POOL_WASM), (ch) => ch.charCodeAt(0)));
    } catch {
      module = null; // no wasm SIMD here: callers use the stock kernels
    }
  }
  return module;
}

export interface ConvReluPoolArgs {
  /** [B, H, W, Ci], [kh, kw, Ci, Co], [Co]; outputs c [B, Ho, Wo, Co] and p [B, Ho/2, Wo/2, Co] */
  x: Float32Array; w: Float32Array; bias: Float32Array; c: Float32Array; p: Float32Array;
  xShape: number[]; kh: number; kw: number; co: number;
}

/** Whether convReluPool.wat can compute this call: the shapes it supports (see the .wat's preconditions). */
export function convReluPoolSupports(xShape: number[], filterShape: number[]): boolean {
  const [, H, W, Ci] = xShape;
  const [kh, kw, ci, Co] = filterShape;
  const Ho = H - kh + 1, Wo = W - kw + 1;
  return ci === Ci && Ho > 0 && Wo > 0 && Ho % 2 === 0 && Wo % 2 === 0 && Co > 0 && Co % 8 === 0;
}

/**
 * Writes c = relu(conv(x, w) + bias) and p = maxpool2(c) with convReluPool.wat, in place in `memory`
 * (every array must be a 4-byte-aligned view on it, sized for the shapes). Returns false, having
 * written nothing, where wasm SIMD is unavailable, the shapes are unsupported or an array lies elsewhere.
 */
export function convReluPoolSimd(memory: WebAssembly.Memory, a: ConvReluPoolArgs): boolean {
  const [B, H, W, Ci] = a.xShape;
  if (!convReluPoolSupports(a.xShape, [a.kh, a.kw, Ci, a.co])) return false;
  const Ho = H - a.kh + 1, Wo = W - a.kw + 1;
  const sizes = [B * H * W * Ci, a.kh * a.kw * Ci * a.co, a.co, B * Ho * Wo * a.co, B * (Ho / 2) * (Wo / 2) * a.co];
  const views = [a.x, a.w, a.bias, a.c, a.p];
  if (!views.every((v, i) => v.buffer === memory.buffer && v.byteOffset % 4 === 0 && v.length >= sizes[i])) return false;
  const mod = compiled();
  if (!mod) return false;
  let fn = instances.get(memory);
  if (!fn) {
    fn = (new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as { convReluPool: ConvReluPoolFn }).convReluPool;
    instances.set(memory, fn);
  }
  fn(a.x.byteOffset, a.w.byteOffset, a.bias.byteOffset, a.c.byteOffset, a.p.byteOffset, B, H, W, Ci, a.co, a.kh, a.kw);
  return true;
}
