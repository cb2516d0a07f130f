import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convReluPoolSimd, convReluPoolSupports } from './convReluPoolSimd';
import { convPoolGradSimd, reserveHeapScratch, simdAvailable, type WasmHeap } from './simd';

type Shape4 = [number, number, number, number];

/** Runs another kernel already registered for wasm (BatchMatMul, Transpose…) on raw TensorInfos. */
export function runWasmKernel(name: string, backend: BackendWasm, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
  const k = tf.getKernel(name, 'wasm');
  if (!k) throw new Error(`wasm kernel ${name} is not registered`);
  const out = k.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error(`wasm kernel ${name} returned several outputs`);
  return out;
}

/** A TensorInfo over the same data with another shape (no copy: the wasm kernels read only dataId). */
export function viewAs(t: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

/**
 * Writes the transposed patch matrix P^T [kh·kw·Cin, B·Ho·Wo] of x (NHWC) into dst. Row r = (ki, kj, c)
 * in the filter's own [kh, kw, Cin] order, so that P^T · dy[B·Ho·Wo, Cout] is dW in [kh, kw, Cin, Cout]
 * layout with no transpose, and both matMul operands are row-major (XNNPACK's fast path).
 */
export function im2colT(x: Float32Array, dst: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: Ho, outWidth: Wo } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, filterHeight: kh, filterWidth: kw } = info;
  const pt = info.padInfo.top, pl = info.padInfo.left;
  const N = B * Ho * Wo;
  const rowStride = W * C;
  const imgStride = H * rowStride;
  let o = 0;
  if (sh === 1 && sw === 1 && dh === 1 && dw === 1 && pt === 0 && pl === 0 && info.padInfo.bottom === 0 && info.padInfo.right === 0) {
    // the backbone's case (valid, stride 1): no bounds checks, one strided run per output row
    for (let ki = 0; ki < kh; ki++) {
      for (let kj = 0; kj < kw; kj++) {
        for (let c = 0; c < C; c++) {
          for (let b = 0; b < B; b++) {
            let rowStart = b * imgStride + ki * rowStride + kj * C + c;
            for (let i = 0; i < Ho; i++, rowStart += rowStride) {
              let src = rowStart;
              for (let j = 0; j < Wo; j++, src += C) dst[o++] = x[src];
            }
          }
        }
      }
    }
    return;
  }
  for (let ki = 0; ki < kh; ki++) {
    for (let kj = 0; kj < kw; kj++) {
      for (let c = 0; c < C; c++) {
        o = ((ki * kw + kj) * C + c) * N;
        for (let b = 0; b < B; b++) {
          for (let i = 0; i < Ho; i++) {
            const y = i * sh + ki * dh - pt;
            if (y < 0 || y >= H) {
              dst.fill(0, o, o + Wo);
              o += Wo;
              continue;
            }
            const base = b * imgStride + y * rowStride + c;
            const x0 = kj * dw - pl;
            for (let j = 0; j < Wo; j++) {
              const xx = j * sw + x0;
              dst[o++] = xx >= 0 && xx < W ? x[base + xx * C] : 0;
            }
          }
        }
      }
    }
  }
}

/**
 * Conv2DBackpropFilter for wasm, which TF.js 4.22 lacks (so no CNN could train there): dW = P^T·dy with
 * the patch matrix built in JS straight on the wasm heap and one XNNPACK matMul. Faster than the
 * "forward conv of transposed tensors" trick because XNNPACK sees one long, well-shaped GEMM and no
 * layout transposes are needed.
 */
function conv2DBackpropFilter(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): tf.TensorInfo {
  const { backend } = args;
  const x = args.inputs.x as tf.TensorInfo, dy = args.inputs.dy as tf.TensorInfo;
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm supports NHWC only');
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const K = info.filterHeight * info.filterWidth * info.inChannels;
  const N = info.batchSize * info.outHeight * info.outWidth;
  const patches = backend.makeOutput([1, K, N], 'float32');
  // views only after makeOutput: an allocation may grow (and so detach) the wasm memory
  im2colT(backend.typedArrayFromHeap(x) as Float32Array, backend.typedArrayFromHeap(patches) as Float32Array, info);
  const out = runWasmKernel('BatchMatMul', backend, { a: patches, b: viewAs(dy, [1, N, info.outChannels]) }, { transposeA: false, transposeB: false });
  backend.disposeData(patches.dataId);
  return viewAs(out, attrs.filterShape);
}

