/**
 * Line chart for training curves (loss, accuracy per run): SVG via d3, redrawn at most once per
 * animation frame however often data is appended, with min–max decimation to the pixel width.
 */
import {
  axisBottom,
  axisLeft,
  format,
  scaleLinear,
  scaleLog,
  schemeDark2,
  select,
  type ScaleContinuousNumeric,
  type Selection,
} from 'd3';
import { decimateMinMax, smoothEma } from './decimate';
import { finiteExtent, labelledMarkers, SeriesData } from './lineSeries';
import { FONT, FONT_FAMILY, GUIDE_COLOUR, MUTED_TEXT, TEXT_COLOUR, nextId, styleAxis, textWidth } from './plotStyle';

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

export interface ChartMarker {
  step: number;
  text: string;
}

type G = Selection<SVGGElement, unknown, null, undefined>;

export class LineChart {
  readonly svg: SVGSVGElement;

  private readonly container: HTMLElement;
  private readonly root: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly g: { axisX: G; axisY: G; chrome: G; markers: G; lines: G; legend: G };
  private readonly clipRect: Selection<SVGRectElement, unknown, null, undefined>;
  private readonly resizeObserver: ResizeObserver | null;
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

    this.resizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.schedule());
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
    this.render();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.queued) cancelAnimationFrame(this.queued);
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
    if (this.destroyed || this.queued) return;
    if (typeof requestAnimationFrame === 'undefined') {
      this.render();
      return;
    }
    this.queued = requestAnimationFrame(() => {
      this.queued = 0;
      this.render();
    });
  }

  private colour(i: number): string {
    return this.opts.colours[i % this.opts.colours.length];
  }

  private render(): void {
    if (this.destroyed) return;
    const rect = this.container.getBoundingClientRect();
    this.width = Math.max(1, Math.round(rect.width));
    this.height = Math.max(1, Math.round(rect.height) || 220);
    const { width, height, opts } = this;
    this.root.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

    // legend: one row of entries after the title, wrapping when it does not fit
    const names = [...this.series.keys()];
    const left = 48 + (opts.yLabel ? 14 : 0);
    const right = 14;
    const titleW = opts.title ? textWidth(opts.title, `600 12px ${FONT_FAMILY}`) + 16 : 0;
    const entries: { name: string; x: number; row: number; colour: string }[] = [];
    let cx = left + titleW;
    let row = 0;
    names.forEach((name, i) => {
      const w = 22 + textWidth(name, FONT) + 14;
      if (cx + w > width - right && cx > left + titleW) {
        row += 1;
        cx = left;
      }
      entries.push({ name, x: cx, row, colour: this.colour(i) });
      cx += w;
    });
    const headerRows = opts.title || names.length > 0 ? row + 1 : 0;
    const top = 8 + headerRows * 16 + 6;
    const bottom = 30 + (opts.xLabel ? 10 : 0);
    const plotW = Math.max(10, width - left - right);
    const plotH = Math.max(10, height - top - bottom);

    const chrome = this.g.chrome;
    chrome.selectAll('*').remove();
    if (opts.title) {
      chrome.append('text').attr('x', left).attr('y', 18).attr('font-size', 12).attr('font-weight', 600).attr('fill', TEXT_COLOUR).text(opts.title);
    }
    if (opts.xLabel) {
      chrome.append('text').attr('x', left + plotW).attr('y', height - 4).attr('text-anchor', 'end').attr('font-size', 10).attr('fill', MUTED_TEXT).text(opts.xLabel);
    }
    if (opts.yLabel) {
      chrome.append('text').attr('transform', `translate(11,${top + plotH / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('font-size', 10).attr('fill', MUTED_TEXT).text(opts.yLabel);
    }
    const legend = this.g.legend
      .selectAll<SVGGElement, (typeof entries)[number]>('g.entry')
      .data(entries, (d) => d.name)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'entry');
        e.append('line').attr('x1', 0).attr('x2', 16).attr('stroke-width', 2);
        e.append('text').attr('x', 22).attr('dy', '0.35em').attr('font-size', 11).attr('fill', TEXT_COLOUR);
        return e;
      });
    legend.attr('transform', (d) => `translate(${d.x},${14 + d.row * 16})`);
    legend.select('line').attr('stroke', (d) => d.colour);
    legend.select('text').text((d) => d.name);

    // scales from the data
    let x0 = Infinity;
    let x1 = -Infinity;
    for (const d of this.series.values()) {
      if (d.length === 0) continue;
      x0 = Math.min(x0, d.xs[0]);
      x1 = Math.max(x1, d.xs[d.length - 1]);
    }
    if (!(x0 <= x1)) [x0, x1] = [0, 1];
    // curves that begin at step 1 or 20 still read from 0, where training started
    if (x0 > 0 && x0 <= 0.05 * (x1 - x0)) x0 = 0;
    if (x1 - x0 < 1) x1 = x0 + 1;
    const x = scaleLinear().domain([x0, x1]).range([left, left + plotW]);
    // 2,500 but 15k: steps run into the tens of thousands, where full numbers would crowd the axis
    const stepFormat = format(x1 >= 10_000 ? '~s' : ',');
    const buckets = Math.max(8, Math.floor(plotW / 2));
    const shown = names.map((name) => {
      const d = this.series.get(name) as SeriesData;
      const smoothed = opts.smoothing > 0 ? smoothEma(d.ys, d.length, opts.smoothing) : null;
      return {
        raw: decimateMinMax(d.xs, d.ys, d.length, buckets),
        smooth: smoothed ? decimateMinMax(d.xs, smoothed, d.length, buckets) : null,
      };
    });
    const yExtent =
      opts.yDomain ??
      finiteExtent(
        shown.map((s) => ({ values: s.raw.ys, length: s.raw.ys.length })),
        opts.logY,
      ) ??
      (opts.logY ? [0.01, 1] : [0, 1]);
    let y: ScaleContinuousNumeric<number, number>;
    if (opts.logY) {
      const lo = Math.max(yExtent[0], 1e-12);
      const hi = Math.max(yExtent[1], lo * 1.5);
      // a small multiplicative margin instead of .nice(): rounding out to whole decades would leave
      // most of the height empty when a loss spans less than one decade
      y = opts.yDomain
        ? scaleLog().domain([lo, hi]).range([top + plotH, top])
        : scaleLog().domain([lo / 1.15, hi * 1.15]).range([top + plotH, top]);
    } else {
      const [lo, hi] = yExtent[0] === yExtent[1] ? [yExtent[0] - 0.5, yExtent[1] + 0.5] : yExtent;
      y = scaleLinear().domain([lo, hi]).range([top + plotH, top]);
      if (!opts.yDomain) y.nice();
    }

    this.clipRect.attr('x', left).attr('y', top - 2).attr('width', plotW).attr('height', plotH + 4);
    const ticksX = Math.max(2, Math.floor(plotW / 90));
    const ticksY = Math.max(2, Math.floor(plotH / 40));
    this.g.axisX.attr('transform', `translate(0,${top + plotH})`).call(axisBottom(x).ticks(ticksX).tickFormat((v) => stepFormat(v.valueOf())).tickSizeOuter(0).tickSize(4));
    const yAxis = axisLeft(y).tickSizeOuter(0).tickSize(4);
    // '~g' on a log axis labels only round values (1, 0.1, …) instead of every minor tick
    if (opts.logY) yAxis.ticks(ticksY, '~g');
    else yAxis.ticks(ticksY);
    this.g.axisY.attr('transform', `translate(${left},0)`).call(yAxis);
    styleAxis(this.g.axisX);
    styleAxis(this.g.axisY);
    // grid lines only at labelled ticks: a log axis has eight unlabelled minor ticks per decade
    this.g.axisY.selectAll<SVGGElement, unknown>('.tick').each(function () {
      const t = select(this);
      if (t.select('line.grid').empty()) t.append('line').attr('class', 'grid');
      const labelled = (t.select('text').text() ?? '') !== '';
      t.select('line.grid')
        .attr('x1', 0)
        .attr('x2', plotW)
        .attr('stroke', GUIDE_COLOUR)
        .attr('stroke-opacity', 0.6)
        .style('display', labelled ? 'inline' : 'none');
    });

    // curves
    // a hand-built path string: cheaper than d3.line for thousands of points redrawn at 10 Hz, and
    // it lifts the pen over NaN (diverged) and non-positive (log axis) values
    const path = (xs: Float64Array, ys: Float64Array): string => {
      let dStr = '';
      let pen = false;
      for (let i = 0; i < xs.length; i++) {
        const v = ys[i];
        const ok = Number.isFinite(v) && (!opts.logY || v > 0);
        if (!ok) {
          pen = false;
          continue;
        }
        dStr += `${pen ? 'L' : 'M'}${x(xs[i]).toFixed(1)},${y(v).toFixed(1)}`;
        pen = true;
      }
      return dStr;
    };
    const curves = names.map((name, i) => ({ name, i, ...shown[i] }));
    const groups = this.g.lines
      .selectAll<SVGGElement, (typeof curves)[number]>('g.series')
      .data(curves, (d) => d.name)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'series');
        e.append('path').attr('class', 'raw').attr('fill', 'none').attr('stroke-linejoin', 'round');
        e.append('path').attr('class', 'smooth').attr('fill', 'none').attr('stroke-linejoin', 'round');
        return e;
      });
    groups
      .select('path.raw')
      .attr('stroke', (d) => this.colour(d.i))
      .attr('stroke-width', (d) => (d.smooth ? 1 : 1.5))
      .attr('stroke-opacity', (d) => (d.smooth ? 0.25 : 0.95))
      .attr('d', (d) => path(d.raw.xs, d.raw.ys));
    groups
      .select('path.smooth')
      .attr('stroke', (d) => this.colour(d.i))
      .attr('stroke-width', 1.75)
      .attr('d', (d) => (d.smooth ? path(d.smooth.xs, d.smooth.ys) : null));

    const empty = shown.every((d) => d.raw.xs.length === 0);
    this.g.chrome
      .append('text')
      .attr('x', left + plotW / 2)
      .attr('y', top + plotH / 2)
      .attr('text-anchor', 'middle')
      .attr('font-size', 11)
      .attr('fill', MUTED_TEXT)
      .style('display', empty ? 'inline' : 'none')
      .text('no data yet');

    // parameter-change markers
    const visible = this.markers.filter((m) => m.step >= x0 && m.step <= x1);
    const px = visible.map((m) => x(m.step));
    const labelled = labelledMarkers(px, 13);
    const marks = this.g.markers
      .selectAll<SVGGElement, ChartMarker>('g.marker')
      .data(visible)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'marker');
        e.append('line').attr('stroke', '#888').attr('stroke-dasharray', '3 3').attr('stroke-width', 1);
        e.append('text')
          .attr('font-size', 9)
          .attr('fill', MUTED_TEXT)
          .attr('text-anchor', 'end')
          .attr('stroke', '#fff')
          .attr('stroke-width', 3)
          .attr('paint-order', 'stroke');
        e.append('title');
        return e;
      });
    const maxChars = Math.max(6, Math.floor(plotH / 5.5));
    marks.attr('transform', (_, i) => `translate(${px[i]},0)`);
    marks.select('line').attr('y1', top).attr('y2', top + plotH);
    marks
      .select('text')
      .attr('transform', `translate(-3,${top + 3}) rotate(-90)`)
      .style('display', (_, i) => (labelled[i] > 0 ? 'inline' : 'none'))
      .text((d, i) => {
        const more = labelled[i] > 1 ? ` (+${labelled[i] - 1})` : '';
        const room = maxChars - more.length;
        return (d.text.length > room ? `${d.text.slice(0, Math.max(1, room - 1))}…` : d.text) + more;
      });
    marks.select('title').text((d) => `step ${d.step}: ${d.text}`);
  }
}
