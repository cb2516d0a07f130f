/*
 * Loads and calls the WebAssembly SIMD kernel of convPoolGrad.wat (read it for what the kernel does, its
 * memory layout and why), assembled by wabt into convPoolGradWasm.ts (`npm run build:wasm`): the
 * backward pass of conv(valid, stride 1) + relu + maxpool 2×2/2 for the weights and (optionally) the
 * input. The module imports its memory. Given TF.js's wasm heap (`WasmHeap`, from kernels.ts), it reads
 * the input tensors where they lie: copying them in was ~1 ms of a 30 ms MNIST step (the first conv's
 * output alone is 4.7 MB). Elsewhere (no heap given, or one that does not hold the inputs) it gets a
 * memory of its own and the inputs are copied in.
 */
import { CONV_POOL_GRAD_WASM } from './convPoolGradWasm';

type ConvPoolGradFn = (...args: number[]) => void;

/** TF.js's wasm heap: its memory and allocator (the Emscripten module's `asm.memory`, `_malloc`, `_free`). */
export interface WasmHeap {
  memory: WebAssembly.Memory;
  malloc(bytes: number): number;
  free(ptr: number): void;
}

let module: WebAssembly.Module | undefined;
/** the kernel on its own memory (inputs copied in) */
let own: { fn: ConvPoolGradFn; memory: WebAssembly.Memory } | undefined;
/** the kernel on a TF.js heap, and its scratch block there (dW's accumulator, db, the filter rows, dx) */
const onHeap = new WeakMap<WebAssembly.Memory, { fn: ConvPoolGradFn; block: number; scratch: number; bytes: number }>();
let supported: boolean | undefined;
let disabled = false;

/** Tests use this to exercise the plain-JS fallback that engines without wasm SIMD get. */
export function setSimdDisabled(off: boolean): void {
  disabled = off;
}

function compiled(): WebAssembly.Module {
  // synchronous compile: about 3 KB, and we run in a worker (browsers limit sync compiles only on the main thread)
  module ??= new WebAssembly.Module(Uint8Array.from(atob(CONV_POOL_GRAD_WASM), ch => ch.charCodeAt(0)));
  return module;
}

function instantiate(memory: WebAssembly.Memory): ConvPoolGradFn {
  const exports = new WebAssembly.Instance(compiled(), { env: { memory } }).exports as unknown as { convPoolGrad: ConvPoolGradFn };
  return exports.convPoolGrad;
}

function ownInstance(): { fn: ConvPoolGradFn; memory: WebAssembly.Memory } {
  if (!own) {
    const memory = new WebAssembly.Memory({ initial: 1 });
    own = { fn: instantiate(memory), memory };
  }
  return own;
}

