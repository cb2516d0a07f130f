/** The embedding plot's legend: class swatches (or correct/wrong, or a gradient ramp) plus overlay keys. */
import { symbol, symbolCross, symbolDiamond, symbolStar, type Selection, type SymbolType } from 'd3';
import type { LegendItem, LegendSpec } from './colours';
import { FONT, FONT_FAMILY, MUTED_TEXT, TEXT_COLOUR, nextId, textWidth } from './plotStyle';

export type OverlayKind = 'weights' | 'centers' | 'vertices';

export const OVERLAY_SYMBOL: Record<OverlayKind, SymbolType> = {
  weights: symbolDiamond,
  centers: symbolCross,
  vertices: symbolStar,
};

const OVERLAY_LABEL: Record<OverlayKind, string> = {
  weights: 'class weight w_c',
  centers: 'class center c_k',
  vertices: 'simplex vertex',
};

const ROW = 16;
const SWATCH = 10;
const GAP = 6;
const RAMP_HEIGHT = 120;

export interface LegendExtras {
  overlay?: OverlayKind | null;
  unitCircle?: boolean;
}

/** Width the legend needs, so the layout can reserve it before drawing. */
export function legendWidth(spec: LegendSpec, extras: LegendExtras): number {
  const labels: string[] = spec.kind === 'swatches' ? spec.items.map((d) => d.label) : [spec.label, '0.000', ...(spec.items ?? []).map((d) => d.label)];
  if (extras.overlay) labels.push(OVERLAY_LABEL[extras.overlay]);
  if (extras.unitCircle) labels.push('unit circle');
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, FONT)));
  return Math.ceil(SWATCH + GAP + widest + 4);
}

/** Draws the legend into `g` (its origin is the legend's top-left corner). */
export function drawLegend(
  g: Selection<SVGGElement, unknown, null, undefined>,
  spec: LegendSpec,
  extras: LegendExtras,
): void {
  g.selectAll('*').remove();
  g.attr('font-family', FONT_FAMILY).attr('font-size', 11).attr('fill', TEXT_COLOUR);
  let y = 0;
  const swatches = (items: readonly LegendItem[]): void => {
    for (const item of items) {
      const row = g.append('g').attr('transform', `translate(0,${y})`);
      row.append('circle').attr('cx', SWATCH / 2).attr('cy', 0).attr('r', SWATCH / 2 - 0.5).attr('fill', item.colour);
      row.append('text').attr('x', SWATCH + GAP).attr('dy', '0.35em').text(item.label);
      y += ROW;
    }
  };
  if (spec.kind === 'swatches') {
    swatches(spec.items);
  } else {
    const id = nextId('ramp');
    const grad = g.append('defs').append('linearGradient').attr('id', id).attr('x1', 0).attr('x2', 0).attr('y1', 1).attr('y2', 0);
    spec.colours.forEach((c, i) =>
      grad.append('stop').attr('offset', `${(100 * i) / Math.max(1, spec.colours.length - 1)}%`).attr('stop-color', c),
    );
    g.append('text').attr('dy', '0.35em').text(spec.label);
    y += ROW + 6;
    g.append('rect')
      .attr('x', 0)
      .attr('y', y)
      .attr('width', SWATCH)
      .attr('height', RAMP_HEIGHT)
      .attr('fill', `url(#${id})`);
    const fmt = (v: number): string => (v >= 100 || v === 0 ? v.toFixed(0) : v.toPrecision(2));
    const [lo, hi] = spec.domain;
    // the scale is a square root: label the middle of the bar with the value it really shows
    const ticks: [number, number][] = [
      [hi, 0],
      [hi / 4, 0.5],
      [lo, 1],
    ];
    for (const [v, f] of ticks) {
      g.append('text')
        .attr('x', SWATCH + GAP)
        .attr('y', y + f * RAMP_HEIGHT)
        .attr('dy', '0.35em')
        .attr('fill', MUTED_TEXT)
        .attr('font-size', 10)
        .text(fmt(v));
    }
    y += RAMP_HEIGHT + 6;
    if (spec.items?.length) {
      y += 6;
      swatches(spec.items);
    }
  }
  if (extras.overlay || extras.unitCircle) y += 6;
  if (extras.overlay) {
    const row = g.append('g').attr('transform', `translate(0,${y})`);
    row
      .append('path')
      .attr('transform', `translate(${SWATCH / 2},0)`)
      .attr('d', symbol(OVERLAY_SYMBOL[extras.overlay], 70)())
      .attr('fill', '#fff')
      .attr('stroke', '#222');
    row.append('text').attr('x', SWATCH + GAP).attr('dy', '0.35em').attr('fill', MUTED_TEXT).text(OVERLAY_LABEL[extras.overlay]);
    y += ROW;
  }
  if (extras.unitCircle) {
    const row = g.append('g').attr('transform', `translate(0,${y})`);
    row.append('line').attr('x1', 0).attr('x2', SWATCH).attr('stroke', '#555').attr('stroke-dasharray', '3 2');
    row.append('text').attr('x', SWATCH + GAP).attr('dy', '0.35em').attr('fill', MUTED_TEXT).text('unit circle');
  }
}
