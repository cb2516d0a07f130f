/**
 * A figure is one or more plot panels laid out on a white page, each with a caption. It is a plain
 * description (no DOM), so the SVG string builder and the layout are tested in Node; png.ts draws
 * the same description onto a canvas at any scale.
 */
import type { SceneRegions } from '../viz/plotTypes';
import { REGION_BOUNDARY_COLOUR } from '../viz/regions';
import { encodeRgbaPng, toBase64 } from './pngEncode';

/** One plot as export sees it: points in CSS px with colours, plus the plot's SVG chrome as markup. */
export interface PanelScene {
  width: number;
  height: number;
  plotArea: { x: number; y: number; width: number; height: number };
  /** CSS px, row-major [n][2] */
  positions: Float32Array;
  /** draw order (later on top) */
  order: Uint32Array;
  /** palette index per point */
  bucket: Uint16Array;
  palette: string[];
  radius: number;
  alpha: number;
  /** axes, legend, overlay marks and labels as SVG markup (children of an <svg>, fonts already set) */
  chrome: string;
  /** decision regions as shown on the page, drawn under the points (absent: none) */
  regions?: PanelRegions | null;
}

/** The regions as the plot shows them, in CSS px (see SceneRegions). */
export type PanelRegions = SceneRegions;

/**
 * The refined cells' sub-cells: their stacked image once (in <defs>), and per cell a nested <svg> that
 * shows its part of that image over the cell's rectangle (a viewBox crops, the <svg> clips).
 */
export function patchesSvg(p: NonNullable<PanelRegions['patches']>, id: string): string[] {
  const f = p.fine;
  const count = p.rects.length / 4;
  const png = toBase64(encodeRgbaPng(f, f * count, p.pixels));
  const out = [`<defs><image id="${id}" width="${f}" height="${f * count}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${png}"/></defs>`];
  for (let n = 0; n < count; n++) {
    const [x, y, w, h] = p.rects.subarray(4 * n, 4 * n + 4);
    out.push(`<svg x="${n2(x)}" y="${n2(y)}" width="${n2(w)}" height="${n2(h)}" viewBox="0 ${n * f} ${f} ${f}" preserveAspectRatio="none"><use href="#${id}"/></svg>`);
  }
  return out;
}

/** The boundaries as one SVG path (CSS px). */
export function boundaryPath(b: Float32Array): string {
  const d: string[] = [];
  for (let i = 0; i + 3 < b.length; i += 4) d.push(`M${n2(b[i])} ${n2(b[i + 1])}L${n2(b[i + 2])} ${n2(b[i + 3])}`);
  return d.join('');
}


export interface Panel {
  x: number;
  y: number;
  caption: string;
  /** drawn right-aligned on the caption line, e.g. the step counter of a video frame */
  note?: string;
  scene: PanelScene;
}

export interface Figure {
  width: number;
  height: number;
  panels: Panel[];
}

/**
 * Fonts of exported figures. A generic, metric-compatible stack rather than the page's `system-ui`:
 * Helvetica (macOS), Arial (Windows) and Liberation/Nimbus Sans (Linux) share glyph widths, so text
 * lines up the same wherever the SVG is opened, and journals accept them. Embedding a font would add
 * a font file and its licence to every figure for little gain at these sizes.
 */
export const EXPORT_FONT = 'Helvetica, Arial, "Liberation Sans", "Nimbus Sans", sans-serif';
export const CAPTION_HEIGHT = 22;
export const PAGE_PADDING = 12;
export const PANEL_GAP = 16;

/** Row-major grid of panels, `columns` wide; each row as tall as its tallest panel. */
export function gridLayout(
  scenes: PanelScene[],
  captions: string[],
  columns: number,
): Figure {
  const cols = Math.max(1, Math.min(Math.floor(columns) || 1, scenes.length));
  const rows = Math.ceil(scenes.length / cols);
  const colW = Array.from({ length: cols }, (_, c) => Math.max(0, ...scenes.filter((_, i) => i % cols === c).map((s) => s.width)));
  const rowH = Array.from({ length: rows }, (_, r) => CAPTION_HEIGHT + Math.max(0, ...scenes.slice(r * cols, (r + 1) * cols).map((s) => s.height)));
  const panels: Panel[] = scenes.map((scene, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const x = PAGE_PADDING + colW.slice(0, c).reduce((a, b) => a + b + PANEL_GAP, 0);
    const y = PAGE_PADDING + rowH.slice(0, r).reduce((a, b) => a + b + PANEL_GAP, 0);
    return { x, y, caption: captions[i] ?? '', scene };
  });
  const width = 2 * PAGE_PADDING + colW.reduce((a, b) => a + b, 0) + PANEL_GAP * (cols - 1);
  const height = 2 * PAGE_PADDING + rowH.reduce((a, b) => a + b, 0) + PANEL_GAP * (rows - 1);
  return { width: Math.ceil(width), height: Math.ceil(height), panels };
}

