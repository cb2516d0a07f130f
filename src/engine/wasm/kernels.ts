import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

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

let registered = false;

export function registerKernels(): void {
  if (registered) return;
  registered = true;
  const kernels: tf.KernelConfig[] = [
    // KernelFunc's parameter type is the backend-agnostic KernelBackend; ours needs BackendWasm's
    // heap accessors, which is what the engine passes for backendName 'wasm'.
    { kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2DBackpropFilter as unknown as tf.KernelFunc },
  ];
  for (const k of kernels) {
    // another copy of this module (HMR, a second bundle) may have registered it already
    if (tf.getKernel(k.kernelName, 'wasm')) continue;
    tf.registerKernel(k);
  }
}