/**
 * Conv2DBackpropInput for stride 1 as a forward convolution (XNNPACK) of dy with the filter flipped in
 * space and with in/out channels swapped, padded by k−1−pad. The stock wasm kernel is a scalar loop
 * (17 ms of a 60 ms MNIST step, 137 ms of 300 ms on CIFAR); this is the same work as a forward conv.
 * Strided convolutions would need dy dilated with zeros first, so they keep the stock kernel.
 */
function conv2DBackpropInput(stock: tf.KernelFunc) {
  return (args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): tf.TensorInfo => {
    const { backend } = args;
    const dy = args.inputs.dy as tf.TensorInfo, filter = args.inputs.filter as tf.TensorInfo;
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const info = tf.backend_util.computeConv2DInfo(attrs.inputShape, filter.shape as Shape4, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
    if (attrs.dataFormat === 'NCHW' || info.strideHeight !== 1 || info.strideWidth !== 1) return stock(args) as tf.TensorInfo;
    const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co } = info;
    const flipped = backend.makeOutput([kh, kw, co, ci], 'float32');
    const src = backend.typedArrayFromHeap(filter) as Float32Array;
    const dst = backend.typedArrayFromHeap(flipped) as Float32Array;
    for (let a = 0; a < kh; a++) {
      for (let b = 0; b < kw; b++) {
        const from = ((kh - 1 - a) * kw + (kw - 1 - b)) * ci * co;
        const to = (a * kw + b) * co * ci;
        for (let c = 0; c < ci; c++) for (let o = 0; o < co; o++) dst[to + o * ci + c] = src[from + c * co + o];
      }
    }
    const p = info.padInfo;
    const pad = [[0, 0], [kh - 1 - p.top, kh - 1 - p.bottom], [kw - 1 - p.left, kw - 1 - p.right], [0, 0]];
    const dx = runWasmKernel('Conv2D', backend, { x: dy, filter: flipped }, { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 } as unknown as tf.NamedAttrMap);
    backend.disposeData(flipped.dataId);
    return dx;
  };
}

/**
 * MaxPoolGrad in plain JS: one pass over the windows with the channel loop innermost (contiguous in
 * NHWC). The stock wasm kernel scans windows per input element and took 7.5 ms for [128,24,24,6];
 * this is ~1 ms. Ties go to the first maximum in scan order, as in the cpu backend.
 */
