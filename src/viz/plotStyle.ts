/** Shared look of the plots: one place to change fonts and greys so charts stay consistent. */
import type { Selection } from 'd3';

export const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const TEXT_COLOUR = '#333';
export const MUTED_TEXT = '#666';
export const AXIS_COLOUR = '#9a9a9a';
export const GUIDE_COLOUR = '#d6d6d6';

/** Thin grey axes with small ticks and muted labels (after `g.call(axis)`). */
export function styleAxis(g: Selection<SVGGElement, unknown, null, undefined>): void {
  g.attr('font-family', FONT_FAMILY).attr('font-size', 10);
  g.select('.domain').attr('stroke', AXIS_COLOUR);
  g.selectAll('.tick line').attr('stroke', AXIS_COLOUR);
  g.selectAll('.tick text').attr('fill', MUTED_TEXT);
}

let measureCtx: CanvasRenderingContext2D | null = null;

/** Text width in CSS px without touching the layout (used to size legends before drawing). */
export function textWidth(text: string, font = FONT): number {
  if (!measureCtx && typeof document !== 'undefined') measureCtx = document.createElement('canvas').getContext('2d');
  if (!measureCtx) return text.length * 6.5;
  measureCtx.font = font;
  return measureCtx.measureText(text).width;
}

let uid = 0;
/** Unique ids for clip paths: several plots share one document. */
export function nextId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}
