/**
 * The embedding scatter plot: points on a <canvas> (fast for 10 000 points), axes, legend and overlay
 * marks on an SVG layered above it. Plain TypeScript + d3, no React: the app wraps it in
 * `app/EmbeddingView.tsx`, and export/ can read `canvas` and `svg` to render the same scene.
 */
import {
  axisBottom,
  axisLeft,
  easeCubicInOut,
  line,
  pointer,
  quadtree,
  scaleLinear,
  select,
  symbol,
  timer,
  zoom,
  zoomIdentity,
  type Quadtree,
  type ScaleLinear,
  type Selection,
  type Timer,
  type ZoomBehavior,
  type ZoomTransform,
} from 'd3';
import { assignColours, classColours, type ColourAssignment, type ColourBy } from './colours';
import { EMPTY_DOMAIN, equalizeAspect, lerpDomain, plotDomain, type Domain2D } from './domain';
import { drawLegend, legendWidth, OVERLAY_SYMBOL, type OverlayKind } from './embeddingLegend';
import { circlePoints, overlayPositions } from './overlayGeometry';
import { drawPoints, drawTriplets, POINT_ALPHA, pointRadius, type Affine } from './pointLayer';
import { lerpInto, positionChecksum } from './positions';
import { REGION_BOUNDARY_COLOUR, regionAgreement, regionBoundaries, regionPixels, type RegionRaster } from './regions';
import { FONT_FAMILY, GUIDE_COLOUR, MUTED_TEXT, TEXT_COLOUR, nextId, styleAxis } from './plotStyle';

export type { ColourBy } from './colours';
export type { Domain2D } from './domain';

export interface EmbeddingOverlay {
  kind: OverlayKind;
  /** row-major [m][2], projected into the plot's space; row c belongs to class c */
  points: Float32Array;
}

export interface EmbeddingSnapshot {
  step: number;
  /** row-major [n][2], already projected */
  points: Float32Array;
  labels: Uint8Array;
  predictions?: Uint8Array | null;
  gradNorms?: Float32Array | null;
  overlay?: EmbeddingOverlay | null;
  /** draw the unit circle (heated-up softmax shows normalised features on it) */
  unitCircle?: boolean;
  /** mined triplets: 6 numbers each (anchor x,y, positive x,y, negative x,y), projected */
  triplets?: Float32Array | null;
  /** parameter changes so far; the latest one at or before `step` is shown under the step label */
  marks?: { step: number; text: string }[];
  /** decision regions in the plot's space (2-D runs), drawn behind the points */
  regions?: RegionRaster | null;
}

export interface EmbeddingPlotOptions {
  classNames: string[];
  title?: string;
  /** set on the container together with role="figure" */
  ariaLabel?: string;
  /** force these axis domains (before equal-aspect widening) so several plots share one scale */
  sharedDomain?: Domain2D | null;
  colourBy?: ColourBy;
  /** axis titles, e.g. ['f₁', 'f₂'] or ['PC 1', 'PC 2'] */
  axisLabels?: [string, string];
  /** nearest point under the pointer (within a few px), or null when there is none */
  onHover?: HoverCallback | null;
  /** animation length in ms; 0 disables (also disabled under prefers-reduced-motion) */
  animationMs?: number;
}

/**
 * What the plot shows right now, for export/: the points in CSS px with their colours and draw order
 * (so SVG and PNG can redraw them as vectors or at any scale), and the SVG layer with axes, legend and
 * overlay marks. Arrays are copies; `svg` is the live element (read it, do not change it).
 */
export interface PlotScene {
  width: number;
  height: number;
  /** the clipped plot area inside the axes, CSS px */
  plotArea: { x: number; y: number; width: number; height: number };
  /** on-screen positions in CSS px, row-major [n][2] (mid-animation if an animation is running) */
  positions: Float32Array;
  /** the latest snapshot's projected 2-D coordinates in data units, row-major [n][2] */
  data: Float32Array;
  order: Uint32Array;
  bucket: Uint16Array;
  palette: string[];
  radius: number;
  alpha: number;
  /** the latest snapshot's step, or null before the first one */
  step: number | null;
  axisLabels: [string, string] | null;
  svg: SVGSVGElement;
  /**
   * Decision regions as shown (null when off or absent): one RGBA pixel per grid cell, top row first,
   * stretched over `rect` (CSS px, may reach outside the plot area: clip to it), and the boundaries
   * as CSS-px segments (x₁, y₁, x₂, y₂).
   */
  regions: { size: number; pixels: Uint8ClampedArray; rect: { x: number; y: number; width: number; height: number }; boundaries: Float32Array } | null;
}

