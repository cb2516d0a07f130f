/**
 * Line chart for training curves (loss, accuracy per run): SVG via d3, redrawn at most once per
 * animation frame however often data is appended, with min–max decimation to the pixel width.
 */
import { schemeDark2, select, type Selection } from 'd3';
import { chartLayout, drawChartText } from './lineChartLayout';
import { drawChartAxes, drawCurves, drawMarkers, type ChartMarker } from './lineChartMarks';
import { shownSeries, stepDomain, stepScale, valueScale } from './lineChartScales';
import { SeriesData } from './lineSeries';
import { FONT_FAMILY, nextId } from './plotStyle';

export type { ChartMarker } from './lineChartMarks';

export interface LineChartOptions {
  title?: string;
  /** set on the <svg> (role="img") */
  ariaLabel?: string;
  xLabel?: string;
  yLabel?: string;
  /** logarithmic y axis (losses); non-positive values are skipped */
  logY?: boolean;
  /** fixed y domain (e.g. [0, 1] for accuracy); null follows the data */
  yDomain?: [number, number] | null;
  /** TensorBoard-style EMA weight in [0, 1): the raw curve is drawn faint under the smoothed one */
  smoothing?: number;
  /** colours by series order; runs get Dark2 so they are not mistaken for the class colours */
  colours?: readonly string[];
}

type G = Selection<SVGGElement, unknown, null, undefined>;

/** The least time between two redraws of a chart, ms. */
const MIN_RENDER_INTERVAL_MS = 250;

export class LineChart {
  readonly svg: SVGSVGElement;

  private readonly container: HTMLElement;
  private readonly root: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly g: { axisX: G; axisY: G; chrome: G; markers: G; lines: G; legend: G };
  private readonly clipRect: Selection<SVGRectElement, unknown, null, undefined>;
  private readonly resizeObserver: ResizeObserver | null;
  /** a redraw waiting for MIN_RENDER_INTERVAL_MS to pass since the last, and when that was */
  private waiting = 0;
  private lastRender = -Infinity;
  /** the container's border box as the resize observer last reported it */
  private size: { width: number; height: number } | null = null;
  private readonly series = new Map<string, SeriesData>();
  private opts: Required<Omit<LineChartOptions, 'yDomain' | 'colours'>> & {
    yDomain: [number, number] | null;
    colours: readonly string[];
  };
  private markers: ChartMarker[] = [];
  private width = 0;
  private height = 0;
  private queued = 0;
  private destroyed = false;

