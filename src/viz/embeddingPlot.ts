/**
 * The embedding scatter plot: points on a <canvas> (fast for 10 000 points), axes, legend and overlay
 * marks on an SVG layered above it. Plain TypeScript + d3, no React: the app wraps it in
 * `app/EmbeddingView.tsx`, and export/ can read `canvas` and `svg` to render the same scene.
 */
import { easeCubicInOut, line, pointer, scaleLinear, timer, zoom, zoomIdentity, type ScaleLinear, type Timer, type ZoomBehavior, type ZoomTransform } from 'd3';
import { classColours } from './colours';
import { EMPTY_DOMAIN, equalizeAspect, plotDomain, stickyDomain, type Domain2D } from './domain';
import { circlePoints, overlayPositions } from './overlayGeometry';
import { joinOverlayMarks, placeOverlayMarks } from './overlayMarks';
import { createPlotLayers, drawAxes, layoutChrome, stepLabels, type Layout, type PlotLayers } from './plotChrome';
import { PlotMotion } from './plotMotion';
import { PlotBase, type Colourable, type PlotBaseOptions } from './plotBase';
import type { EmbeddingSnapshot, PlotScene } from './plotTypes';
import { PointIndex } from './pointIndex';
import { sameFrame } from './sameFrame';
import { affineOf, drawPoints, drawTriplets, POINT_ALPHA, pointRadius } from './pointLayer';
import { positionChecksum } from './positions';
import { RegionLayer } from './regionLayer';

export type { ColourBy } from './colours';
export type { Domain2D } from './domain';
export type { EmbeddingOverlay, EmbeddingSnapshot, HoverCallback, PlotScene } from './plotTypes';

export interface EmbeddingPlotOptions extends PlotBaseOptions {
  title?: string;
  /** force these axis domains (before equal-aspect widening) so several plots share one scale */
  sharedDomain?: Domain2D | null;
  /** axis titles, e.g. ['f₁', 'f₂'] or ['PC 1', 'PC 2'] */
  axisLabels?: [string, string];
  /** animation length in ms; 0 disables (also disabled under prefers-reduced-motion) */
  animationMs?: number;
}

const HOVER_RADIUS_PX = 8;
const DEFAULT_ANIMATION_MS = 300;
/**
 * Snapshots closer together than this are drawn as they come, without easing between them. While
 * training, frames arrive one to six times a second and are the motion themselves; easing each over
 * 300 ms redraws every plot ~18 times a frame, which on this 2-core machine cost the page more than
 * the frames themselves (six runs' frames are ~0.65 s apart: a 0.7 s threshold eased half of them,
 * and took a third of the main thread). Slower frames (a slow backend, a paused step) still ease.
 */
const EASE_SLOWER_THAN_MS = 1200;

export class EmbeddingPlot extends PlotBase {
  private readonly layers: PlotLayers;
  private readonly zoomBehavior: ZoomBehavior<SVGSVGElement, unknown>;

  private title: string;
  private axisLabels: [string, string] | null;
  private sharedDomain: Domain2D | null;
  private readonly animationMs: number;

  private snapshot: EmbeddingSnapshot | null = null;
  private snapshotAt = -Infinity;
  private readonly motion = new PlotMotion();
  private progress = 1;
  private anim: Timer | null = null;

  private layout: Layout = { width: 0, height: 0, left: 0, top: 0, plotW: 0, plotH: 0 };
  private zoomTransform: ZoomTransform = zoomIdentity;
  private index: PointIndex | null = null;
  /** decision regions of the latest snapshot */
  private readonly regions = new RegionLayer();
  private showRegions = true;
  /** what the axes and the chrome were last drawn for: unchanged, they are not drawn again */
  private axesKey = '';
  private chromeKey = '';
  /** the data domain shown so far (frames keep it while the cloud fits, see stickyDomain) */
  private dataDomain: Domain2D | null = null;

