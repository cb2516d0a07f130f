/**
 * The drawing surface of a plot (the 2-D plot and the 3-D view alike): a <canvas> for the points under
 * an SVG for everything else, stacked inside a figure container, and sized to it.
 */
import { select, type Selection } from 'd3';

export interface PlotSurface {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D | null;
  root: Selection<SVGSVGElement, unknown, null, undefined>;
  svg: SVGSVGElement;
}

/** Makes `container` a figure (named `ariaLabel`) holding a canvas and an SVG of class `svgClass`. */
export function createPlotSurface(container: HTMLElement, svgClass: string, ariaLabel?: string): PlotSurface {
  if (!container.getAttribute('role')) container.setAttribute('role', 'figure');
  if (ariaLabel) container.setAttribute('aria-label', ariaLabel);
  // the canvas and SVG are stacked absolutely inside the container
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-hidden', 'true');
  Object.assign(canvas.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'none' });
  const ctx = canvas.getContext('2d');
  container.appendChild(canvas);
  const root = select(container).append('svg').attr('class', svgClass).attr('aria-hidden', 'true')
    .style('position', 'absolute').style('left', '0').style('top', '0').style('touch-action', 'none').style('user-select', 'none');
  return { canvas, ctx, root, svg: root.node() as SVGSVGElement };
}

/** The container's size in CSS px and the device pixel ratio. */
export function containerSize(container: HTMLElement): { width: number; height: number; dpr: number } {
  const rect = container.getBoundingClientRect();
  const width = Math.max(1, Math.round(rect.width));
  // an unsized container would collapse to 0 px: give it a square-ish default instead
  const height = Math.max(1, Math.round(rect.height) || Math.round(Math.min(width * 0.8, 480)));
  const dpr = (typeof window !== 'undefined' && window.devicePixelRatio) || 1;
  return { width, height, dpr };
}

/** Sizes the canvas (in device pixels) and the SVG (in CSS px) to width × height. */
export function sizeSurface(s: PlotSurface, width: number, height: number, dpr: number): void {
  s.canvas.width = Math.round(width * dpr);
  s.canvas.height = Math.round(height * dpr);
  s.canvas.style.width = `${width}px`;
  s.canvas.style.height = `${height}px`;
  s.root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
}
