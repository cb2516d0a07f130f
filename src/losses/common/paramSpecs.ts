/** Parameter specs that several losses share, written once (page-safe: no TensorFlow). */
import type { ParamSpec } from '../types';

/** The weight λ of a loss's second term, on a log slider from `min`. */
export const lambda = (def: number, min: number, max: number, help: string): ParamSpec =>
  ({ key: 'lambda', label: 'λ', default: def, min, max, step: min, scale: 'log', help });
