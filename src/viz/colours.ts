/** Point colouring for the embedding plot: which colour each point gets, and in which order to draw. */
import { interpolateSinebow, interpolateYlOrRd, quantize, schemeCategory10 } from 'd3';
import { shuffledOrder } from './positions';

export type ColourBy = 'class' | 'correct' | 'gradient';

export interface LegendItem { label: string; colour: string }

export type LegendSpec =
  | { kind: 'swatches'; items: LegendItem[] }
  /** `items`: swatches under the ramp for points it does not colour (held-out classes) */
  | { kind: 'ramp'; label: string; domain: [number, number]; colours: string[]; items?: LegendItem[] };

export interface ColourAssignment {
  /** the mode actually used: 'correct' without predictions or 'gradient' without norms fall back */
  mode: ColourBy;
  palette: string[];
  /** palette index per point */
  bucket: Uint16Array;
  /** draw order (indices); later points are drawn on top */
  order: Uint32Array;
  legend: LegendSpec;
}

/** Colours that read well on white and never collide with the class colours' meaning. */
export const CORRECT_COLOUR = '#9aa7b4';
export const WRONG_COLOUR = '#d62728';
/**
 * Points of held-out (unknown) classes, in every colouring: the loss never trained on them, so they
 * have no class colour of their own, can be neither right nor wrong, and their gradient means nothing.
 * Lighter than category10's grey (class 7) and than CORRECT_COLOUR.
 */
export const UNKNOWN_COLOUR = '#c4c4c4';
export const UNKNOWN_LABEL = 'unknown';
const UNKNOWN_ITEM: LegendItem = { label: UNKNOWN_LABEL, colour: UNKNOWN_COLOUR };
const GRADIENT_BUCKETS = 24;

/** One colour per class: category10 for up to ten, evenly spaced hues beyond. */
export function classColours(n: number): string[] {
  if (n <= schemeCategory10.length) return schemeCategory10.slice(0, Math.max(n, 1));
  // sinebow's ends meet, so sample n of n+1 to keep the first and last class apart
  return quantize(interpolateSinebow, n + 1).slice(0, n);
}

/** A heat ramp starting at a pale orange (not white: the lowest values must stay visible on white). */
export function gradientColours(buckets = GRADIENT_BUCKETS): string[] {
  return Array.from({ length: buckets }, (_, i) => interpolateYlOrRd(0.25 + (0.75 * i) / Math.max(1, buckets - 1)));
}

/** q-quantile of the finite values (used as the top of the gradient scale so outliers don't wash it out). */
export function finiteQuantile(values: Float32Array, q: number): number {
  const v = values.filter((x) => Number.isFinite(x)).sort();
  if (v.length === 0) return 0;
  return v[Math.min(v.length - 1, Math.round(q * (v.length - 1)))];
}

export function assignColours(args: {
  mode: ColourBy;
  classNames: string[];
  labels: Uint8Array;
  predictions?: Uint8Array | null;
  gradNorms?: Float32Array | null;
  /** number of points (labels may be longer if the caller reuses a buffer) */
  n: number;
  /** 1 where a point belongs to a held-out (unknown) class: drawn in UNKNOWN_COLOUR whatever the mode */
  unknown?: Uint8Array | null;
}): ColourAssignment {
  const { n, labels } = args;
  const bucket = new Uint16Array(n);
  const classes = Math.max(args.classNames.length, 1);
  const palette0 = classColours(classes);
  const unknown = args.unknown && args.unknown.length >= n && args.unknown.subarray(0, n).includes(1) ? args.unknown : null;
  const isUnknown = (i: number): boolean => unknown !== null && unknown[i] === 1;
  let mode = args.mode;
  if (mode === 'correct' && !(args.predictions && args.predictions.length >= n)) mode = 'class';
  if (mode === 'gradient' && !(args.gradNorms && args.gradNorms.length >= n)) mode = 'class';

  if (mode === 'correct') {
    const pred = args.predictions as Uint8Array;
    for (let i = 0; i < n; i++) bucket[i] = isUnknown(i) ? 2 : pred[i] === labels[i] ? 0 : 1;
    // unknowns underneath, errors last, i.e. on top: they are what this mode is for
    const shuffled = shuffledOrder(n);
    const order = new Uint32Array(n);
    let k = 0;
    for (const b of [2, 0, 1]) for (let i = 0; i < n; i++) if (bucket[shuffled[i]] === b) order[k++] = shuffled[i];
    return {
      mode,
      palette: unknown ? [CORRECT_COLOUR, WRONG_COLOUR, UNKNOWN_COLOUR] : [CORRECT_COLOUR, WRONG_COLOUR],
      bucket,
      order,
      legend: {
        kind: 'swatches',
        items: [
          { label: 'correct', colour: CORRECT_COLOUR },
          { label: 'wrong', colour: WRONG_COLOUR },
          ...(unknown ? [UNKNOWN_ITEM] : []),
        ],
      },
    };
  }

  if (mode === 'gradient') {
    const g = args.gradNorms as Float32Array;
    // the scale is the known points' (an unknown class's gradient is against a class never trained)
    const top = finiteQuantile(unknown ? g.subarray(0, n).filter((_, i) => !isUnknown(i)) : g.subarray(0, n), 0.99) || 1;
    const ramp = gradientColours();
    const last = ramp.length - 1;
    const palette = unknown ? [...ramp, UNKNOWN_COLOUR] : ramp;
    const rank = (i: number): number => (isUnknown(i) ? -1 : g[i] || 0);
    for (let i = 0; i < n; i++) {
      const v = g[i];
      // square root: gradient norms are heavy-tailed, a linear ramp would paint almost all points pale
      const t = Number.isFinite(v) ? Math.sqrt(Math.min(Math.max(v, 0), top) / top) : 0;
      bucket[i] = isUnknown(i) ? last + 1 : Math.round(t * last);
    }
    // largest gradients on top: those are the samples the loss is working on (unknowns underneath)
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => rank(a) - rank(b));
    const legend: LegendSpec = { kind: 'ramp', label: '‖∂L/∂f‖', domain: [0, top], colours: ramp, ...(unknown ? { items: [UNKNOWN_ITEM] } : {}) };
    return { mode, palette, bucket, order, legend };
  }

  // held-out classes leave the legend: their points are all "unknown"
  const heldOut = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (isUnknown(i)) heldOut.add(labels[i]);
    bucket[i] = isUnknown(i) ? classes : Math.min(labels[i], classes - 1);
  }
  const items = args.classNames.map((label, i) => ({ label, colour: palette0[i] })).filter((_, i) => !heldOut.has(i));
  return {
    mode: 'class',
    palette: unknown ? [...palette0, UNKNOWN_COLOUR] : palette0,
    bucket,
    order: shuffledOrder(n),
    legend: { kind: 'swatches', items: unknown ? [...items, UNKNOWN_ITEM] : items },
  };
}
