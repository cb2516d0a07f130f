/** What the line chart draws inside its frame: the axes with grid lines, the curves, and the parameter-change markers. */
import { axisBottom, axisLeft, format, select, type ScaleContinuousNumeric, type ScaleLinear, type Selection } from 'd3';
import type { ChartLayout } from './lineChartLayout';
import type { ShownSeries } from './lineChartScales';
import { labelledMarkers } from './lineSeries';
import { GUIDE_COLOUR, MUTED_TEXT, styleAxis } from './plotStyle';

type G = Selection<SVGGElement, unknown, null, undefined>;
type X = ScaleLinear<number, number>;
type Y = ScaleContinuousNumeric<number, number>;

export interface ChartMarker {
  step: number;
  text: string;
}

/** The step axis, the value axis and grid lines at its labelled ticks. */
export function drawChartAxes(axisX: G, axisY: G, L: ChartLayout, x: X, y: Y, logY: boolean): void {
  // 2,500 but 15k: steps run into the tens of thousands, where full numbers would crowd the axis
  const stepFormat = format(x.domain()[1] >= 10_000 ? '~s' : ',');
  const ticksX = Math.max(2, Math.floor(L.plotW / 90));
  const ticksY = Math.max(2, Math.floor(L.plotH / 40));
  axisX.attr('transform', `translate(0,${L.top + L.plotH})`).call(axisBottom(x).ticks(ticksX).tickFormat((v) => stepFormat(v.valueOf())).tickSizeOuter(0).tickSize(4));
  const yAxis = axisLeft(y).tickSizeOuter(0).tickSize(4);
  // '~g' on a log axis labels only round values (1, 0.1, …) instead of every minor tick
  if (logY) yAxis.ticks(ticksY, '~g');
  else yAxis.ticks(ticksY);
  axisY.attr('transform', `translate(${L.left},0)`).call(yAxis);
  styleAxis(axisX);
  styleAxis(axisY);
  // grid lines only at labelled ticks: a log axis has eight unlabelled minor ticks per decade
  axisY.selectAll<SVGGElement, unknown>('.tick').each(function () {
    const t = select(this);
    if (t.select('line.grid').empty()) t.append('line').attr('class', 'grid');
    const labelled = (t.select('text').text() ?? '') !== '';
    t.select('line.grid')
      .attr('x1', 0)
      .attr('x2', L.plotW)
      .attr('stroke', GUIDE_COLOUR)
      .attr('stroke-opacity', 0.6)
      .style('display', labelled ? 'inline' : 'none');
  });
}

/**
 * A curve as an SVG path string: cheaper than d3.line for thousands of points redrawn at 10 Hz, and it
 * lifts the pen over NaN (diverged) and, on a log axis, non-positive values.
 */
export function curvePath(xs: Float64Array, ys: Float64Array, x: X, y: Y, logY: boolean): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i];
    if (!(Number.isFinite(v) && (!logY || v > 0))) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(xs[i]).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** One group per series: the raw curve (faint under a smoothed one) and the smoothed curve. */
export function drawCurves(lines: G, names: string[], shown: ShownSeries[], x: X, y: Y, logY: boolean, colour: (i: number) => string): void {
  const curves = names.map((name, i) => ({ name, i, ...shown[i] }));
  const groups = lines
    .selectAll<SVGGElement, (typeof curves)[number]>('g.series')
    .data(curves, (d) => d.name)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'series');
      e.append('path').attr('class', 'raw').attr('fill', 'none').attr('stroke-linejoin', 'round');
      e.append('path').attr('class', 'smooth').attr('fill', 'none').attr('stroke-linejoin', 'round');
      return e;
    });
  groups
    .select('path.raw')
    .attr('stroke', (d) => colour(d.i))
    .attr('stroke-width', (d) => (d.smooth ? 1 : 1.5))
    .attr('stroke-opacity', (d) => (d.smooth ? 0.25 : 0.95))
    .attr('d', (d) => curvePath(d.raw.xs, d.raw.ys, x, y, logY));
  groups
    .select('path.smooth')
    .attr('stroke', (d) => colour(d.i))
    .attr('stroke-width', 1.75)
    .attr('d', (d) => (d.smooth ? curvePath(d.smooth.xs, d.smooth.ys, x, y, logY) : null));
}

/** Dashed vertical lines at the parameter changes within the step domain, labelled where there is room. */
export function drawMarkers(layer: G, markers: ChartMarker[], L: ChartLayout, x: X): void {
  const [x0, x1] = x.domain();
  const visible = markers.filter((m) => m.step >= x0 && m.step <= x1);
  const px = visible.map((m) => x(m.step));
  const labelled = labelledMarkers(px, 13);
  const marks = layer
    .selectAll<SVGGElement, ChartMarker>('g.marker')
    .data(visible)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'marker');
      e.append('line').attr('stroke', '#888').attr('stroke-dasharray', '3 3').attr('stroke-width', 1);
      e.append('text')
        .attr('font-size', 9)
        .attr('fill', MUTED_TEXT)
        .attr('text-anchor', 'end')
        .attr('stroke', '#fff')
        .attr('stroke-width', 3)
        .attr('paint-order', 'stroke');
      e.append('title');
      return e;
    });
  const maxChars = Math.max(6, Math.floor(L.plotH / 5.5));
  marks.attr('transform', (_, i) => `translate(${px[i]},0)`);
  marks.select('line').attr('y1', L.top).attr('y2', L.top + L.plotH);
  marks
    .select('text')
    .attr('transform', `translate(-3,${L.top + 3}) rotate(-90)`)
    .style('display', (_, i) => (labelled[i] > 0 ? 'inline' : 'none'))
    .text((d, i) => {
      const more = labelled[i] > 1 ? ` (+${labelled[i] - 1})` : '';
      const room = maxChars - more.length;
      return (d.text.length > room ? `${d.text.slice(0, Math.max(1, room - 1))}…` : d.text) + more;
    });
  marks.select('title').text((d) => `step ${d.step}: ${d.text}`);
}