function maxPoolGrad(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): tf.TensorInfo {
  const { backend } = args;
  const dyI = args.inputs.dy as tf.TensorInfo, xI = args.inputs.input as tf.TensorInfo;
  const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(xI.shape as Shape4, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const dxI = backend.makeOutput(xI.shape, 'float32');
  const x = backend.typedArrayFromHeap(xI) as Float32Array;
  const dy = backend.typedArrayFromHeap(dyI) as Float32Array;
  const dx = backend.typedArrayFromHeap(dxI) as Float32Array;
  dx.fill(0);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: Ho, outWidth: Wo } = info;
  const { strideHeight: sh, strideWidth: sw, effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
  const pt = info.padInfo.top, pl = info.padInfo.left;
  const best = new Float32Array(C);
  const where = new Int32Array(C);
  let o = 0;
  for (let b = 0; b < B; b++) {
    for (let oy = 0; oy < Ho; oy++) {
      const y0 = Math.max(0, oy * sh - pt), y1 = Math.min(H, oy * sh - pt + fh);
      for (let ox = 0; ox < Wo; ox++, o += C) {
        const x0 = Math.max(0, ox * sw - pl), x1 = Math.min(W, ox * sw - pl + fw);
        best.fill(-Infinity);
        where.fill(-1);
        for (let y = y0; y < y1; y++) {
          for (let xx = x0; xx < x1; xx++) {
            const base = ((b * H + y) * W + xx) * C;
            for (let c = 0; c < C; c++) {
              const v = x[base + c];
              if (v > best[c]) { best[c] = v; where[c] = base + c; }
            }
          }
        }
        for (let c = 0; c < C; c++) if (where[c] >= 0) dx[where[c]] += dy[o + c];
      }
    }
  }
  return dxI;
}

/** Name of our fused forward kernel (registered for wasm only; trainStepForward uses it when present). */
export const CONV_RELU_POOL = 'MlpConvReluPool';

/**
 * conv(valid, stride 1) + bias + relu, then maxpool 2×2/2: outputs [conv, pooled], bit for bit what
 * the stock FusedConv2D (activation relu) and MaxPool give, in one pass and in about half their time
 * (convReluPool.wat, on the tensors in TF.js's heap). Shapes the .wat does not take (odd conv output,
 * Co not a multiple of 8), no reachable heap or no wasm SIMD: the two stock kernels.
 */
function convReluPool(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm }): tf.TensorInfo[] {
  const { backend } = args;
  const xI = args.inputs.x as tf.TensorInfo, fI = args.inputs.filter as tf.TensorInfo, bI = args.inputs.bias as tf.TensorInfo;
  const [B, H, W] = xI.shape;
  const [kh, kw, , Co] = fI.shape;
  const heap = wasmHeapOf(backend);
  if (heap && bI.shape.length === 1 && bI.shape[0] === Co && convReluPoolSupports(xI.shape, fI.shape)) {
    const Ho = H - kh + 1, Wo = W - kw + 1;
    const cI = backend.makeOutput([B, Ho, Wo, Co], 'float32');
    const pI = backend.makeOutput([B, Ho / 2, Wo / 2, Co], 'float32');
    // views after every allocation (an allocation may grow, and so detach, the wasm memory)
    const view = (t: tf.TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
    if (convReluPoolSimd(heap.memory, { x: view(xI), w: view(fI), bias: view(bI), c: view(cI), p: view(pI), xShape: xI.shape, kh, kw, co: Co })) return [cI, pI];
    backend.disposeData(cI.dataId);
    backend.disposeData(pI.dataId);
  }
  const conv = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1, dimRoundingMode: undefined, activation: 'relu', leakyreluAlpha: 0 };
  const cI = runWasmKernel('FusedConv2D', backend, { x: xI, filter: fI, bias: bI }, conv as unknown as tf.NamedAttrMap);
  const pI = runWasmKernel('MaxPool', backend, { x: cI }, { filterSize: 2, strides: 2, pad: 'valid', dimRoundingMode: undefined } as unknown as tf.NamedAttrMap);
  return [cI, pI];
}

/** Name of our fused backward kernel (registered for wasm only; trainStepForward uses it when present). */
export const CONV_RELU_POOL_GRAD = 'MlpConvReluPoolGrad';

/**
 * The backend's heap as our kernel can use it, or null. The Emscripten module behind BackendWasm keeps
 * its memory in `asm.memory` and exports `_malloc` / `_free` (TF.js itself allocates tensors with
 * them); none of it is TF.js's public API, so each part is checked, and without it the kernel copies.
 */
export function wasmHeapOf(backend: BackendWasm): WasmHeap | null {
  // the Emscripten module's fields are not in TF.js's typings
  const m = backend.wasm as unknown as { asm?: { memory?: unknown }; HEAPU8?: Uint8Array; _malloc?: unknown; _free?: unknown };
  const memory = m.asm?.memory;
  const malloc = m._malloc, free = m._free;
  if (!(memory instanceof WebAssembly.Memory) || typeof malloc !== 'function' || typeof free !== 'function') return null;
  if (m.HEAPU8?.buffer !== memory.buffer) return null;
  return {
    memory,
    malloc: (bytes) => (malloc as (n: number) => number)(bytes) >>> 0,
    free: (ptr) => { (free as (p: number) => void)(ptr); },
  };
}