/** Whether the SIMD path can run here; false where WebAssembly SIMD is unavailable (callers then use plain JS). */
export function simdAvailable(): boolean {
  if (disabled) return false;
  if (supported === undefined) {
    try {
      ownInstance();
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
 * are zeros, so they add exactly 0 to dx. x gets 4 floats of slack for the last run's overhang (in
 * TF.js's heap: whatever follows the tensor, read only), dx 4 floats of slack in the scratch block.
 * With `heap`, x, c, p and dp are read in place when they lie in heap.memory and reserveHeapScratch
 * was called; returns whether they were.
 */
export function convPoolGradSimd(a: ConvPoolGradArgs, dwOut: Float32Array, dbOut: Float32Array, dxOut: Float32Array | null, heap?: WasmHeap): boolean {
  const [B, H, W, Ci] = a.xShape;
  const [, Ho, Wo, Co] = a.cShape;
  const [, Hp, Wp] = a.pShape;
  const run = a.kw * Ci, runP = round4(run), KP = a.kh * runP;
  const scratchSizes = scratchBlocks(a.xShape, a.cShape, a.kh, a.kw, a.w !== null);
  const h = heap ? onHeap.get(heap.memory) : undefined;
  const inPlace = Boolean(heap && h && h.bytes >= 4 * scratchFloats(scratchSizes) && inputsOnHeap(a, heap));

  let fn: ConvPoolGradFn;
  let memory: WebAssembly.Memory;
  /** byte addresses: x, c, p, dp, acc, db, wt, dx */
  const at: number[] = [];
  if (heap && h && inPlace) {
    at.push(a.x.byteOffset, a.c.byteOffset, a.p.byteOffset, a.dp.byteOffset);
    let off = h.scratch;
    for (const n of scratchSizes) { at.push(off); off += round4(n) * 4; }
    fn = h.fn;
    memory = heap.memory;
  } else {
    const k = ownInstance();
    const inputSizes = [a.x.length + 4, a.c.length, a.p.length, a.dp.length];
    let total = 0;
    for (const n of [...inputSizes, ...scratchSizes]) { at.push(total * 4); total += round4(n); }
    const need = total * 4 - k.memory.buffer.byteLength;
    if (need > 0) k.memory.grow(Math.ceil(need / 65536));
    const m = new Float32Array(k.memory.buffer);
    m.set(a.x, at[0] / 4); m.fill(0, at[0] / 4 + a.x.length, at[1] / 4);
    m.set(a.c, at[1] / 4); m.set(a.p, at[2] / 4); m.set(a.dp, at[3] / 4);
    fn = k.fn;
    memory = k.memory;
  }
  const m = new Float32Array(memory.buffer);
  const [acc, db, wt, dx] = at.slice(4).map((b) => b / 4);
  m.fill(0, acc, acc + scratchSizes[0]);
  m.fill(0, db, db + Co);
  if (a.w) {
    // Wt [Co][kh][runP]: one contiguous, zero-padded run per (o, ki), like the x patch rows
    const w = a.w;
    m.fill(0, wt, wt + scratchSizes[2]);
    for (let o = 0; o < Co; o++) {
      for (let ki = 0; ki < a.kh; ki++) {
        for (let r = 0; r < run; r++) m[wt + o * KP + ki * runP + r] = w[(ki * run + r) * Co + o];
      }
    }
    m.fill(0, dx, dx + scratchSizes[3]);
  }
  const flags = 1 | (a.w ? 2 : 0);
  fn(at[0], at[1], at[2], at[3], at[4], at[5], at[6], at[7], B, H, W, Ci, Ho, Wo, Co, Hp, Wp, a.kh, runP, KP, flags);
  for (let o = 0; o < Co; o++) {
    for (let ki = 0; ki < a.kh; ki++) {
      for (let r = 0; r < run; r++) dwOut[(ki * run + r) * Co + o] = m[acc + o * KP + ki * runP + r];
    }
  }
  dbOut.set(m.subarray(db, db + Co));
  if (dxOut) dxOut.set(m.subarray(dx, dx + a.x.length));
  return inPlace;
}

const round4 = (n: number) => (n + 3) & ~3;

/** The scratch blocks' sizes in floats: dW's accumulator, db, the filter rows and dx (with slack). */
function scratchBlocks(xShape: number[], cShape: number[], kh: number, kw: number, withDx: boolean): number[] {
  const [B, H, W, Ci] = xShape;
  const Co = cShape[3];
  const KP = kh * round4(kw * Ci);
  return [Co * KP, Co, withDx ? Co * KP : 0, withDx ? B * H * W * Ci + 4 : 0];
}

const scratchFloats = (blocks: number[]) => blocks.reduce((t, n) => t + round4(n), 0);

/**
 * Makes the kernel ready to read the inputs of a call with these shapes in TF.js's heap: its instance
 * on that memory and a scratch block there, kept from call to call. Call it before taking any view on
 * the heap (a malloc may grow the memory, and a grown memory detaches every view). Returns false when
 * the heap has no room: the call then copies, as it does without a heap.
 */
export function reserveHeapScratch(heap: WasmHeap, xShape: number[], cShape: number[], kh: number, kw: number, withDx: boolean): boolean {
  const bytes = 4 * scratchFloats(scratchBlocks(xShape, cShape, kh, kw, withDx));
  let h = onHeap.get(heap.memory);
  if (!h) { h = { fn: instantiate(heap.memory), block: 0, scratch: 0, bytes: 0 }; onHeap.set(heap.memory, h); }
  if (h.bytes >= bytes) return true;
  if (h.block) heap.free(h.block);
  h.block = 0; h.scratch = 0; h.bytes = 0;
  const ptr = heap.malloc(bytes + 16);
  if (!ptr) return false;
  h.block = ptr;
  h.scratch = (ptr + 15) & ~15;
  h.bytes = bytes;
  return true;
}

/**
 * Whether the kernel can read the inputs in `heap` where they lie: views on its memory, 4-byte
 * aligned, and x's 4 floats of overhang still inside the memory.
 */
function inputsOnHeap(a: ConvPoolGradArgs, heap: WasmHeap): boolean {
  const buf = heap.memory.buffer;
  const views = [a.x, a.c, a.p, a.dp];
  if (!views.every((v) => v.buffer === buf && v.byteOffset % 4 === 0)) return false;
  return a.x.byteOffset + (a.x.length + 4) * 4 <= buf.byteLength;
}
