/**
 * The 3-D embedding view (embedding size 3): an orthographic view that turns with a drag or the arrow
 * keys, points drawn back to front on a <canvas>, the unit sphere (normalised losses), the class
 * weights / centers / vertices and the legend on an SVG above it. Same contract as `EmbeddingPlot`
 * towards export/: `exportScene()` gives the current view (rotation included) as a `PlotScene`.
 *
 * Orthographic, not perspective: distances across the screen stay comparable at any depth, which is
 * what a reader of an embedding compares; depth is shown by draw order and by the sphere's back half
 * being dashed.
 */
import { select, type Selection } from 'd3';
import { drawLegend, legendWidth, type OverlayKind } from './embeddingLegend';
import { dataRadius, overlayPositions } from './overlayGeometry';
import { joinOverlayMarks, placeOverlayMarks } from './overlayMarks';
import { stepLabels } from './plotChrome';
import { PlotBase, type Colourable, type PlotBaseOptions } from './plotBase';
import type { PlotScene } from './plotTypes';
import { drawPoints, POINT_ALPHA, pointRadius } from './pointLayer';
import { positionChecksum } from './positions';
import { FONT_FAMILY, GUIDE_COLOUR, MUTED_TEXT, TEXT_COLOUR } from './plotStyle';

export interface Scene3D {
  step: number;
  /** row-major [n][3] */
  points: Float32Array;
  labels: Uint8Array;
  predictions?: Uint8Array | null;
  gradNorms?: Float32Array | null;
  /** row-major [m][3]; row c belongs to class c */
  overlay?: { kind: OverlayKind; points: Float32Array } | null;
  /** draw the unit sphere (losses that normalise the features) */
  unitSphere?: boolean;
  marks?: { step: number; text: string }[];
  /** 1 where a point belongs to a held-out (unknown) class: drawn grey */
  unknown?: Uint8Array | null;
  /** a frame while training that shows part of the shown points: how many there are in all */
  partOf?: number | null;
}

export type Plot3DOptions = PlotBaseOptions;

/** yaw about the vertical axis, then pitch about the horizontal one, radians */
export interface Rotation {
  yaw: number;
  pitch: number;
}

/** A view from slightly above and to the side, so all three axes are visible from the start. */
export const DEFAULT_ROTATION: Rotation = { yaw: -0.6, pitch: 0.35 };
/** one arrow-key press; Shift turns in finer steps */
export const KEY_STEP = Math.PI / 18;
const DRAG_RAD_PER_PX = 0.01;
const HOVER_RADIUS_PX = 8;

/** Rotates [n][3] points: screen x, screen y (up) and depth (towards the viewer) per point. */
export function rotatePoints(points: Float32Array, r: Rotation): Float32Array {
  const cy = Math.cos(r.yaw), sy = Math.sin(r.yaw), cp = Math.cos(r.pitch), sp = Math.sin(r.pitch);
  const n = Math.floor(points.length / 3);
  const out = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    const x = points[3 * i], y = points[3 * i + 1], z = points[3 * i + 2];
    const x1 = cy * x + sy * z;
    const z1 = -sy * x + cy * z;
    out[3 * i] = x1;
    out[3 * i + 1] = cp * y - sp * z1;
    out[3 * i + 2] = sp * y + cp * z1;
  }
  return out;
}

/** Indices sorted by depth, farthest first (so nearer points are painted over farther ones); NaN last. */
export function depthOrder(rotated: Float32Array): Uint32Array {
  const n = Math.floor(rotated.length / 3);
  const idx = Array.from({ length: n }, (_, i) => i);
  const d = (i: number) => (Number.isFinite(rotated[3 * i + 2]) ? rotated[3 * i + 2] : Infinity);
  idx.sort((a, b) => d(a) - d(b));
  return Uint32Array.from(idx);
}

/** Radius that holds the cloud: a high quantile of ‖p‖ (one stray point should not shrink the rest). */
const cloudRadius = (points: Float32Array, quantile = 0.99) => dataRadius(points, quantile, 3);

/** A great circle of the unit sphere as rotated 3-D points; `axis` is the circle's normal (0 x, 1 y, 2 z). */
function greatCircle(axis: 0 | 1 | 2, segments = 96): Float32Array {
  const out = new Float32Array(3 * (segments + 1));
  for (let s = 0; s <= segments; s++) {
    const a = (2 * Math.PI * s) / segments;
    const u = Math.cos(a), v = Math.sin(a);
    const p = axis === 0 ? [0, u, v] : axis === 1 ? [u, 0, v] : [u, v, 0];
    out.set(p, 3 * s);
  }
  return out;
}

