/**
 * The line chart's frame: where the title, the legend entries (one row after the title, wrapping) and
 * the plot area go for a size, and the text around the plot (title, axis titles, legend, "no data yet").
 */
import type { Selection } from 'd3';
import { FONT, FONT_FAMILY, MUTED_TEXT, TEXT_COLOUR, textWidth } from './plotStyle';
import type { PlotBox } from './plotTypes';

type G = Selection<SVGGElement, unknown, null, undefined>;

export interface LegendEntry {
  name: string;
  x: number;
  row: number;
  colour: string;
}

export interface ChartLayout extends PlotBox {
  entries: LegendEntry[];
}

export interface ChartText {
  title: string;
  xLabel: string;
  yLabel: string;
}

/** The layout of a chart of `width` × `height` CSS px showing series `names`, coloured by `colour(i)`. */
export function chartLayout(width: number, height: number, names: string[], text: ChartText, colour: (i: number) => string): ChartLayout {
  const left = 48 + (text.yLabel ? 14 : 0);
  const right = 14;
  const titleW = text.title ? textWidth(text.title, `600 12px ${FONT_FAMILY}`) + 16 : 0;
  const entries: LegendEntry[] = [];
  let cx = left + titleW;
  let row = 0;
  names.forEach((name, i) => {
    const w = 22 + textWidth(name, FONT) + 14;
    if (cx + w > width - right && cx > left + titleW) {
      row += 1;
      cx = left;
    }
    entries.push({ name, x: cx, row, colour: colour(i) });
    cx += w;
  });
  const headerRows = text.title || names.length > 0 ? row + 1 : 0;
  const top = 8 + headerRows * 16 + 6;
  const bottom = 30 + (text.xLabel ? 10 : 0);
  return { width, height, left, top, plotW: Math.max(10, width - left - right), plotH: Math.max(10, height - top - bottom), entries };
}

/** Title, axis titles and, over an empty plot, "no data yet" into `chrome`; the legend into `legend`. */
export function drawChartText(chrome: G, legend: G, L: ChartLayout, text: ChartText, empty: boolean): void {
  chrome.selectAll('*').remove();
  if (text.title) {
    chrome.append('text').attr('x', L.left).attr('y', 18).attr('font-size', 12).attr('font-weight', 600).attr('fill', TEXT_COLOUR).text(text.title);
  }
  if (text.xLabel) {
    chrome.append('text').attr('x', L.left + L.plotW).attr('y', L.height - 4).attr('text-anchor', 'end').attr('font-size', 10).attr('fill', MUTED_TEXT).text(text.xLabel);
  }
  if (text.yLabel) {
    chrome.append('text').attr('transform', `translate(11,${L.top + L.plotH / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('font-size', 10).attr('fill', MUTED_TEXT).text(text.yLabel);
  }
  const entries = legend
    .selectAll<SVGGElement, LegendEntry>('g.entry')
    .data(L.entries, (d) => d.name)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'entry');
      e.append('line').attr('x1', 0).attr('x2', 16).attr('stroke-width', 2);
      e.append('text').attr('x', 22).attr('dy', '0.35em').attr('font-size', 11).attr('fill', TEXT_COLOUR);
      return e;
    });
  entries.attr('transform', (d) => `translate(${d.x},${14 + d.row * 16})`);
  entries.select('line').attr('stroke', (d) => d.colour);
  entries.select('text').text((d) => d.name);
  chrome
    .append('text')
    .attr('x', L.left + L.plotW / 2)
    .attr('y', L.top + L.plotH / 2)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .attr('fill', MUTED_TEXT)
    .style('display', empty ? 'inline' : 'none')
    .text('no data yet');
}
