import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { curvePath } from './lineChartMarks';
import { shownSeries, stepDomain, valueScale } from './lineChartScales';
import { SeriesData } from './lineSeries';

function series(points: [number, number][]): SeriesData {
  const d = new SeriesData(2);
  for (const [x, y] of points) d.push(x, y);
  return d;
}

describe('line chart scales', () => {
  it('spans the steps of all series, from 0 when the curves start close to it, at least one step wide', () => {
    expect(stepDomain([series([[20, 1], [900, 2]]), series([[40, 1], [1000, 1]])])).toEqual([0, 1000]);
    expect(stepDomain([series([[500, 1], [1000, 1]])])).toEqual([500, 1000]);
    expect(stepDomain([series([[7, 1]])])).toEqual([7, 8]);
    expect(stepDomain([new SeriesData()])).toEqual([0, 1]);
  });

  it('values: a fixed domain as given; else the finite values (positive on a log axis) with a margin', () => {
    const shown = shownSeries([series([[0, 0.5], [1, NaN], [2, 2], [3, -1]])], 100, 0);
    expect(valueScale(shown, false, [0, 1], 10, 100).domain()).toEqual([0, 1]);
    expect(valueScale(shown, false, [0, 1], 10, 100).range()).toEqual([110, 10]);
    const [lo, hi] = valueScale(shown, true, null, 0, 100).domain();
    expect(lo).toBeCloseTo(0.5 / 1.15, 9);
    expect(hi).toBeCloseTo(2 * 1.15, 9);
    // linear: d3's nice() rounds out around -1 … 2
    expect(valueScale(shown, false, null, 0, 100).domain()).toEqual([-1, 2]);
    // smoothing adds the EMA curve beside the raw one
    expect(shownSeries([series([[0, 1], [1, 3]])], 100, 0.5)[0].smooth?.ys[1]).toBeCloseTo(2.33333, 4);
  });

  it('curves lift the pen over NaN, and over non-positive values on a log axis', () => {
    const x = scaleLinear().domain([0, 10]).range([0, 100]);
    const y = scaleLinear().domain([0, 10]).range([100, 0]);
    const xs = Float64Array.from([0, 1, 2, 3, 4]);
    const ys = Float64Array.from([1, 2, NaN, 0, 5]);
    expect(curvePath(xs, ys, x, y, false)).toBe('M0.0,90.0L10.0,80.0M30.0,100.0L40.0,50.0');
    expect(curvePath(xs, ys, x, y, true)).toBe('M0.0,90.0L10.0,80.0M40.0,50.0');
  });
});