export interface ConvReluPoolGradAttrs {
  filterShape: [number, number, number, number];
  /** also return dL/dx (needs input `filter`), for a conv whose input is not data */
  withDx: boolean;
}

/**
 * The whole backward of conv(valid, stride 1) + bias + relu + maxpool 2×2/2, in one pass over the
 * pooled outputs: each pooled gradient goes to its window's argmax only (3 of 4 conv outputs get no
 * gradient), where it adds g·patch to dW, g to db and, with withDx, g·W to the patch's dx. That is ≥4×
 * fewer multiply-adds than im2col + GEMM, with no patch matrix and no separate MaxPoolGrad, relu mask,
 * bias Sum or Conv2DBackpropInput. Inputs: x (conv input), conv (relu output), pooled, dy
 * (dL/dpooled), filter (withDx only). Outputs: dW, db[, dx]. Runs in our WebAssembly SIMD module
 * (convPoolGrad.wat, loaded by simd.ts); the plain-JS fallback is for engines without wasm SIMD.
 */
function convReluPoolGrad(args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): tf.TensorInfo[] {
  const { backend } = args;
  const { filterShape, withDx } = args.attrs as unknown as ConvReluPoolGradAttrs;
  const xI = args.inputs.x as tf.TensorInfo, cI = args.inputs.conv as tf.TensorInfo;
  const pI = args.inputs.pooled as tf.TensorInfo, dpI = args.inputs.dy as tf.TensorInfo;
  const fI = args.inputs.filter as tf.TensorInfo | undefined;
  const [, H, W] = xI.shape;
  const [, Ho, Wo] = cI.shape;
  const [, Hp, Wp] = pI.shape;
  const [kh, kw] = filterShape;
  if (Ho !== H - kh + 1 || Wo !== W - kw + 1 || Hp !== Ho >> 1 || Wp !== Wo >> 1) {
    throw new Error(`${CONV_RELU_POOL_GRAD}: expects a valid stride-1 conv and a 2×2/2 valid pool`);
  }
  if (withDx && !fI) throw new Error(`${CONV_RELU_POOL_GRAD}: withDx needs the filter`);
  const dwI = backend.makeOutput(filterShape, 'float32');
  const dbI = backend.makeOutput([filterShape[3]], 'float32');
  if (simdAvailable()) {
    const dxI = withDx ? backend.makeOutput(xI.shape, 'float32') : null;
    const tfHeap = wasmHeapOf(backend);
    if (tfHeap) reserveHeapScratch(tfHeap, xI.shape, cI.shape, kh, kw, withDx);
    // views after every allocation (an allocation may grow, and so detach, the wasm memory)
    const heap = (t: tf.TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
    convPoolGradSimd({
      x: heap(xI), c: heap(cI), p: heap(pI), dp: heap(dpI), w: withDx && fI ? heap(fI) : null,
      xShape: xI.shape, cShape: cI.shape, pShape: pI.shape, kh, kw,
    }, heap(dwI), heap(dbI), dxI ? heap(dxI) : null, tfHeap ?? undefined);
    return dxI ? [dwI, dbI, dxI] : [dwI, dbI];
  }
  const dzI = withDx ? backend.makeOutput(cI.shape, 'float32') : null;
  convReluPoolGradJs(backend, xI, cI, pI, dpI, dwI, dbI, dzI, filterShape);
  if (!dzI || !fI) return [dwI, dbI];
  const dxI = runWasmKernel('Conv2DBackpropInput', backend, { dy: dzI, filter: fI },
    { strides: 1, pad: 'valid', dataFormat: 'NHWC', inputShape: xI.shape } as unknown as tf.NamedAttrMap);
  backend.disposeData(dzI.dataId);
  return [dwI, dbI, dxI];
}

/** Plain-JS version of the loop in convPoolGrad.wat; also writes dz (dL/dconv) for a separate input gradient. */
function convReluPoolGradJs(backend: BackendWasm, xI: tf.TensorInfo, cI: tf.TensorInfo, pI: tf.TensorInfo, dpI: tf.TensorInfo,
  dwI: tf.TensorInfo, dbI: tf.TensorInfo, dzI: tf.TensorInfo | null, filterShape: Shape4): void {
  const [B, H, W, Ci] = xI.shape;
  const [, Ho, Wo, Co] = cI.shape;
  const [, Hp, Wp] = pI.shape;
  const [kh, kw] = filterShape;
  const x = backend.typedArrayFromHeap(xI) as Float32Array;
  const c = backend.typedArrayFromHeap(cI) as Float32Array;
  const p = backend.typedArrayFromHeap(pI) as Float32Array;
  const dp = backend.typedArrayFromHeap(dpI) as Float32Array;
  const dz = dzI ? backend.typedArrayFromHeap(dzI) as Float32Array : null;
  if (dz) dz.fill(0);
  const K = kh * kw * Ci, run = kw * Ci;
  // float64 accumulators: sums of ~10⁵ terms, and the per-channel layout keeps one row hot in cache
  const acc = new Float64Array(Co * K);
  const db = new Float64Array(Co);
  const rowC = Wo * Co, rowX = W * Ci;
  for (let b = 0; b < B; b++) {
    for (let py = 0; py < Hp; py++) {
      for (let px = 0; px < Wp; px++) {
        const c00 = ((b * Ho + 2 * py) * Wo + 2 * px) * Co;
        const pi = ((b * Hp + py) * Wp + px) * Co;
        for (let o = 0; o < Co; o++) {
          const g = dp[pi + o];
          // relu: the window's max is the pooled value; no gradient unless it is > 0
          if (g === 0 || !(p[pi + o] > 0)) continue;
          // first maximum in scan order wins ties, as in TF's MaxPoolGrad; k = window position 0..3
          let best = c[c00 + o], k = 0, v = c[c00 + Co + o];
          if (v > best) { best = v; k = 1; }
          v = c[c00 + rowC + o];
          if (v > best) { best = v; k = 2; }
          if (c[c00 + rowC + Co + o] > best) k = 3;
          if (dz) dz[c00 + (k >> 1) * rowC + (k & 1) * Co + o] = g;
          db[o] += g;
          let src = ((b * H + 2 * py + (k >> 1)) * W + 2 * px + (k & 1)) * Ci;
          let t = o * K;
          for (let ki = 0; ki < kh; ki++, src += rowX) {
            for (let r = 0; r < run; r++) acc[t++] += g * x[src + r];
          }
        }
      }
    }
  }
  const dw = backend.typedArrayFromHeap(dwI) as Float32Array;
  for (let o = 0; o < Co; o++) for (let t = 0; t < K; t++) dw[t * Co + o] = acc[o * K + t];
  (backend.typedArrayFromHeap(dbI) as Float32Array).set(db);
}

/** rank-3 view [batch, rows, cols] of a matMul operand, physically transposed to [batch, cols, rows] */
function transposed3d(t: tf.TensorInfo, backend: BackendWasm): tf.TensorInfo {
  const r = t.shape.length;
  const batch = t.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const out = runWasmKernel('Transpose', backend, { x: viewAs(t, [batch, t.shape[r - 2], t.shape[r - 1]]) }, { perm: [0, 2, 1] });
  return viewAs(out, [...t.shape.slice(0, -2), t.shape[r - 1], t.shape[r - 2]]);
}

/**
 * BatchMatMul with transposeA/transposeB: the stock kernel sends those to a scalar loop (4.5 ms for a
 * 128×256×120 product that takes 0.4 ms untransposed). Transposing the operand first (a copy of
 * one operand, memory-bound) and then taking XNNPACK's path is ~5–10× faster for our dense layers.
 */
function batchMatMul(stock: tf.KernelFunc) {
  return (args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): tf.TensorInfo => {
    const { backend } = args;
    const attrs = args.attrs as unknown as tf.BatchMatMulAttrs;
    if (!attrs.transposeA && !attrs.transposeB) return stock(args) as tf.TensorInfo;
    const a = args.inputs.a as tf.TensorInfo, b = args.inputs.b as tf.TensorInfo;
    const at = attrs.transposeA ? transposed3d(a, backend) : a;
    const bt = attrs.transposeB ? transposed3d(b, backend) : b;
    const out = stock({ inputs: { a: at, b: bt }, backend, attrs: { transposeA: false, transposeB: false } }) as tf.TensorInfo;
    if (at !== a) backend.disposeData(at.dataId);
    if (bt !== b) backend.disposeData(bt.dataId);
    return out;
  };
}

type WasmKernel = (args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }) => tf.TensorInfo;