export type HoverCallback = (index: number | null, clientX: number, clientY: number) => void;

interface Layout {
  width: number;
  height: number;
  left: number;
  top: number;
  plotW: number;
  plotH: number;
}

const HOVER_RADIUS_PX = 8;
const DEFAULT_ANIMATION_MS = 300;

export class EmbeddingPlot {
  readonly canvas: HTMLCanvasElement;
  readonly svg: SVGSVGElement;

  private readonly container: HTMLElement;
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly root: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly layers: {
    axisX: Selection<SVGGElement, unknown, null, undefined>;
    axisY: Selection<SVGGElement, unknown, null, undefined>;
    labels: Selection<SVGGElement, unknown, null, undefined>;
    clipRect: Selection<SVGRectElement, unknown, null, undefined>;
    capture: Selection<SVGRectElement, unknown, null, undefined>;
    guides: Selection<SVGGElement, unknown, null, undefined>;
    circle: Selection<SVGPathElement, unknown, null, undefined>;
    overlay: Selection<SVGGElement, unknown, null, undefined>;
    hover: Selection<SVGCircleElement, unknown, null, undefined>;
    legend: Selection<SVGGElement, unknown, null, undefined>;
    status: Selection<SVGTextElement, unknown, null, undefined>;
    mark: Selection<SVGTextElement, unknown, null, undefined>;
  };
  private readonly zoomBehavior: ZoomBehavior<SVGSVGElement, unknown>;
  private readonly resizeObserver: ResizeObserver | null;

  private classNames: string[];
  private title: string;
  private axisLabels: [string, string] | null;
  private colourBy: ColourBy;
  private sharedDomain: Domain2D | null;
  private onHover: HoverCallback | null;
  private readonly animationMs: number;

  private snapshot: EmbeddingSnapshot | null = null;
  /** positions animated from, to, and the ones on screen now */
  private from = new Float32Array(0);
  private to = new Float32Array(0);
  private current = new Float32Array(0);
  private overlayFrom: Float32Array | null = null;
  private overlayTo: Float32Array | null = null;
  private overlayCurrent: Float32Array | null = null;
  /** domains before equal-aspect widening, so a resize mid-animation stays correct */
  private domainFrom: Domain2D = EMPTY_DOMAIN;
  private domainTo: Domain2D = EMPTY_DOMAIN;
  private domainCurrent: Domain2D = EMPTY_DOMAIN;
  private progress = 1;
  private anim: Timer | null = null;

  private colours: ColourAssignment | null = null;
  private layout: Layout = { width: 0, height: 0, left: 0, top: 0, plotW: 0, plotH: 0 };
  private dpr = 1;
  private zoomTransform: ZoomTransform = zoomIdentity;
  private tree: Quadtree<number> | null = null;
  private hovered: number | null = null;
  private frames = 0;
  private destroyed = false;
  /** decision regions of the latest snapshot: one canvas pixel per grid cell, and boundary segments */
  private regions: { grid: RegionRaster; pixels: Uint8ClampedArray; image: HTMLCanvasElement; boundaries: Float32Array } | null = null;
  private showRegions = true;
  private resizeQueued = 0;

