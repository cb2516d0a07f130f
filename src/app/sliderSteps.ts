/**
 * Keyboard steps for the parameter sliders. A log-scaled range input cannot rely on the browser's own
 * key handling: one native step (0.01 decade) is undone by the two-significant-digit rounding that
 * makes dragged values land on round numbers. So keys move along a ladder of round values instead.
 */

export interface SliderScale {
  min: number;
  max: number;
  /** grid of a linear slider; ignored on a log scale */
  step: number;
  log: boolean;
}

export type SliderKey = 'ArrowRight' | 'ArrowUp' | 'ArrowLeft' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';

const KEYS: ReadonlySet<string> = new Set<SliderKey>(['ArrowRight', 'ArrowUp', 'ArrowLeft', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

export function isSliderKey(key: string): key is SliderKey {
  return KEYS.has(key);
}

/**
 * Mantissas of the log ladder: about 13 per decade (a ~19 % step), and every value the papers use for
 * these parameters lies on it (learning rates 1e-4, 3e-4, 5e-4, 1e-3; λ 0.001, 0.003, 0.01, 0.1;
 * α 0.25, 4, 16, 32, 64; radius 10, 100).
 */
const MANTISSAS = [1, 1.2, 1.5, 1.6, 2, 2.5, 3, 3.2, 4, 5, 6, 6.4, 8];

/** Every ladder value in [min, max], ascending, min and max included. */
export function logLadder(min: number, max: number): number[] {
  const out = new Set<number>([min, max]);
  for (let d = Math.floor(Math.log10(min)) - 1; d <= Math.ceil(Math.log10(max)); d++) {
    for (const m of MANTISSAS) {
      // toPrecision(2) removes binary fuzz (1.2 * 1e-3 = 0.0012000000000000001); mantissas have ≤ 2 digits
      const v = Number((m * 10 ** d).toPrecision(2));
      if (v >= min && v <= max) out.add(v);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** Rounds away the float error of k × step (0.05 × 3 = 0.15000000000000002). */
const clean = (v: number) => Number(v.toPrecision(12));

/** The value a key press moves `value` to; always a different value unless already at the end. */
export function keyStep(scale: SliderScale, value: number, key: SliderKey): number {
  const { min, max } = scale;
  if (key === 'Home') return min;
  if (key === 'End') return max;
  const up = key === 'ArrowRight' || key === 'ArrowUp' || key === 'PageUp';
  const page = key === 'PageUp' || key === 'PageDown';
  const v = Math.min(max, Math.max(min, value));
  if (scale.log) {
    const ladder = logLadder(min, max);
    // a page is one decade, then onto the ladder (so a typed 0.0007 pages to 0.006 / 0.00008, not 0.007)
    const target = page ? (up ? v * 10 : v / 10) : v;
    const tol = 1e-9 * v;
    if (up) {
      const next = page ? ladder.filter((x) => x <= target + tol).at(-1) : ladder.find((x) => x > v + tol);
      return next !== undefined && next > v + tol ? next : ladder.find((x) => x > v + tol) ?? max;
    }
    const prev = page ? ladder.find((x) => x >= target - tol) : ladder.filter((x) => x < v - tol).at(-1);
    return prev !== undefined && prev < v - tol ? prev : ladder.filter((x) => x < v - tol).at(-1) ?? min;
  }
  // linear: onto the grid of multiples of `step` (not min + k·step, which misses round values when min
  // is not a multiple of step), a page being a tenth of the range as in the browser
  const { step } = scale;
  const delta = page ? Math.max(step, Math.round((max - min) / 10 / step) * step) : step;
  const k = v / step;
  const onGrid = Math.abs(k - Math.round(k)) < 1e-9;
  const base = onGrid ? Math.round(k) * step : (up ? Math.floor(k) : Math.ceil(k)) * step;
  const next = clean(up ? base + delta : base - delta);
  return Math.min(max, Math.max(min, next));
}

/** A dragged (or filled) linear slider value onto the grid of multiples of `step`, within [min, max]. */
export function snapLinear(scale: SliderScale, s: number): number {
  if (!(scale.step > 0)) return s;
  const v = clean(Math.round(s / scale.step) * scale.step);
  return Math.min(scale.max, Math.max(scale.min, v));
}
