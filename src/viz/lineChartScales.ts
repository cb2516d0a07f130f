/**
 * The line chart's data side: each series decimated to the plot's width (and smoothed), and the x and
 * y scales that hold them.
 */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric, type ScaleLinear } from 'd3';
import { decimateMinMax, smoothEma } from './decimate';
import { finiteExtent, type SeriesData } from './lineSeries';

export interface ShownSeries {
  raw: { xs: Float64Array; ys: Float64Array };
  /** the EMA-smoothed curve drawn over the faint raw one; null without smoothing */
  smooth: { xs: Float64Array; ys: Float64Array } | null;
}

/** Each series min–max decimated to `buckets` columns, with its EMA (weight `smoothing`) when > 0. */
export function shownSeries(series: SeriesData[], buckets: number, smoothing: number): ShownSeries[] {
  return series.map((d) => {
    const smoothed = smoothing > 0 ? smoothEma(d.ys, d.length, smoothing) : null;
    return { raw: decimateMinMax(d.xs, d.ys, d.length, buckets), smooth: smoothed ? decimateMinMax(d.xs, smoothed, d.length, buckets) : null };
  });
}

/** The steps the chart spans: from the first to the last point of any series, from 0 when training started close to it. */
export function stepDomain(series: Iterable<SeriesData>): [number, number] {
  let x0 = Infinity;
  let x1 = -Infinity;
  for (const d of series) {
    if (d.length === 0) continue;
    x0 = Math.min(x0, d.xs[0]);
    x1 = Math.max(x1, d.xs[d.length - 1]);
  }
  if (!(x0 <= x1)) [x0, x1] = [0, 1];
  // curves that begin at step 1 or 20 still read from 0, where training started
  if (x0 > 0 && x0 <= 0.05 * (x1 - x0)) x0 = 0;
  if (x1 - x0 < 1) x1 = x0 + 1;
  return [x0, x1];
}

export function stepScale(domain: [number, number], left: number, plotW: number): ScaleLinear<number, number> {
  return scaleLinear().domain(domain).range([left, left + plotW]);
}

/** The y scale over [top + plotH, top]: `fixed` if given, else the finite values shown (positive ones on a log axis). */
export function valueScale(shown: ShownSeries[], logY: boolean, fixed: [number, number] | null, top: number, plotH: number): ScaleContinuousNumeric<number, number> {
  const extent = fixed ?? finiteExtent(shown.map((s) => ({ values: s.raw.ys, length: s.raw.ys.length })), logY) ?? (logY ? [0.01, 1] : [0, 1]);
  if (logY) {
    const lo = Math.max(extent[0], 1e-12);
    const hi = Math.max(extent[1], lo * 1.5);
    // a small multiplicative margin instead of .nice(): rounding out to whole decades would leave
    // most of the height empty when a loss spans less than one decade
    return fixed ? scaleLog().domain([lo, hi]).range([top + plotH, top]) : scaleLog().domain([lo / 1.15, hi * 1.15]).range([top + plotH, top]);
  }
  const [lo, hi] = extent[0] === extent[1] ? [extent[0] - 0.5, extent[1] + 0.5] : extent;
  const y = scaleLinear().domain([lo, hi]).range([top + plotH, top]);
  if (!fixed) y.nice();
  return y;
}