export class Plot3D extends PlotBase {
  private readonly g: Record<'sphere' | 'axes' | 'overlay' | 'legend' | 'labels' | 'hover', Selection<SVGGElement, unknown, null, undefined>>;
  private scene: Scene3D | null = null;
  private overlayPts: Float32Array | null = null;
  private rotation: Rotation = { ...DEFAULT_ROTATION };
  private legendW = 0;
  /** the current view: projected [n][2] in data units, on-screen px, and the back-to-front order */
  private view: { data: Float32Array; px: Float32Array; order: Uint32Array } | null = null;
  private drag: { x: number; y: number; id: number } | null = null;
  private readonly keyHandler = (e: KeyboardEvent) => this.handleKey(e);

  constructor(container: HTMLElement, opts: Plot3DOptions) {
    super(container, 'embedding-plot embedding-3d', opts);
    this.root.style('cursor', 'grab');
    // focusable, so the arrow keys can turn it; the hint says how (aria-describedby is set by the caller)
    if (container.tabIndex < 0) container.tabIndex = 0;
    container.dataset.view = '3d';
    // an invisible rect catches drags and hover anywhere (chromeMarkup drops .capture from exports)
    this.root.append('rect').attr('class', 'capture').attr('fill', 'none').attr('pointer-events', 'all').attr('width', '100%').attr('height', '100%');
    const layer = (cls: string) => this.root.append('g').attr('class', cls).attr('pointer-events', 'none');
    this.g = { sphere: layer('sphere'), axes: layer('axes-3d'), overlay: layer('overlay'), legend: layer('legend'), labels: layer('labels'), hover: layer('hover') };

    this.root.on('pointerdown', (e: PointerEvent) => {
      if (e.button !== 0) return;
      this.drag = { x: e.clientX, y: e.clientY, id: e.pointerId };
      this.svg.setPointerCapture?.(e.pointerId);
      this.root.style('cursor', 'grabbing');
      this.setHovered(null);
    });
    this.root.on('pointermove', (e: PointerEvent) => {
      if (this.drag && e.pointerId === this.drag.id) {
        const dx = e.clientX - this.drag.x, dy = e.clientY - this.drag.y;
        this.drag.x = e.clientX;
        this.drag.y = e.clientY;
        this.rotateBy(dx * DRAG_RAD_PER_PX, dy * DRAG_RAD_PER_PX);
      } else this.hoverAt(e);
    });
    const end = () => {
      this.drag = null;
      this.root.style('cursor', 'grab');
    };
    this.root.on('pointerup', end).on('pointercancel', end);
    this.root.on('pointerleave', (e: PointerEvent) => this.setHovered(null, e.clientX, e.clientY));
    this.root.on('dblclick', () => this.setRotation({ ...DEFAULT_ROTATION }));
    container.addEventListener('keydown', this.keyHandler);
    this.observeSize();
  }

  setScene(s: Scene3D): void {
    if (this.destroyed) return;
    const sameCount = this.scene?.points.length === s.points.length;
    this.scene = s;
    this.overlayPts = s.overlay ? overlayPositions(s.overlay, s.points, s.unitSphere === true, 3) : null;
    this.overlayMarks();
    this.recolour();
    if (!sameCount) this.setHovered(null);
    this.draw();
  }

  getRotation(): Rotation {
    return { ...this.rotation };
  }

  setRotation(r: Rotation): void {
    // past ±90° pitch the view would flip upside down under a continuing drag
    this.rotation = { yaw: r.yaw % (2 * Math.PI), pitch: Math.max(-Math.PI / 2, Math.min(Math.PI / 2, r.pitch)) };
    this.draw();
  }

  rotateBy(dYaw: number, dPitch: number): void {
    this.setRotation({ yaw: this.rotation.yaw + dYaw, pitch: this.rotation.pitch + dPitch });
  }

  /** The view as drawn now (rotation included); null before the first scene. */
  exportScene(): PlotScene | null {
    const c = this.colours;
    const v = this.view;
    if (this.destroyed || !this.scene || !c || !v) return null;
    const a = this.plotArea();
    return {
      width: this.width, height: this.height, plotArea: a,
      positions: v.px.slice(), data: v.data.slice(), order: v.order.slice(), bucket: c.bucket.slice(), palette: c.palette.slice(),
      radius: pointRadius(v.order.length), alpha: POINT_ALPHA, step: this.scene.step, axisLabels: null, svg: this.svg, regions: null,
    };
  }

  // ---- internals -------------------------------------------------------------------------------

