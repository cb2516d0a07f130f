/**
 * Node only (unit tests and scripts): TensorFlow.js as the workers have it — every op's gradient — plus
 * the CPU backend. The workers register the gradients from tfjs-core's ES modules
 * (`@tensorflow/tfjs-core/dist/register_all_gradients`), which Node's loader cannot run (they use
 * directory and extension-less imports); the CommonJS bundle of the `@tensorflow/tfjs` package
 * registers the same gradients and the CPU backend. The layer rules (.dependency-cruiser.cjs) keep this
 * module, and with it that package, out of the browser bundles.
 */
import '@tensorflow/tfjs';
