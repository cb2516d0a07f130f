import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * UnsortedSegmentSum for the wasm backend, which lacks it. TF.js uses it for the gradient of
 * tf.gather (any loss that picks rows by label) and the center update sums features per class, so
 * without it those losses cannot train on wasm. Plain JS over the wasm heap: the sizes involved
 * (batch × embedding) are tiny.
 */
export function unsortedSegmentSumWasm(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x: xI, segmentIds: idI } = args.inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const numSegments = Number(args.attrs.numSegments);
  const rows = idI.shape.reduce((a, b) => a * b, 1);
  const inner = xI.shape.slice(idI.shape.length).reduce((a, b) => a * b, 1);
  const outI = backend.makeOutput([numSegments, ...xI.shape.slice(idI.shape.length)], xI.dtype);
  // views after the allocation: growing the heap detaches earlier views
  const x = backend.typedArrayFromHeap(xI) as Float32Array | Int32Array;
  const ids = backend.typedArrayFromHeap(idI) as Int32Array;
  const out = backend.typedArrayFromHeap(outI) as Float32Array | Int32Array;
  out.fill(0);
  for (let r = 0; r < rows; r++) {
    const s = ids[r];
    if (s < 0 || s >= numSegments) continue; // TF drops out-of-range ids
    const src = r * inner, dst = s * inner;
    for (let j = 0; j < inner; j++) out[dst + j] += x[src + j];
  }
  return outI;
}

export function registerSegmentSum(): void {
  if (tf.getKernel('UnsortedSegmentSum', 'wasm')) return;
  tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSumWasm as unknown as tf.KernelFunc });
}
