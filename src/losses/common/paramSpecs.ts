/** Parameter specs that several losses share, written once (page-safe: no TensorFlow). */
import type { ParamSpec } from '../types';

/** The weight λ of a loss's second term, on a log slider from `min`. */
export const lambda = (def: number, min: number, max: number, help: string): ParamSpec =>
  ({ key: 'lambda', label: 'λ', default: def, min, max, step: min, scale: 'log', help });

/** The ε of f̂ = f / √(‖f‖² + ε) for the losses on normalised features (docs/losses.md §2). */
export const featureEps = (help: string): ParamSpec =>
  ({ key: 'featureEps', label: 'Feature ε', default: 1000, min: 0.0001, max: 10000, step: 0.0001, scale: 'log', help });