  protected override detach(): void {
    this.container.removeEventListener('keydown', this.keyHandler);
    for (const t of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'pointerleave', 'dblclick']) this.root.on(t, null);
  }

  protected override ownAttributes(): string[] {
    return ['data-rotation', 'data-view'];
  }

  protected override classNamesChanged(): void {
    this.overlayMarks();
  }

  protected override colourable(): { points: Colourable; n: number } | null {
    return this.scene ? { points: this.scene, n: Math.floor(this.scene.points.length / 3) } : null;
  }

  private handleKey(e: KeyboardEvent): void {
    const step = e.shiftKey ? KEY_STEP / 4 : KEY_STEP;
    const turn: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (e.key === 'Home') this.setRotation({ ...DEFAULT_ROTATION });
    else if (turn[e.key]) this.rotateBy(...turn[e.key]);
    else return;
    // the page must not scroll while the view turns
    e.preventDefault();
  }

  private plotArea(): { x: number; y: number; width: number; height: number } {
    const right = this.legendW > 0 ? this.legendW + 24 : 12;
    return { x: 12, y: 14, width: Math.max(10, this.width - 12 - right), height: Math.max(10, this.height - 14 - 12) };
  }

  /** The legend: it decides the plot area's width. */
  protected override layoutChrome(): void {
    if (!this.colours) {
      this.recolour(); // the class swatches before the first scene; it lays the chrome out again
      return;
    }
    const s = this.scene;
    const spec = this.colours.legend;
    const extras = { overlay: s?.overlay?.kind ?? null, unitCircle: s?.unitSphere === true };
    this.legendW = this.width < 320 ? 0 : legendWidth(spec, extras);
    const a = this.plotArea();
    this.g.legend.attr('transform', `translate(${a.x + a.width + 18},${a.y + 6})`).style('display', this.legendW > 0 ? 'inline' : 'none');
    drawLegend(this.g.legend, spec, extras);
    // the legend names the 2-D plot's unit circle; here it is a sphere
    this.g.legend.selectAll<SVGTextElement, unknown>('text').filter(function () { return this.textContent === 'unit circle'; }).text('unit sphere');
  }

  private overlayMarks(): void {
    const m = this.overlayPts ? Math.floor(this.overlayPts.length / 3) : 0;
    joinOverlayMarks(this.g.overlay, this.scene?.overlay?.kind ?? null, m, this.classNames);
  }

  protected override draw(): void {
    const s = this.scene;
    if (this.destroyed || this.width <= 1) return;
    const a = this.plotArea();
    const R = s ? Math.max(s.unitSphere ? 1.05 : 0, cloudRadius(s.points) * 1.1, this.overlayPts ? cloudRadius(this.overlayPts, 1) * 1.1 : 0) : 1;
    const scale = Math.min(a.width, a.height) / 2 / R;
    const cx = a.x + a.width / 2, cy = a.y + a.height / 2;
    const X = (u: number) => cx + scale * u;
    const Y = (v: number) => cy - scale * v;
    const rot = this.rotation;

    // the unit sphere: its outline (a circle in any orthographic view) and three great circles, the
    // halves facing away dashed so the eye reads which side is in front
    const sphere = this.g.sphere;
    sphere.selectAll('*').remove();
    if (s?.unitSphere) {
      sphere.append('circle').attr('class', 'unit-sphere').attr('cx', cx).attr('cy', cy).attr('r', scale).attr('fill', 'none').attr('stroke', '#555').attr('stroke-width', 1);
      for (const axis of [0, 1, 2] as const) {
        const c = rotatePoints(greatCircle(axis), rot);
        for (const front of [true, false]) {
          let d = '';
          for (let k = 0; k + 1 < c.length / 3; k++) {
            if (c[3 * k + 2] >= 0 !== front) continue;
            d += `M${X(c[3 * k]).toFixed(1)} ${Y(c[3 * k + 1]).toFixed(1)}L${X(c[3 * k + 3]).toFixed(1)} ${Y(c[3 * k + 4]).toFixed(1)}`;
          }
          if (d) sphere.append('path').attr('d', d).attr('fill', 'none').attr('stroke', '#777').attr('stroke-opacity', front ? 0.55 : 0.3).attr('stroke-dasharray', front ? null : '3 3');
        }
      }
    }

    // the embedding axes f₁ f₂ f₃ through the origin, so the reader knows which way the view is turned
    const ax = rotatePoints(new Float32Array([R * 0.95, 0, 0, 0, R * 0.95, 0, 0, 0, R * 0.95]), rot);
    this.g.axes.selectAll<SVGGElement, number>('g').data([0, 1, 2]).join((e) => {
      const g = e.append('g');
      g.append('line').attr('stroke', GUIDE_COLOUR).attr('stroke-width', 1);
      g.append('text').attr('font-family', FONT_FAMILY).attr('font-size', 10).attr('fill', MUTED_TEXT).attr('text-anchor', 'middle').text((i) => `f${'₁₂₃'[i]}`);
      return g;
    }).each(function (i) {
      const g = select(this);
      g.select('line').attr('x1', X(-ax[3 * i])).attr('y1', Y(-ax[3 * i + 1])).attr('x2', X(ax[3 * i])).attr('y2', Y(ax[3 * i + 1]));
      g.select('text').attr('x', X(ax[3 * i] * 1.04)).attr('y', Y(ax[3 * i + 1] * 1.04) + 3);
    });

    // overlay marks
    const ov = this.overlayPts ? rotatePoints(this.overlayPts, rot) : null;
    // marks behind the origin are paler: the SVG lies above all points, depth must show another way
    if (ov) placeOverlayMarks(this.g.overlay, (i) => ({ x: X(ov[3 * i]), y: Y(ov[3 * i + 1]), opacity: ov[3 * i + 2] < 0 ? 0.55 : 1 }), { x: cx, y: cy });

    // step and latest parameter change, top right of the plot area
    const labels = this.g.labels;
    labels.selectAll('*').remove();
    if (s) {
      stepLabels(s.step, s.marks, s.partOf === null || s.partOf === undefined ? null : { shown: s.points.length / 3, of: s.partOf }).forEach((t, k) => t && labels.append('text').attr('class', k ? 'mark' : 'step').attr('x', a.x + a.width - 4).attr('y', a.y + 12 + 13 * k)
        .attr('text-anchor', 'end').attr('font-family', FONT_FAMILY).attr('font-size', 10).attr('fill', k ? MUTED_TEXT : TEXT_COLOUR).text(t));
    }

    // points, back to front
    const ctx = this.ctx;
    const c = this.colours;
    let drawn = 0;
    if (ctx) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    }
    if (s && c) {
      const n = Math.floor(s.points.length / 3);
      const r3 = rotatePoints(s.points, rot);
      const data = new Float32Array(2 * n);
      const px = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        data[2 * i] = r3[3 * i];
        data[2 * i + 1] = r3[3 * i + 1];
        px[2 * i] = X(r3[3 * i]);
        px[2 * i + 1] = Y(r3[3 * i + 1]);
      }
      const order = depthOrder(r3);
      this.view = { data, px, order };
      if (ctx && n > 0) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(a.x * this.dpr, a.y * this.dpr, a.width * this.dpr, a.height * this.dpr);
        ctx.clip();
        drawn = drawPoints(ctx, px, order, c.bucket, c.palette, { offset: 0, scale: 1 }, { offset: 0, scale: 1 }, this.dpr, pointRadius(n));
        ctx.restore();
      }
    }
    if (this.hovered !== null) this.placeHover();
    this.markDrawn(drawn, s && this.view ? { step: s.step, checksum: positionChecksum(this.view.data) } : null);
    this.container.dataset.rotation = `${((rot.yaw * 180) / Math.PI).toFixed(1)},${((rot.pitch * 180) / Math.PI).toFixed(1)}`;
  }

  private hoverAt(e: PointerEvent): void {
    const v = this.view;
    if (!v || e.buttons) return;
    const b = this.svg.getBoundingClientRect();
    const mx = e.clientX - b.left, my = e.clientY - b.top;
    // nearest in front: scan back to front and keep the last hit within reach (a few thousand points, one pass)
    let best: number | null = null, bestD = HOVER_RADIUS_PX * HOVER_RADIUS_PX;
    for (const i of v.order) {
      const d = (v.px[2 * i] - mx) ** 2 + (v.px[2 * i + 1] - my) ** 2;
      if (d <= bestD) {
        best = i;
        bestD = Math.max(d, 4);
      }
    }
    this.setHovered(best, e.clientX, e.clientY);
  }

  protected override placeHover(): void {
    const i = this.hovered;
    const v = this.view;
    const ring = this.g.hover.selectAll('circle').data(i !== null && v ? [i] : []).join('circle')
      .attr('r', 6).attr('fill', 'none').attr('stroke', '#111').attr('stroke-width', 1.5);
    if (i !== null && v) ring.attr('cx', v.px[2 * i]).attr('cy', v.px[2 * i + 1]);
  }
}