/** set on globalThis, so that a second copy of this module (HMR, two bundles) does not wrap the wrappers */
const REGISTERED = Symbol.for('metric-learning-playground.wasmTrainingKernels');

/** the stock configs we replaced, and ours, so that benchmarks can compare both in one process */
const stockConfigs = new Map<string, tf.KernelConfig>();
const ourConfigs = new Map<string, tf.KernelConfig>();

/**
 * Identity without a copy: the output shares the input's memory, as the stock Reshape already does on
 * this backend (tensors are immutable; no kernel writes into an input). The stock kernel copies, and
 * TF.js runs Identity on every tensor a custom gradient saves for its backward pass: the first conv's
 * 4.7 MB output on every step of every run, ~0.9 ms of a run's ~30 ms step with the smaller ones.
 */
function identity(stock: tf.KernelFunc) {
  return (args: { inputs: tf.NamedTensorInfoMap; backend: BackendWasm; attrs: tf.NamedAttrMap }): tf.TensorInfo => {
    const x = args.inputs.x as tf.TensorInfo;
    // strings live outside the heap; the stock kernel handles them
    if (x.dtype === 'string') return stock(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
    args.backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}

/** Replaces a stock wasm kernel by one built on it; the stock setup (its cwrap of the C++ entry point) still runs. */
function override(name: string, make: (stock: tf.KernelFunc) => WasmKernel): void {
  const stock = tf.getKernel(name, 'wasm');
  if (!stock) throw new Error(`TF.js's wasm backend has no ${name} kernel to build on`);
  tf.unregisterKernel(name, 'wasm');
  // KernelFunc's parameter type is the backend-agnostic KernelBackend; ours needs BackendWasm
  const ours: tf.KernelConfig = { ...stock, kernelFunc: make(stock.kernelFunc) as unknown as tf.KernelFunc };
  tf.registerKernel(ours);
  stockConfigs.set(name, stock);
  ourConfigs.set(name, ours);
}

export function registerKernels(): void {
  const g = globalThis as { [REGISTERED]?: boolean };
  if (g[REGISTERED]) return;
  g[REGISTERED] = true;
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2DBackpropFilter as unknown as tf.KernelFunc });
  }
  const fused: tf.KernelConfig = { kernelName: CONV_RELU_POOL_GRAD, backendName: 'wasm', kernelFunc: convReluPoolGrad as unknown as tf.KernelFunc };
  tf.registerKernel(fused);
  ourConfigs.set(CONV_RELU_POOL_GRAD, fused);
  const forward: tf.KernelConfig = { kernelName: CONV_RELU_POOL, backendName: 'wasm', kernelFunc: convReluPool as unknown as tf.KernelFunc };
  tf.registerKernel(forward);
  ourConfigs.set(CONV_RELU_POOL, forward);
  override('Conv2DBackpropInput', conv2DBackpropInput);
  override('MaxPoolGrad', () => maxPoolGrad);
  override('BatchMatMul', batchMatMul);
  override('Identity', identity);
}

/**
 * For benchmarks: true puts back TF.js's stock wasm kernels, keeping only the one it lacks
 * (Conv2DBackpropFilter), i.e. "TF.js as shipped, made able to train"; false restores ours.
 */
export function useStockWasmKernels(stock: boolean): void {
  for (const [name, ours] of ourConfigs) {
    if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
    const cfg = stock ? stockConfigs.get(name) : ours;
    if (cfg) tf.registerKernel(cfg);
  }
}