  constructor(container: HTMLElement, opts: EmbeddingPlotOptions) {
    this.container = container;
    this.classNames = opts.classNames.slice();
    this.title = opts.title ?? '';
    this.axisLabels = opts.axisLabels ?? null;
    this.colourBy = opts.colourBy ?? 'class';
    this.sharedDomain = opts.sharedDomain ?? null;
    this.onHover = opts.onHover ?? null;
    const reduceMotion =
      typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
    this.animationMs = reduceMotion ? 0 : (opts.animationMs ?? DEFAULT_ANIMATION_MS);

    if (!container.getAttribute('role')) container.setAttribute('role', 'figure');
    if (opts.ariaLabel) container.setAttribute('aria-label', opts.ariaLabel);
    // the canvas and SVG are stacked absolutely inside the container
    if (getComputedStyle(container).position === 'static') container.style.position = 'relative';

    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('aria-hidden', 'true');
    Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'none' });
    this.ctx = this.canvas.getContext('2d');
    container.appendChild(this.canvas);

    this.root = select(container)
      .append('svg')
      .attr('class', 'embedding-plot')
      .attr('aria-hidden', 'true')
      .style('position', 'absolute')
      .style('left', '0')
      .style('top', '0')
      .style('overflow', 'visible')
      .style('touch-action', 'none')
      .style('user-select', 'none');
    this.svg = this.root.node() as SVGSVGElement;
    const clipId = nextId('embedding-clip');
    const clipRect = this.root.append('defs').append('clipPath').attr('id', clipId).append('rect');
    const axisX = this.root.append('g').attr('class', 'axis axis-x');
    const axisY = this.root.append('g').attr('class', 'axis axis-y');
    const labels = this.root.append('g').attr('class', 'labels').attr('font-family', FONT_FAMILY);
    // an invisible rect catches wheel/drag/hover anywhere in the plot area, not only on painted marks
    const capture = this.root.append('rect').attr('class', 'capture').attr('fill', 'none').attr('pointer-events', 'all');
    const plot = this.root.append('g').attr('class', 'plot').attr('clip-path', `url(#${clipId})`).attr('pointer-events', 'none');
    const guides = plot.append('g').attr('class', 'guides');
    const circle = plot.append('path').attr('class', 'unit-circle').attr('fill', 'none').attr('stroke', '#555').attr('stroke-width', 1).attr('stroke-dasharray', '4 3');
    const overlay = plot.append('g').attr('class', 'overlay');
    const hover = plot.append('circle').attr('class', 'hover').attr('r', 6).attr('fill', 'none').attr('stroke', '#111').attr('stroke-width', 1.5).style('display', 'none');
    const legend = this.root.append('g').attr('class', 'legend');
    const status = this.root.append('text').attr('class', 'step').attr('font-family', FONT_FAMILY).attr('font-size', 10).attr('fill', MUTED_TEXT).attr('text-anchor', 'end');
    const mark = this.root.append('text').attr('class', 'mark').attr('font-family', FONT_FAMILY).attr('font-size', 10).attr('fill', MUTED_TEXT).attr('text-anchor', 'end');
    // a white halo keeps the corner labels readable over points and markers
    for (const t of [status, mark]) t.attr('stroke', '#fff').attr('stroke-width', 3).attr('stroke-opacity', 0.85).attr('paint-order', 'stroke');
    this.layers = { axisX, axisY, labels, clipRect, capture, guides, circle, overlay, hover, legend, status, mark };

    this.zoomBehavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.5, 64])
      .filter((event: Event) => {
        // d3's default filter, minus double-click (which resets the view instead of zooming in)
        const e = event as MouseEvent;
        return (!e.ctrlKey || event.type === 'wheel') && !e.button && event.type !== 'dblclick';
      })
      .on('zoom', (event: { transform: ZoomTransform }) => {
        this.zoomTransform = event.transform;
        this.updateHover(null);
        this.draw();
      });
    this.root.call(this.zoomBehavior).on('dblclick.zoom', null);
    this.root.on('dblclick', () => this.resetZoom());
    this.root.on('pointermove', (event: PointerEvent) => this.handlePointer(event));
    this.root.on('pointerleave', (event: PointerEvent) => this.updateHover(null, event.clientX, event.clientY));

    this.resizeObserver =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            // coalesce bursts of size changes (window drags) into one redraw per frame
            if (this.resizeQueued) return;
            this.resizeQueued = requestAnimationFrame(() => {
              this.resizeQueued = 0;
              this.resize();
            });
          });
    this.resizeObserver?.observe(container);
    this.resize();
  }

  /** Shows a new snapshot, animating from what is on screen now. */
  setSnapshot(s: EmbeddingSnapshot): void {
    if (this.destroyed) return;
    const n = Math.floor(s.points.length / 2);
    const sameCount = this.snapshot !== null && this.to.length === 2 * n;
    const animate = sameCount && this.animationMs > 0;
    this.stopAnimation();

    // start from the positions on screen (mid-animation if interrupted) so nothing jumps
    this.from = animate ? this.current.slice() : s.points.slice(0, 2 * n);
    this.to = s.points.slice(0, 2 * n);
    this.current = this.from.slice();

    const unitCircle = s.unitCircle === true;
    const nextOverlay = s.overlay ? overlayPositions(s.overlay, this.to, unitCircle) : null;
    const overlayAnimates = animate && nextOverlay !== null && this.overlayCurrent?.length === nextOverlay.length;
    this.overlayFrom = overlayAnimates && this.overlayCurrent ? this.overlayCurrent.slice() : nextOverlay;
    this.overlayTo = nextOverlay;
    this.overlayCurrent = this.overlayFrom ? this.overlayFrom.slice() : null;
    this.overlayMarks(s.overlay?.kind ?? null, nextOverlay ? nextOverlay.length / 2 : 0);

    this.snapshot = s;
    this.buildRegions(s);
    this.domainTo = this.targetDomain();
    this.domainFrom = animate ? this.domainCurrent : this.domainTo;
    this.domainCurrent = this.domainFrom;

    this.tree = this.buildTree();
    this.recolour();
    this.updateStatus();
    // the evaluation set is fixed, so a hovered index still names the same sample in the next snapshot
    if (!sameCount) this.updateHover(null);

    if (animate) {
      this.progress = 0;
      const anim = timer((elapsed) => {
        this.progress = Math.min(1, elapsed / this.animationMs);
        this.frame(easeCubicInOut(this.progress));
        if (this.progress >= 1) this.stopAnimation();
      });
      this.anim = anim;
    } else {
      this.progress = 1;
      this.frame(1);
    }
  }

  /** Decision regions behind the points on or off (drawn only when the snapshot has them). */
  setShowRegions(on: boolean): void {
    if (on === this.showRegions) return;
    this.showRegions = on;
    this.draw();
  }

  setColourBy(mode: ColourBy): void {
    if (this.destroyed || mode === this.colourBy) return;
    this.colourBy = mode;
    this.recolour();
    this.draw();
  }

  setClassNames(names: string[]): void {
    if (this.destroyed) return;
    this.classNames = names.slice();
    this.recolour();
    this.overlayMarks(this.snapshot?.overlay?.kind ?? null, this.overlayTo ? this.overlayTo.length / 2 : 0);
    this.draw();
  }

  /** Forces common axis domains (several plots side by side), or null to follow the data again. */
  setSharedDomain(domain: Domain2D | null): void {
    if (this.destroyed) return;
    this.sharedDomain = domain;
    this.domainTo = this.targetDomain();
    if (!this.anim) this.domainCurrent = this.domainTo;
    this.draw();
  }

  setOnHover(cb: HoverCallback | null): void {
    this.onHover = cb;
  }

  setTitle(title: string): void {
    this.title = title;
    this.layoutChrome();
    this.draw();
  }

  setAxisLabels(labels: [string, string] | null): void {
    if (this.destroyed) return;
    this.axisLabels = labels;
    this.layoutChrome();
    this.draw();
  }

  resetZoom(): void {
    if (this.destroyed) return;
    this.root.transition().duration(this.animationMs).call(this.zoomBehavior.transform, zoomIdentity);
  }

  /** Re-reads the container size (called automatically through a ResizeObserver where available). */
  resize(): void {
    if (this.destroyed) return;
    const rect = this.container.getBoundingClientRect();
    const width = Math.max(1, Math.round(rect.width));
    // an unsized container would collapse to 0 px: give it a square-ish default instead
    const height = Math.max(1, Math.round(rect.height) || Math.round(Math.min(width * 0.8, 480)));
    const dpr = (typeof window !== 'undefined' && window.devicePixelRatio) || 1;
    if (width === this.layout.width && height === this.layout.height && dpr === this.dpr) return;
    this.dpr = dpr;
    this.layout.width = width;
    this.layout.height = height;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    this.layoutChrome();
    this.draw();
  }

  /** The scene as drawn now (see {@link PlotScene}); null before the first snapshot. */
  exportScene(): PlotScene | null {
    const c = this.colours;
    if (this.destroyed || !this.snapshot || !c) return null;
    const { x, y } = this.scales();
    const n = this.current.length / 2;
    const positions = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      positions[2 * i] = x(this.current[2 * i]);
      positions[2 * i + 1] = y(this.current[2 * i + 1]);
    }
    const L = this.layout;
    return {
      width: L.width,
      height: L.height,
      plotArea: { x: L.left, y: L.top, width: L.plotW, height: L.plotH },
      positions,
      data: this.to.slice(),
      order: c.order.slice(),
      bucket: c.bucket.slice(),
      palette: c.palette.slice(),
      radius: pointRadius(n),
      alpha: POINT_ALPHA,
      step: this.snapshot.step,
      axisLabels: this.axisLabels,
      svg: this.svg,
      regions: this.exportRegions(x, y),
    };
  }

  private exportRegions(x: ScaleLinear<number, number>, y: ScaleLinear<number, number>): PlotScene['regions'] {
    const r = this.regions;
    if (!r || !this.showRegions) return null;
    const g = r.grid;
    const b = r.boundaries;
    const boundaries = new Float32Array(b.length);
    for (let i = 0; i < b.length; i += 2) {
      boundaries[i] = x(b[i]);
      boundaries[i + 1] = y(b[i + 1]);
    }
    return {
      size: g.size,
      pixels: r.pixels.slice(),
      rect: { x: x(g.x0), y: y(g.y1), width: x(g.x1) - x(g.x0), height: y(g.y0) - y(g.y1) },
      boundaries,
    };
  }

  private buildRegions(s: EmbeddingSnapshot): void {
    const g = s.regions;
    const el = this.container;
    if (!g || g.labels.length !== g.size * g.size) {
      this.regions = null;
      delete el.dataset.regionAgreement;
      return;
    }
    const pixels = regionPixels(g, classColours(Math.max(this.classNames.length, 1)));
    const image = this.regions?.image ?? document.createElement('canvas');
    image.width = g.size;
    image.height = g.size;
    image.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(pixels), g.size, g.size), 0, 0);
    this.regions = { grid: g, pixels, image, boundaries: regionBoundaries(g) };
    // for tests and curious readers: do the points lie in the region of the class they are predicted as?
    if (s.predictions) {
      const a = regionAgreement(g, this.to, s.predictions);
      el.dataset.regionAgreement = String(a.agree);
      el.dataset.regionPoints = String(a.inside);
      el.dataset.regionFar = String(a.far);
    }
  }

  private drawRegions(ctx: CanvasRenderingContext2D, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>): void {
    const r = this.regions;
    if (!r) return;
    const g = r.grid;
    const d = this.dpr;
    ctx.save();
    // the cells are the data; smoothing would blur classes into each other
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(r.image, x(g.x0) * d, y(g.y1) * d, (x(g.x1) - x(g.x0)) * d, (y(g.y0) - y(g.y1)) * d);
    const b = r.boundaries;
    ctx.beginPath();
    for (let i = 0; i < b.length; i += 4) {
      ctx.moveTo(x(b[i]) * d, y(b[i + 1]) * d);
      ctx.lineTo(x(b[i + 2]) * d, y(b[i + 3]) * d);
    }
    ctx.strokeStyle = REGION_BOUNDARY_COLOUR;
    ctx.lineWidth = d;
    ctx.stroke();
    ctx.restore();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stopAnimation();
    if (this.resizeQueued) cancelAnimationFrame(this.resizeQueued);
    this.resizeObserver?.disconnect();
    this.root.interrupt();
    this.root.on('.zoom', null).on('dblclick', null).on('pointermove', null).on('pointerleave', null);
    this.root.remove();
    this.canvas.remove();
    for (const a of ['data-points', 'data-step', 'data-checksum', 'data-frames']) this.container.removeAttribute(a);
  }

  // ---- internals -------------------------------------------------------------------------------

  private stopAnimation(): void {
    if (this.anim) {
      this.anim.stop();
      this.anim = null;
    }
  }

  private targetDomain(): Domain2D {
    const s = this.snapshot;
    if (!s) return this.sharedDomain ?? EMPTY_DOMAIN;
    return plotDomain({
      points: this.to,
      extra: this.overlayTo,
      unitCircle: s.unitCircle === true,
      shared: this.sharedDomain,
      // equal aspect is applied per frame for the actual size; here only the padded data box is wanted
      widthPx: 0,
      heightPx: 0,
    });
  }

  private buildTree(): Quadtree<number> {
    const pts = this.to;
    const n = pts.length / 2;
    const finite: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isFinite(pts[2 * i]) && Number.isFinite(pts[2 * i + 1])) finite.push(i);
    return quadtree<number>()
      .x((i) => pts[2 * i])
      .y((i) => pts[2 * i + 1])
      .addAll(finite);
  }

  private recolour(): void {
    const s = this.snapshot;
    const n = this.to.length / 2;
    this.colours = assignColours({
      mode: this.colourBy,
      classNames: this.classNames,
      labels: s?.labels ?? new Uint8Array(0),
      predictions: s?.predictions,
      gradNorms: s?.gradNorms,
      n,
    });
    this.layoutChrome();
  }

  /** Axes titles, legend, title: everything whose size decides the plot area. */
  private layoutChrome(): void {
    const { width, height } = this.layout;
    const s = this.snapshot;
    const spec = this.colours?.legend ?? {
      kind: 'swatches' as const,
      items: this.classNames.map((label, i) => ({ label, colour: classColours(this.classNames.length)[i] })),
    };
    const extras = { overlay: s?.overlay?.kind ?? null, unitCircle: s?.unitCircle === true };
    const legendW = width < 320 ? 0 : legendWidth(spec, extras);
    const top = this.title ? 30 : 14;
    const left = 42 + (this.axisLabels ? 14 : 0);
    const bottom = 28 + (this.axisLabels ? 14 : 0);
    const right = legendW > 0 ? legendW + 24 : 12;
    this.layout = { ...this.layout, left, top, plotW: Math.max(10, width - left - right), plotH: Math.max(10, height - top - bottom) };
    const L = this.layout;

    this.layers.clipRect.attr('x', L.left).attr('y', L.top).attr('width', L.plotW).attr('height', L.plotH);
    this.layers.capture.attr('x', L.left).attr('y', L.top).attr('width', L.plotW).attr('height', L.plotH);
    this.zoomBehavior.extent([
      [L.left, L.top],
      [L.left + L.plotW, L.top + L.plotH],
    ]);

    this.layers.legend.attr('transform', `translate(${L.left + L.plotW + 18},${L.top + 6})`).style('display', legendW > 0 ? 'inline' : 'none');
    drawLegend(this.layers.legend, spec, extras);

    const labels = this.layers.labels;
    labels.selectAll('*').remove();
    if (this.title) {
      labels.append('text').attr('x', L.left).attr('y', 16).attr('font-size', 13).attr('font-weight', 600).attr('fill', TEXT_COLOUR).text(this.title);
    }
    if (this.axisLabels) {
      labels.append('text').attr('x', L.left + L.plotW / 2).attr('y', height - 6).attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', TEXT_COLOUR).text(this.axisLabels[0]);
      labels.append('text').attr('transform', `translate(12,${L.top + L.plotH / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', TEXT_COLOUR).text(this.axisLabels[1]);
    }
    this.layers.status.attr('x', L.left + L.plotW - 4).attr('y', L.top + 12);
    this.layers.mark.attr('x', L.left + L.plotW - 4).attr('y', L.top + 25);
  }

  /** (Re)creates one SVG symbol per overlay row; positions are set per frame. */
  private overlayMarks(kind: OverlayKind | null, m: number): void {
    const colours = classColours(Math.max(this.classNames.length, m));
    const g = this.layers.overlay;
    const rows = kind ? Array.from({ length: m }, (_, i) => i) : [];
    const marks = g
      .selectAll<SVGGElement, number>('g.mark')
      .data(rows)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'mark');
        e.append('line').attr('class', 'ray');
        e.append('path').attr('class', 'symbol');
        return e;
      });
    marks
      .select<SVGLineElement>('line.ray')
      .attr('stroke', (i) => colours[i])
      .attr('stroke-width', 1)
      .attr('stroke-opacity', 0.55)
      .attr('stroke-dasharray', '2 3')
      // the ray from the origin makes the direction of w_c readable; centers and vertices are positions
      .style('display', kind === 'weights' ? 'inline' : 'none');
    const size = kind === 'centers' ? 110 : kind === 'vertices' ? 150 : 120;
    marks
      .select<SVGPathElement>('path.symbol')
      .attr('d', kind ? symbol(OVERLAY_SYMBOL[kind], size)() : null)
      .attr('fill', (i) => colours[i])
      .attr('stroke', '#1a1a1a')
      .attr('stroke-width', 1.2)
      .attr('stroke-linejoin', 'round');
    marks.select('title').remove();
    marks.append('title').text((i) => `${this.classNames[i] ?? `class ${i}`}`);
  }

  private updateStatus(): void {
    const s = this.snapshot;
    if (!s) return;
    this.layers.status.text(`step ${s.step.toLocaleString('en-US')}`);
    let latest: { step: number; text: string } | null = null;
    for (const m of s.marks ?? []) if (m.step <= s.step && (!latest || m.step >= latest.step)) latest = m;
    this.layers.mark.text(latest ? `${latest.text} (step ${latest.step.toLocaleString('en-US')})` : '');
  }

  /** One animation frame at eased progress t ∈ [0, 1]. */
  private frame(t: number): void {
    lerpInto(this.current, this.from, this.to, t);
    if (this.overlayCurrent && this.overlayFrom && this.overlayTo) lerpInto(this.overlayCurrent, this.overlayFrom, this.overlayTo, t);
    this.domainCurrent = lerpDomain(this.domainFrom, this.domainTo, t);
    this.draw();
  }

  /** Zoomed scales for the current domain and size. */
  private scales(): { x: ScaleLinear<number, number>; y: ScaleLinear<number, number> } {
    const L = this.layout;
    const d = equalizeAspect(this.domainCurrent, L.plotW, L.plotH);
    const x = scaleLinear().domain(d[0]).range([L.left, L.left + L.plotW]);
    const y = scaleLinear().domain(d[1]).range([L.top + L.plotH, L.top]);
    return { x: this.zoomTransform.rescaleX(x), y: this.zoomTransform.rescaleY(y) };
  }

  private draw(): void {
    if (this.destroyed || this.layout.width <= 1) return;
    const { x, y } = this.scales();
    const L = this.layout;
    const affine = (s: ScaleLinear<number, number>): Affine => {
      const [d0, d1] = s.domain();
      const [r0, r1] = s.range();
      const scale = (r1 - r0) / (d1 - d0);
      return { offset: r0 - d0 * scale, scale };
    };

    // axes and guides
    // at least three ticks: a small panel with two would often label only "0"
    const ticksX = Math.max(3, Math.floor(L.plotW / 80));
    const ticksY = Math.max(3, Math.floor(L.plotH / 60));
    this.layers.axisX.attr('transform', `translate(0,${L.top + L.plotH})`).call(axisBottom(x).ticks(ticksX).tickSizeOuter(0).tickSize(4));
    this.layers.axisY.attr('transform', `translate(${L.left},0)`).call(axisLeft(y).ticks(ticksY).tickSizeOuter(0).tickSize(4));
    styleAxis(this.layers.axisX);
    styleAxis(this.layers.axisY);
    const guides = this.layers.guides.selectAll<SVGLineElement, string>('line').data(['x', 'y']).join('line');
    guides
      .attr('stroke', GUIDE_COLOUR)
      .attr('stroke-width', 1)
      .attr('x1', (k) => (k === 'x' ? L.left : x(0)))
      .attr('x2', (k) => (k === 'x' ? L.left + L.plotW : x(0)))
      .attr('y1', (k) => (k === 'x' ? y(0) : L.top))
      .attr('y2', (k) => (k === 'x' ? y(0) : L.top + L.plotH));

    const s = this.snapshot;
    this.layers.circle
      .style('display', s?.unitCircle ? 'inline' : 'none')
      .attr('d', s?.unitCircle ? line().x((p) => x(p[0])).y((p) => y(p[1]))(circlePoints()) : null);

    const ov = this.overlayCurrent;
    if (ov) {
      this.layers.overlay
        .selectAll<SVGGElement, number>('g.mark')
        .each(function (i) {
          const g = select(this);
          const px = x(ov[2 * i]);
          const py = y(ov[2 * i + 1]);
          const visible = Number.isFinite(px) && Number.isFinite(py);
          g.style('display', visible ? 'inline' : 'none');
          if (!visible) return;
          g.select('path.symbol').attr('transform', `translate(${px},${py})`);
          g.select('line.ray').attr('x1', x(0)).attr('y1', y(0)).attr('x2', px).attr('y2', py);
        });
    }

    // points
    const ctx = this.ctx;
    let drawn = 0;
    if (ctx) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
      const c = this.colours;
      const n = this.current.length / 2;
      if (s && c && n > 0) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(L.left * this.dpr, L.top * this.dpr, L.plotW * this.dpr, L.plotH * this.dpr);
        ctx.clip();
        if (this.showRegions) this.drawRegions(ctx, x, y);
        const ax = affine(x);
        const ay = affine(y);
        // triplets belong to the new positions: fade them in as the points arrive
        if (s.triplets) drawTriplets(ctx, s.triplets, ax, ay, this.dpr, this.progress);
        drawPoints(ctx, this.current, c.order, c.bucket, c.palette, ax, ay, this.dpr, pointRadius(n));
        drawn = n;
        ctx.restore();
      }
    }

    if (this.hovered !== null) this.placeHoverRing(x, y);

    this.frames += 1;
    const el = this.container;
    el.dataset.points = String(drawn);
    el.dataset.frames = String(this.frames);
    el.dataset.regions = !this.regions ? 'none' : this.showRegions ? 'on' : 'off';
    if (s) {
      el.dataset.step = String(s.step);
      el.dataset.checksum = String(positionChecksum(this.to));
    }
  }

  private placeHoverRing(x: ScaleLinear<number, number>, y: ScaleLinear<number, number>): void {
    const i = this.hovered;
    if (i === null) return;
    this.layers.hover
      .style('display', 'inline')
      .attr('cx', x(this.current[2 * i]))
      .attr('cy', y(this.current[2 * i + 1]));
  }

  private handlePointer(event: PointerEvent): void {
    if (!this.tree || !this.snapshot || event.buttons) return;
    const [mx, my] = pointer(event, this.svg);
    const L = this.layout;
    if (mx < L.left || mx > L.left + L.plotW || my < L.top || my > L.top + L.plotH) {
      this.updateHover(null, event.clientX, event.clientY);
      return;
    }
    const { x, y } = this.scales();
    // equal aspect (and d3-zoom's uniform k) means one px radius is one data radius on both axes
    const unitsPerPx = Math.abs((x.domain()[1] - x.domain()[0]) / (x.range()[1] - x.range()[0]));
    const found = this.tree.find(x.invert(mx), y.invert(my), HOVER_RADIUS_PX * unitsPerPx);
    this.updateHover(found ?? null, event.clientX, event.clientY);
  }

  private updateHover(index: number | null, clientX = 0, clientY = 0): void {
    const changed = index !== this.hovered;
    this.hovered = index;
    if (index === null) {
      this.layers.hover.style('display', 'none');
    } else {
      const { x, y } = this.scales();
      this.placeHoverRing(x, y);
    }
    // report every move over a point (the tooltip follows the pointer), but "nothing" only once
    if (this.onHover && (index !== null || changed)) this.onHover(index, clientX, clientY);
  }
}
