/**
 * The 2-D plot's SVG chrome: its layers (axes, titles, clip, guides, unit circle, overlay, hover ring,
 * legend, step label), the layout that the legend and titles leave for the plot area, and the axes
 * and guides drawn through the current scales.
 */
import { axisBottom, axisLeft, type ScaleLinear, type Selection } from 'd3';
import type { LegendSpec } from './colours';
import { drawLegend, legendWidth, type LegendExtras } from './embeddingLegend';
import { FONT_FAMILY, GUIDE_COLOUR, MUTED_TEXT, TEXT_COLOUR, nextId, styleAxis } from './plotStyle';
import type { PlotBox } from './plotTypes';

type G = Selection<SVGGElement, unknown, null, undefined>;

export interface PlotLayers {
  axisX: G;
  axisY: G;
  labels: G;
  clipRect: Selection<SVGRectElement, unknown, null, undefined>;
  capture: Selection<SVGRectElement, unknown, null, undefined>;
  guides: G;
  circle: Selection<SVGPathElement, unknown, null, undefined>;
  overlay: G;
  hover: Selection<SVGCircleElement, unknown, null, undefined>;
  legend: G;
  status: Selection<SVGTextElement, unknown, null, undefined>;
  mark: Selection<SVGTextElement, unknown, null, undefined>;
}

export type Layout = PlotBox;

export function createPlotLayers(root: Selection<SVGSVGElement, unknown, null, undefined>): PlotLayers {
  const clipId = nextId('embedding-clip');
  const clipRect = root.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const axisX = root.append('g').attr('class', 'axis axis-x');
  const axisY = root.append('g').attr('class', 'axis axis-y');
  const labels = root.append('g').attr('class', 'labels').attr('font-family', FONT_FAMILY);
  // an invisible rect catches wheel/drag/hover anywhere in the plot area, not only on painted marks
  const capture = root.append('rect').attr('class', 'capture').attr('fill', 'none').attr('pointer-events', 'all');
  const plot = root.append('g').attr('class', 'plot').attr('clip-path', `url(#${clipId})`).attr('pointer-events', 'none');
  const guides = plot.append('g').attr('class', 'guides');
  const circle = plot.append('path').attr('class', 'unit-circle').attr('fill', 'none').attr('stroke', '#555').attr('stroke-width', 1).attr('stroke-dasharray', '4 3');
  const overlay = plot.append('g').attr('class', 'overlay');
  const hover = plot.append('circle').attr('class', 'hover').attr('r', 6).attr('fill', 'none').attr('stroke', '#111').attr('stroke-width', 1.5).style('display', 'none');
  const legend = root.append('g').attr('class', 'legend');
  const corner = (cls: string) => root.append('text').attr('class', cls).attr('font-family', FONT_FAMILY).attr('font-size', 10).attr('fill', MUTED_TEXT).attr('text-anchor', 'end')
    // a white halo keeps the corner labels readable over points and markers
    .attr('stroke', '#fff').attr('stroke-width', 3).attr('stroke-opacity', 0.85).attr('paint-order', 'stroke');
  const status = corner('step');
  const mark = corner('mark');
  return { axisX, axisY, labels, clipRect, capture, guides, circle, overlay, hover, legend, status, mark };
}

export interface ChromeSpec {
  width: number;
  height: number;
  title: string;
  axisLabels: [string, string] | null;
  legend: LegendSpec;
  extras: LegendExtras;
}

/**
 * Lays the chrome out for the figure's size and draws what does not move with the data (legend,
 * title, axis titles, the corner labels' places); returns the layout with the plot area left over.
 */
export function layoutChrome(layers: PlotLayers, c: ChromeSpec): Layout {
  const legendW = c.width < 320 ? 0 : legendWidth(c.legend, c.extras);
  const top = c.title ? 30 : 14;
  const left = 42 + (c.axisLabels ? 14 : 0);
  const bottom = 28 + (c.axisLabels ? 14 : 0);
  const right = legendW > 0 ? legendW + 24 : 12;
  const L: Layout = { width: c.width, height: c.height, left, top, plotW: Math.max(10, c.width - left - right), plotH: Math.max(10, c.height - top - bottom) };

  layers.clipRect.attr('x', L.left).attr('y', L.top).attr('width', L.plotW).attr('height', L.plotH);
  layers.capture.attr('x', L.left).attr('y', L.top).attr('width', L.plotW).attr('height', L.plotH);
  layers.legend.attr('transform', `translate(${L.left + L.plotW + 18},${L.top + 6})`).style('display', legendW > 0 ? 'inline' : 'none');
  drawLegend(layers.legend, c.legend, c.extras);

  const labels = layers.labels;
  labels.selectAll('*').remove();
  if (c.title) {
    labels.append('text').attr('x', L.left).attr('y', 16).attr('font-size', 13).attr('font-weight', 600).attr('fill', TEXT_COLOUR).text(c.title);
  }
  if (c.axisLabels) {
    labels.append('text').attr('x', L.left + L.plotW / 2).attr('y', c.height - 6).attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', TEXT_COLOUR).text(c.axisLabels[0]);
    labels.append('text').attr('transform', `translate(12,${L.top + L.plotH / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', TEXT_COLOUR).text(c.axisLabels[1]);
  }
  layers.status.attr('x', L.left + L.plotW - 4).attr('y', L.top + 12);
  layers.mark.attr('x', L.left + L.plotW - 4).attr('y', L.top + 25);
  return L;
}

/** The axes and the zero guides through the current (zoomed) scales. */
export function drawAxes(layers: PlotLayers, L: Layout, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>): void {
  // at least three ticks: a small panel with two would often label only "0"
  const ticksX = Math.max(3, Math.floor(L.plotW / 80));
  const ticksY = Math.max(3, Math.floor(L.plotH / 60));
  layers.axisX.attr('transform', `translate(0,${L.top + L.plotH})`).call(axisBottom(x).ticks(ticksX).tickSizeOuter(0).tickSize(4));
  layers.axisY.attr('transform', `translate(${L.left},0)`).call(axisLeft(y).ticks(ticksY).tickSizeOuter(0).tickSize(4));
  styleAxis(layers.axisX);
  styleAxis(layers.axisY);
  layers.guides.selectAll<SVGLineElement, string>('line').data(['x', 'y']).join('line')
    .attr('stroke', GUIDE_COLOUR)
    .attr('stroke-width', 1)
    .attr('x1', (k) => (k === 'x' ? L.left : x(0)))
    .attr('x2', (k) => (k === 'x' ? L.left + L.plotW : x(0)))
    .attr('y1', (k) => (k === 'x' ? y(0) : L.top))
    .attr('y2', (k) => (k === 'x' ? y(0) : L.top + L.plotH));
}

/** The corner labels of a plot at `step`: the step, and the latest parameter change at or before it ('' if none). */
export function stepLabels(step: number, marks: { step: number; text: string }[] | undefined, part: { shown: number; of: number } | null = null): [string, string] {
  let latest: { step: number; text: string } | null = null;
  for (const m of marks ?? []) if (m.step <= step && (!latest || m.step >= latest.step)) latest = m;
  // a frame while training may show part of the points: said beside its step
  const points = part ? ` · ${part.shown.toLocaleString('en-US')} of ${part.of.toLocaleString('en-US')} points` : '';
  return [`step ${step.toLocaleString('en-US')}${points}`, latest ? `${latest.text} (step ${latest.step.toLocaleString('en-US')})` : ''];
}
