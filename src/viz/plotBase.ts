/**
 * What the 2-D scatter (`EmbeddingPlot`) and the 3-D view (`Plot3D`) share: a canvas for the points
 * under an SVG for everything else (plotSurface.ts), the container's size followed through a resize
 * observer (bursts coalesced into one redraw a frame), the colouring, the hovered point, and the
 * data attributes that tests and curious readers read off the figure (data-points, data-step,
 * data-checksum, data-frames). A subclass draws; this class calls it when something changed.
 */
import type { Selection } from 'd3';
import { assignColours, type ColourAssignment, type ColourBy } from './colours';
import { containerSize, createPlotSurface, sizeSurface, type PlotSurface } from './plotSurface';
import type { HoverCallback, PlotScene } from './plotTypes';

export interface PlotBaseOptions {
  classNames: string[];
  /** set on the container together with role="figure" */
  ariaLabel?: string;
  colourBy?: ColourBy;
  /** nearest point under the pointer (within a few px), or null when there is none */
  onHover?: HoverCallback | null;
}

/** The points a plot colours: labels and what the colour modes read. */
export interface Colourable {
  labels: Uint8Array;
  predictions?: Uint8Array | null;
  gradNorms?: Float32Array | null;
  unknown?: Uint8Array | null;
}

const FIGURE_ATTRIBUTES = ['data-points', 'data-step', 'data-checksum', 'data-frames'];

export abstract class PlotBase {
  readonly canvas: HTMLCanvasElement;
  readonly svg: SVGSVGElement;
  protected readonly container: HTMLElement;
  protected readonly surface: PlotSurface;
  protected readonly ctx: CanvasRenderingContext2D | null;
  protected readonly root: Selection<SVGSVGElement, unknown, null, undefined>;
  protected classNames: string[];
  protected colourBy: ColourBy;
  protected onHover: HoverCallback | null;
  protected colours: ColourAssignment | null = null;
  /** the container's size in CSS px, and device pixels per CSS px */
  protected width = 0;
  protected height = 0;
  protected dpr = 1;
  protected hovered: number | null = null;
  protected destroyed = false;
  private frames = 0;
  private resizeQueued = 0;
  private readonly resizeObserver: ResizeObserver | null;

  protected constructor(container: HTMLElement, svgClass: string, opts: PlotBaseOptions) {
    this.container = container;
    this.classNames = opts.classNames.slice();
    this.colourBy = opts.colourBy ?? 'class';
    this.onHover = opts.onHover ?? null;
    this.surface = createPlotSurface(container, svgClass, opts.ariaLabel);
    ({ canvas: this.canvas, ctx: this.ctx, root: this.root, svg: this.svg } = this.surface);
    this.resizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => {
      // coalesce bursts of size changes (window drags) into one redraw per frame
      if (this.resizeQueued) return;
      this.resizeQueued = requestAnimationFrame(() => {
        this.resizeQueued = 0;
        this.resize();
      });
    });
  }

  /** Starts following the container's size; the subclass calls it once its layers exist. */
  protected observeSize(): void {
    this.resizeObserver?.observe(this.container);
    this.resize();
  }

  /** The scene as drawn now, for export/; null before the first snapshot. */
  abstract exportScene(): PlotScene | null;

  /** Draws everything at the current size, scales and colours. */
  protected abstract draw(): void;

  /** The colour assignment's legend and anything else laid out around the plot area changed. */
  protected abstract layoutChrome(): void;

  /** The points being coloured now (null before the first snapshot). */
  protected abstract colourable(): { points: Colourable; n: number } | null;

  setColourBy(mode: ColourBy): void {
    if (this.destroyed || mode === this.colourBy) return;
    this.colourBy = mode;
    this.recolour();
    this.draw();
  }

  setClassNames(names: string[]): void {
    if (this.destroyed) return;
    this.classNames = names.slice();
    this.classNamesChanged();
    this.recolour();
    this.draw();
  }

  setOnHover(cb: HoverCallback | null): void {
    this.onHover = cb;
  }

  /** Re-reads the container size (called automatically through a ResizeObserver where available). */
  resize(): void {
    if (this.destroyed) return;
    const { width, height, dpr } = containerSize(this.container);
    if (width === this.width && height === this.height && dpr === this.dpr) return;
    this.width = width;
    this.height = height;
    this.dpr = dpr;
    sizeSurface(this.surface, width, height, dpr);
    this.layoutChrome();
    this.draw();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.resizeQueued) cancelAnimationFrame(this.resizeQueued);
    this.resizeObserver?.disconnect();
    this.detach();
    this.root.interrupt();
    this.root.remove();
    this.canvas.remove();
    for (const a of [...FIGURE_ATTRIBUTES, ...this.ownAttributes()]) this.container.removeAttribute(a);
  }

  /** Event handlers and timers of the subclass, removed at destroy. */
  protected detach(): void {}

  /** Data attributes of the subclass's own, removed at destroy. */
  protected ownAttributes(): string[] {
    return [];
  }

  /** The class names changed (overlay marks name their classes). */
  protected classNamesChanged(): void {}

  /** Colours every point for the current mode, then lays the chrome out for the new legend. */
  protected recolour(): void {
    const c = this.colourable();
    this.colours = assignColours({
      mode: this.colourBy, classNames: this.classNames, labels: c?.points.labels ?? new Uint8Array(0),
      predictions: c?.points.predictions, gradNorms: c?.points.gradNorms, unknown: c?.points.unknown, n: c?.n ?? 0,
    });
    this.layoutChrome();
  }

  /** Reports the hovered point (every move over a point, since the tooltip follows it; "nothing" once). */
  protected setHovered(index: number | null, clientX = 0, clientY = 0): void {
    const changed = index !== this.hovered;
    this.hovered = index;
    this.placeHover();
    if (this.onHover && (index !== null || changed)) this.onHover(index, clientX, clientY);
  }

  /** Puts (or hides) the ring around the hovered point. */
  protected abstract placeHover(): void;

  /** The figure's data attributes after a draw: points drawn, and the snapshot's step and checksum. */
  protected markDrawn(points: number, snapshot: { step: number; checksum: number } | null): void {
    this.frames += 1;
    const el = this.container;
    el.dataset.points = String(points);
    el.dataset.frames = String(this.frames);
    if (snapshot) {
      el.dataset.step = String(snapshot.step);
      el.dataset.checksum = String(snapshot.checksum);
    }
  }
}