  constructor(container: HTMLElement, opts: EmbeddingPlotOptions) {
    super(container, 'embedding-plot', opts);
    this.title = opts.title ?? '';
    this.axisLabels = opts.axisLabels ?? null;
    this.sharedDomain = opts.sharedDomain ?? null;
    const reduceMotion =
      typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
    this.animationMs = reduceMotion ? 0 : (opts.animationMs ?? DEFAULT_ANIMATION_MS);

    this.root.style('overflow', 'visible');
    this.layers = createPlotLayers(this.root);

    this.zoomBehavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.5, 64])
      .filter((event: Event) => {
        // d3's default filter, minus double-click (which resets the view instead of zooming in)
        const e = event as MouseEvent;
        return (!e.ctrlKey || event.type === 'wheel') && !e.button && event.type !== 'dblclick';
      })
      .on('zoom', (event: { transform: ZoomTransform }) => {
        this.zoomTransform = event.transform;
        this.setHovered(null);
        this.draw();
      });
    this.root.call(this.zoomBehavior).on('dblclick.zoom', null);
    this.root.on('dblclick', () => this.resetZoom());
    this.root.on('pointermove', (event: PointerEvent) => this.handlePointer(event));
    this.root.on('pointerleave', (event: PointerEvent) => this.setHovered(null, event.clientX, event.clientY));
    this.observeSize();
  }

  /** Shows a new snapshot, animating from what is on screen now. */
  setSnapshot(s: EmbeddingSnapshot): void {
    if (this.destroyed) return;
    if (this.snapshot && sameFrame(this.snapshot, s)) {
      // the frame on show with other step marks (a slider moved): only its labels change; a dragged
      // slider does this ~100 times a second, and regions, index and domain would be redone each time
      this.snapshot = s;
      this.updateStatus();
      return;
    }
    const n = Math.floor(s.points.length / 2);
    const m = this.motion;
    const sameCount = this.snapshot !== null && m.to.length === 2 * n;
    const now = typeof performance === 'undefined' ? 0 : performance.now();
    const animate = sameCount && this.animationMs > 0 && now - this.snapshotAt >= EASE_SLOWER_THAN_MS;
    this.snapshotAt = now;
    this.stopAnimation();

    // start from the positions on screen (mid-animation if interrupted) so nothing jumps
    const points = s.points.subarray(0, 2 * n);
    m.retarget(points, s.overlay ? overlayPositions(s.overlay, points, s.unitCircle === true) : null, animate);

    this.snapshot = s;
    this.overlayMarks();
    // for tests and curious readers: do the points lie in the region of the class they are predicted as?
    const agreement = this.regions.set(s.regions, this.classNames.length, m.to, s.predictions);
    const el = this.container;
    if (agreement) {
      el.dataset.regionAgreement = String(agreement.agree);
      el.dataset.regionPoints = String(agreement.inside);
      el.dataset.regionFar = String(agreement.far);
    } else delete el.dataset.regionAgreement;
    const target = this.targetDomain();
    this.dataDomain = this.sharedDomain ? null : stickyDomain(this.dataDomain, target);
    m.retargetDomain(this.dataDomain ?? target, animate);

    this.index = new PointIndex(m.to);
    this.recolour();
    this.updateStatus();
    // the evaluation set is fixed, so a hovered index still names the same sample in the next snapshot
    if (!sameCount) this.setHovered(null);

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

  /** Forces common axis domains (several plots side by side), or null to follow the data again. */
  setSharedDomain(domain: Domain2D | null): void {
    if (this.destroyed) return;
    this.sharedDomain = domain;
    this.dataDomain = null;
    this.motion.moveDomainTarget(this.targetDomain(), this.anim !== null);
    this.draw();
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

  /** The scene as drawn now (see {@link PlotScene}); null before the first snapshot. */
  exportScene(): PlotScene | null {
    const c = this.colours;
    if (this.destroyed || !this.snapshot || !c) return null;
    const { x, y } = this.scales();
    const cur = this.motion.current;
    const n = cur.length / 2;
    const positions = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      positions[2 * i] = x(cur[2 * i]);
      positions[2 * i + 1] = y(cur[2 * i + 1]);
    }
    const L = this.layout;
    return {
      width: L.width,
      height: L.height,
      plotArea: { x: L.left, y: L.top, width: L.plotW, height: L.plotH },
      positions,
      data: this.motion.to.slice(),
      order: c.order.slice(),
      bucket: c.bucket.slice(),
      palette: c.palette.slice(),
      radius: pointRadius(n),
      alpha: POINT_ALPHA,
      step: this.snapshot.step,
      axisLabels: this.axisLabels,
      svg: this.svg,
      regions: this.showRegions ? this.regions.scene(x, y) : null,
    };
  }

  // ---- internals -------------------------------------------------------------------------------

  protected override detach(): void {
    this.stopAnimation();
    this.root.on('.zoom', null).on('dblclick', null).on('pointermove', null).on('pointerleave', null);
  }

  protected override classNamesChanged(): void {
    this.overlayMarks();
  }

  protected override colourable(): { points: Colourable; n: number } | null {
    return this.snapshot ? { points: this.snapshot, n: this.motion.to.length / 2 } : null;
  }

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
      points: this.motion.to,
      extra: this.motion.overlayTo,
      unitCircle: s.unitCircle === true,
      shared: this.sharedDomain,
      // equal aspect is applied per frame for the actual size; here only the padded data box is wanted
      widthPx: 0,
      heightPx: 0,
    });
  }

  /** Axes titles, legend, title: everything whose size decides the plot area. */
  protected override layoutChrome(): void {
    const s = this.snapshot;
    const legend = this.colours?.legend ?? {
      kind: 'swatches' as const,
      items: this.classNames.map((label, i) => ({ label, colour: classColours(this.classNames.length)[i] })),
    };
    const { width, height } = this;
    const spec = {
      width, height, title: this.title, axisLabels: this.axisLabels, legend,
      extras: { overlay: s?.overlay?.kind ?? null, unitCircle: s?.unitCircle === true },
    };
    // frames while training come several times a second with the same legend: laid out once
    const key = JSON.stringify(spec);
    if (key === this.chromeKey) return;
    this.chromeKey = key;
    this.axesKey = '';
    this.layout = layoutChrome(this.layers, spec);
    const L = this.layout;
    this.zoomBehavior.extent([
      [L.left, L.top],
      [L.left + L.plotW, L.top + L.plotH],
    ]);
  }

  /** (Re)creates one SVG symbol per overlay row; positions are set per frame. */
  private overlayMarks(): void {
    joinOverlayMarks(this.layers.overlay, this.snapshot?.overlay?.kind ?? null, this.motion.overlayTo ? this.motion.overlayTo.length / 2 : 0, this.classNames);
  }

  private updateStatus(): void {
    const s = this.snapshot;
    if (!s) return;
    const [step, mark] = stepLabels(s.step, s.marks, s.partOf ? { shown: s.points.length / 2, of: s.partOf } : null);
    this.layers.status.text(step);
    this.layers.mark.text(mark);
  }

  /** One animation frame at eased progress t ∈ [0, 1]. */
  private frame(t: number): void {
    this.motion.at(t);
    this.draw();
  }

  /** Zoomed scales for the current domain and size. */
  private scales(): { x: ScaleLinear<number, number>; y: ScaleLinear<number, number> } {
    const L = this.layout;
    const d = equalizeAspect(this.motion.domainCurrent, L.plotW, L.plotH);
    const x = scaleLinear().domain(d[0]).range([L.left, L.left + L.plotW]);
    const y = scaleLinear().domain(d[1]).range([L.top + L.plotH, L.top]);
    return { x: this.zoomTransform.rescaleX(x), y: this.zoomTransform.rescaleY(y) };
  }

  protected override draw(): void {
    if (this.destroyed || this.layout.width <= 1) return;
    const { x, y } = this.scales();
    const L = this.layout;

    const axesKey = `${x.domain().join()} ${y.domain().join()} ${L.left} ${L.top} ${L.plotW} ${L.plotH}`;
    if (axesKey !== this.axesKey) {
      this.axesKey = axesKey;
      drawAxes(this.layers, L, x, y);
    }

    const s = this.snapshot;
    this.layers.circle
      .style('display', s?.unitCircle ? 'inline' : 'none')
      .attr('d', s?.unitCircle ? line().x((p) => x(p[0])).y((p) => y(p[1]))(circlePoints()) : null);

    const ov = this.motion.overlayCurrent;
    if (ov) placeOverlayMarks(this.layers.overlay, (i) => ({ x: x(ov[2 * i]), y: y(ov[2 * i + 1]) }), { x: x(0), y: y(0) });

    // points
    const ctx = this.ctx;
    let drawn = 0;
    if (ctx) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
      const c = this.colours;
      const cur = this.motion.current;
      const n = cur.length / 2;
      if (s && c && n > 0) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(L.left * this.dpr, L.top * this.dpr, L.plotW * this.dpr, L.plotH * this.dpr);
        ctx.clip();
        if (this.showRegions) this.regions.draw(ctx, x, y, this.dpr);
        const ax = affineOf(x);
        const ay = affineOf(y);
        // triplets belong to the new positions: fade them in as the points arrive
        if (s.triplets) drawTriplets(ctx, s.triplets, ax, ay, this.dpr, this.progress);
        drawPoints(ctx, cur, c.order, c.bucket, c.palette, ax, ay, this.dpr, pointRadius(n));
        drawn = n;
        ctx.restore();
      }
    }

    if (this.hovered !== null) this.placeHover();

    this.container.dataset.regions = !this.regions.present ? 'none' : this.showRegions ? 'on' : 'off';
    this.markDrawn(drawn, s ? { step: s.step, checksum: positionChecksum(this.motion.to) } : null);
  }

  protected override placeHover(): void {
    const i = this.hovered;
    if (i === null) {
      this.layers.hover.style('display', 'none');
      return;
    }
    const { x, y } = this.scales();
    this.layers.hover
      .style('display', 'inline')
      .attr('cx', x(this.motion.current[2 * i]))
      .attr('cy', y(this.motion.current[2 * i + 1]));
  }

  private handlePointer(event: PointerEvent): void {
    if (!this.index || !this.snapshot || event.buttons) return;
    const [mx, my] = pointer(event, this.svg);
    const L = this.layout;
    if (mx < L.left || mx > L.left + L.plotW || my < L.top || my > L.top + L.plotH) {
      this.setHovered(null, event.clientX, event.clientY);
      return;
    }
    const { x, y } = this.scales();
    // equal aspect (and d3-zoom's uniform k) means one px radius is one data radius on both axes
    const unitsPerPx = Math.abs((x.domain()[1] - x.domain()[0]) / (x.range()[1] - x.range()[0]));
    this.setHovered(this.index.nearest(x.invert(mx), y.invert(my), HOVER_RADIUS_PX * unitsPerPx), event.clientX, event.clientY);
  }
}