/** How many plots share the first row on the page (their tops within a few px of the first one's). */
export function columnsFromTops(tops: number[]): number {
  if (tops.length === 0) return 1;
  return Math.max(1, tops.filter((t) => Math.abs(t - tops[0]) < 4).length);
}

/** Indices of the points that are on screen: finite and inside the plot area (grown by the radius). */
export function shownPoints(s: PanelScene): number[] {
  const { x, y, width, height } = s.plotArea;
  const r = s.radius;
  const out: number[] = [];
  for (const i of s.order) {
    const px = s.positions[2 * i];
    const py = s.positions[2 * i + 1];
    // NaN fails every comparison, so a diverged point is left out here too
    if (px >= x - r && px <= x + width + r && py >= y - r && py <= y + height + r) out.push(i);
  }
  return out;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Two decimals of a CSS px are far below what any printer resolves and keep the file small. */
function n2(v: number): string {
  return String(Math.round(v * 100) / 100);
}

export interface SvgOptions {
  /** false: only chrome and captions on a transparent page (png.ts draws the points itself) */
  points?: boolean;
  /** scale of the outer width/height (the viewBox stays in CSS px), for rasterising at 2× or 4× */
  scale?: number;
}

/** The figure as a standalone SVG document: one <circle> per shown point, under the plot's chrome. */
export function figureToSvg(fig: Figure, opts: SvgOptions = {}): string {
  const withPoints = opts.points !== false;
  const scale = opts.scale ?? 1;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n2(fig.width * scale)}" height="${n2(fig.height * scale)}" viewBox="0 0 ${fig.width} ${fig.height}" font-family="${escapeXml(EXPORT_FONT)}">`,
  );
  if (withPoints) out.push(`<rect width="${fig.width}" height="${fig.height}" fill="#fff"/>`);
  fig.panels.forEach((p, k) => {
    const s = p.scene;
    out.push(`<g class="panel" transform="translate(${n2(p.x)},${n2(p.y)})">`);
    if (p.caption) {
      out.push(`<text class="caption" x="0" y="15" font-size="13" font-weight="600" fill="#222">${escapeXml(p.caption)}</text>`);
    }
    if (p.note) {
      out.push(`<text class="note" x="${n2(s.width)}" y="15" font-size="13" font-weight="600" fill="#222" text-anchor="end">${escapeXml(p.note)}</text>`);
    }
    out.push(`<g transform="translate(0,${CAPTION_HEIGHT})">`);
    if (withPoints) {
      const a = s.plotArea;
      const clip = `export-points-clip-${k}`;
      out.push(`<clipPath id="${clip}"><rect x="${n2(a.x)}" y="${n2(a.y)}" width="${n2(a.width)}" height="${n2(a.height)}"/></clipPath>`);
      const g = s.regions;
      if (g) {
        // one pixel per grid cell, stretched without smoothing: the cells are the data
        const png = toBase64(encodeRgbaPng(g.size, g.size, g.pixels));
        out.push(`<g class="regions" clip-path="url(#${clip})">`);
        out.push(`<image x="${n2(g.rect.x)}" y="${n2(g.rect.y)}" width="${n2(g.rect.width)}" height="${n2(g.rect.height)}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${png}"/>`);
        if (g.patches) out.push(...patchesSvg(g.patches, `export-region-patches-${k}`));
        out.push(`<path class="boundaries" d="${boundaryPath(g.boundaries)}" fill="none" stroke="${REGION_BOUNDARY_COLOUR}" stroke-width="1"/>`);
        out.push('</g>');
      }
      out.push(`<g class="points" clip-path="url(#${clip})" fill-opacity="${s.alpha}">`);
      const r = n2(s.radius);
      for (const i of shownPoints(s)) {
        out.push(`<circle cx="${n2(s.positions[2 * i])}" cy="${n2(s.positions[2 * i + 1])}" r="${r}" fill="${s.palette[s.bucket[i]]}"/>`);
      }
      out.push('</g>');
    }
    out.push(`<g class="chrome">${s.chrome}</g>`);
    out.push('</g></g>');
  });
  out.push('</svg>');
  return out.join('\n');
}
