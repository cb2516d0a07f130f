/**
 * The class weight / center / vertex marks over a plot, shared by the 2-D plot and the 3-D view: one
 * SVG group per overlay row with a dashed ray from the origin (weights only: it makes the direction of
 * w_c readable; centers and vertices are positions), the kind's symbol and the class name as its title.
 */
import { select, symbol, type Selection } from 'd3';
import { classColours } from './colours';
import { OVERLAY_SYMBOL, type OverlayKind } from './embeddingLegend';

type Layer = Selection<SVGGElement, unknown, null, undefined>;

/** (Re)creates one mark per overlay row (`m` rows, none without a kind); positions are set per frame. */
export function joinOverlayMarks(layer: Layer, kind: OverlayKind | null, m: number, classNames: string[]): void {
  const colours = classColours(Math.max(classNames.length, m));
  const rows = kind ? Array.from({ length: m }, (_, i) => i) : [];
  const marks = layer.selectAll<SVGGElement, number>('g.mark').data(rows).join((enter) => {
    const g = enter.append('g').attr('class', 'mark');
    g.append('line').attr('class', 'ray');
    g.append('path').attr('class', 'symbol');
    g.append('title');
    return g;
  });
  marks.select<SVGLineElement>('line.ray')
    .attr('stroke', (i) => colours[i]).attr('stroke-width', 1).attr('stroke-opacity', 0.55).attr('stroke-dasharray', '2 3')
    .style('display', kind === 'weights' ? 'inline' : 'none');
  const size = kind === 'centers' ? 110 : kind === 'vertices' ? 150 : 120;
  marks.select<SVGPathElement>('path.symbol')
    .attr('d', kind ? symbol(OVERLAY_SYMBOL[kind], size)() : null)
    .attr('fill', (i) => colours[i]).attr('stroke', '#1a1a1a').attr('stroke-width', 1.2).attr('stroke-linejoin', 'round');
  marks.select('title').text((i) => classNames[i] ?? `class ${i}`);
}

/** Where mark i is drawn, CSS px; `opacity` where depth must show (the 3-D view). */
export interface MarkPlace {
  x: number;
  y: number;
  opacity?: number;
}

/** Moves every mark to `at(i)` (hidden where that is not finite), its ray starting at `origin`. */
export function placeOverlayMarks(layer: Layer, at: (i: number) => MarkPlace, origin: { x: number; y: number }): void {
  layer.selectAll<SVGGElement, number>('g.mark').each(function (i) {
    const g = select(this);
    const p = at(i);
    const visible = Number.isFinite(p.x) && Number.isFinite(p.y);
    g.style('display', visible ? 'inline' : 'none');
    if (!visible) return;
    if (p.opacity !== undefined) g.attr('opacity', p.opacity);
    g.select('path.symbol').attr('transform', `translate(${p.x},${p.y})`);
    g.select('line.ray').attr('x1', origin.x).attr('y1', origin.y).attr('x2', p.x).attr('y2', p.y);
  });
}
