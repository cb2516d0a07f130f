import { registerKernels } from './kernels';
import { registerSegmentSum } from './segmentSum';

/**
 * Registers the kernels that TF.js 4.22's wasm backend lacks for training our CNN (the backend ships
 * forward convolutions only). Idempotent; safe before or after the wasm backend is initialised.
 */
export function registerWasmTrainingKernels(): void {
  registerKernels();
  registerSegmentSum();
}