  constructor(container: HTMLElement, opts: LineChartOptions = {}) {
    this.container = container;
    if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
    this.opts = {
      title: opts.title ?? '',
      ariaLabel: opts.ariaLabel ?? opts.title ?? 'Line chart',
      xLabel: opts.xLabel ?? 'step',
      yLabel: opts.yLabel ?? '',
      logY: opts.logY ?? false,
      yDomain: opts.yDomain ?? null,
      smoothing: opts.smoothing ?? 0,
      colours: opts.colours ?? schemeDark2,
    };
    this.root = select(container)
      .append('svg')
      .attr('class', 'line-chart')
      .attr('role', 'img')
      .attr('aria-label', this.opts.ariaLabel)
      // out of flow: an in-flow svg of fixed width would hold its grid/flex cell open and never shrink
      .style('position', 'absolute')
      .style('left', '0')
      .style('top', '0')
      .style('overflow', 'visible');
    this.svg = this.root.node() as SVGSVGElement;
    const clipId = nextId('line-clip');
    this.clipRect = this.root.append('defs').append('clipPath').attr('id', clipId).append('rect');
    const axisX = this.root.append('g').attr('class', 'axis axis-x');
    const axisY = this.root.append('g').attr('class', 'axis axis-y');
    const chrome = this.root.append('g').attr('class', 'chrome').attr('font-family', FONT_FAMILY);
    const markers = this.root.append('g').attr('class', 'markers').attr('font-family', FONT_FAMILY);
    const lines = this.root.append('g').attr('class', 'lines').attr('clip-path', `url(#${clipId})`);
    const legend = this.root.append('g').attr('class', 'legend').attr('font-family', FONT_FAMILY);
    this.g = { axisX, axisY, chrome, markers, lines, legend };

    // the size comes with the observer's entries: reading it in every render forced a layout of the
    // page there, ten times a second while training
    this.resizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.borderBoxSize?.[0];
      this.size = box ? { width: box.inlineSize, height: box.blockSize } : null;
      this.schedule();
    });
    this.resizeObserver?.observe(container);
    this.render();
  }

  append(series: string, x: number, y: number): void {
    this.data(series).push(x, y);
    this.schedule();
  }

  /** Replaces a series' points (e.g. after a reset, or to load a saved run). */
  setSeries(series: string, xs: ArrayLike<number>, ys: ArrayLike<number>): void {
    const d = this.data(series);
    d.clear();
    const n = Math.min(xs.length, ys.length);
    for (let i = 0; i < n; i++) d.push(xs[i], ys[i]);
    this.schedule();
  }

  /** Number of points stored for a series (0 if unknown): lets a caller append only what is new. */
  count(series: string): number {
    return this.series.get(series)?.length ?? 0;
  }

  seriesNames(): string[] {
    return [...this.series.keys()];
  }

  /** Empties one series, or all of them (they keep their colours). */
  clear(series?: string): void {
    if (series === undefined) for (const d of this.series.values()) d.clear();
    else this.series.get(series)?.clear();
    this.schedule();
  }

  removeSeries(series: string): void {
    this.series.delete(series);
    this.schedule();
  }

  /** Vertical lines at parameter changes, labelled with `text`. */
  setMarkers(markers: ChartMarker[]): void {
    this.markers = markers.slice();
    this.schedule();
  }

  setOptions(opts: Partial<LineChartOptions>): void {
    Object.assign(this.opts, Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)));
    if ('yDomain' in opts) this.opts.yDomain = opts.yDomain ?? null;
    this.root.attr('aria-label', this.opts.ariaLabel);
    this.schedule();
  }

  setLogY(on: boolean): void {
    this.setOptions({ logY: on });
  }

  /** Redraws now if the container size changed (also done automatically via ResizeObserver). */
  resize(): void {
    this.size = null;
    this.render();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.queued) cancelAnimationFrame(this.queued);
    if (this.waiting) clearTimeout(this.waiting);
    this.resizeObserver?.disconnect();
    this.root.remove();
  }

  // ---- internals -------------------------------------------------------------------------------

  private data(series: string): SeriesData {
    let d = this.series.get(series);
    if (!d) {
      d = new SeriesData();
      this.series.set(series, d);
    }
    return d;
  }

  /** Coalesces any number of updates into one redraw on the next frame. */
  private schedule(): void {
    if (this.destroyed || this.queued || this.waiting) return;
    if (typeof requestAnimationFrame === 'undefined') {
      this.render();
      return;
    }
    const inFrame = () => {
      this.waiting = 0;
      this.queued = requestAnimationFrame(() => {
        this.queued = 0;
        this.lastRender = performance.now();
        this.render();
      });
    };
    // progress arrives ten times a second while training: a curve redrawn four times a second reads
    // as live, and each redraw lays out the chart's text again
    const wait = this.lastRender + MIN_RENDER_INTERVAL_MS - performance.now();
    if (wait > 0) this.waiting = window.setTimeout(inFrame, wait);
    else inFrame();
  }

  private colour(i: number): string {
    return this.opts.colours[i % this.opts.colours.length];
  }

  private render(): void {
    if (this.destroyed) return;
    const rect = this.size ?? this.container.getBoundingClientRect();
    this.width = Math.max(1, Math.round(rect.width));
    this.height = Math.max(1, Math.round(rect.height) || 220);
    const { width, height, opts } = this;
    this.root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

    const names = [...this.series.keys()];
    const L = chartLayout(width, height, names, opts, (i) => this.colour(i));
    const shown = shownSeries(names.map((n) => this.series.get(n) as SeriesData), Math.max(8, Math.floor(L.plotW / 2)), opts.smoothing);
    const x = stepScale(stepDomain(this.series.values()), L.left, L.plotW);
    const y = valueScale(shown, opts.logY, opts.yDomain, L.top, L.plotH);

    drawChartText(this.g.chrome, this.g.legend, L, opts, shown.every((d) => d.raw.xs.length === 0));
    this.clipRect.attr('x', L.left).attr('y', L.top - 2).attr('width', L.plotW).attr('height', L.plotH + 4);
    drawChartAxes(this.g.axisX, this.g.axisY, L, x, y, opts.logY);
    drawCurves(this.g.lines, names, shown, x, y, opts.logY, (i) => this.colour(i));
    drawMarkers(this.g.markers, this.markers, L, x);
  }
}
