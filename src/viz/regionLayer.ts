/**
 * The decision regions behind a 2-D plot, ready to draw: the grid as an image (one pixel per cell),
 * the refined cells' sub-cells as a second image, and the boundaries, built once per snapshot and
 * drawn every frame through the plot's current scales. `paintRegions` draws them onto any canvas, so
 * the page and the PNG / video exports draw them with the same code.
 */
import type { ScaleLinear } from 'd3';
import { classColours } from './colours';
import type { SceneRegions } from './plotTypes';
import { REGION_BOUNDARY_COLOUR, refinedPixels, regionAgreement, regionBoundaries, regionPixels, type RegionRaster } from './regions';

type Scale = ScaleLinear<number, number>;

/** RGBA pixels as a canvas (`reuse` is resized and redrawn when given). */
export function pixelCanvas(pixels: Uint8ClampedArray, width: number, height: number, reuse?: HTMLCanvasElement | null): HTMLCanvasElement {
  const c = reuse ?? document.createElement('canvas');
  c.width = width;
  c.height = height;
  c.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(pixels), width, height), 0, 0);
  return c;
}

/** The images of a SceneRegions' pixels (see pixelCanvas). */
export interface RegionImages {
  cells: CanvasImageSource;
  patches: CanvasImageSource | null;
}

export function regionImages(r: SceneRegions): RegionImages {
  const p = r.patches;
  return { cells: pixelCanvas(r.pixels, r.size, r.size), patches: p ? pixelCanvas(p.pixels, p.fine, p.pixels.length / 4 / p.fine) : null };
}

/**
 * Draws regions given in CSS px at (ox + px)·scale device pixels: the cells (no smoothing: the cells
 * are the data, smoothing would blur classes into each other), the refined cells' sub-cells over
 * them, then the boundaries.
 */
export function paintRegions(ctx: CanvasRenderingContext2D, r: SceneRegions, images: RegionImages, ox: number, oy: number, scale: number): void {
  const X = (v: number) => (ox + v) * scale;
  const Y = (v: number) => (oy + v) * scale;
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(images.cells, X(r.rect.x), Y(r.rect.y), r.rect.width * scale, r.rect.height * scale);
  const p = r.patches;
  if (p && images.patches) {
    for (let n = 0; 4 * n + 3 < p.rects.length; n++) {
      const q = 4 * n;
      ctx.drawImage(images.patches, 0, n * p.fine, p.fine, p.fine, X(p.rects[q]), Y(p.rects[q + 1]), p.rects[q + 2] * scale, p.rects[q + 3] * scale);
    }
  }
  const b = r.boundaries;
  ctx.beginPath();
  for (let i = 0; i + 3 < b.length; i += 4) {
    ctx.moveTo(X(b[i]), Y(b[i + 1]));
    ctx.lineTo(X(b[i + 2]), Y(b[i + 3]));
  }
  ctx.strokeStyle = REGION_BOUNDARY_COLOUR;
  ctx.lineWidth = scale;
  ctx.stroke();
  ctx.restore();
}

interface Built {
  grid: RegionRaster;
  pixels: Uint8ClampedArray;
  patchPixels: Uint8ClampedArray | null;
  images: { cells: HTMLCanvasElement; patches: HTMLCanvasElement | null };
  /** data-unit boundary segments */
  boundaries: Float32Array;
}

export class RegionLayer {
  private built: Built | null = null;

  get present(): boolean {
    return this.built !== null;
  }

  /**
   * Takes a snapshot's grid (null or malformed: no regions) coloured for `classes` classes; returns how
   * well it matches the predictions on the plotted points (see regionAgreement), or null without both.
   */
  set(g: RegionRaster | null | undefined, classes: number, points: Float32Array, predictions: Uint8Array | null | undefined): ReturnType<typeof regionAgreement> | null {
    const ref = g?.refined;
    const malformed = !g || g.labels.length !== g.size * g.size
      || (ref != null && ref.labels.length !== ref.cells.length * ref.fine * ref.fine);
    if (!g || malformed) {
      this.built = null;
      return null;
    }
    const palette = classColours(Math.max(classes, 1));
    const pixels = regionPixels(g, palette);
    const patchPixels = refinedPixels(g, palette);
    const old = this.built?.images;
    const images = {
      cells: pixelCanvas(pixels, g.size, g.size, old?.cells),
      patches: patchPixels && ref ? pixelCanvas(patchPixels, ref.fine, ref.fine * ref.cells.length, old?.patches) : null,
    };
    this.built = { grid: g, pixels, patchPixels, images, boundaries: regionBoundaries(g) };
    return predictions ? regionAgreement(g, points, predictions) : null;
  }

  /** Draws the regions; `dpr` device pixels per CSS px (the canvas is not scaled). */
  draw(ctx: CanvasRenderingContext2D, x: Scale, y: Scale, dpr: number): void {
    const r = this.built;
    if (r) paintRegions(ctx, this.project(r, x, y, false), r.images, 0, 0, dpr);
  }

  /** The regions in CSS px through the given scales, for export/ (arrays are copies). */
  scene(x: Scale, y: Scale): SceneRegions | null {
    return this.built ? this.project(this.built, x, y, true) : null;
  }

  private project(r: Built, x: Scale, y: Scale, copy: boolean): SceneRegions {
    const g = r.grid;
    const b = r.boundaries;
    const boundaries = new Float32Array(b.length);
    for (let i = 0; i < b.length; i += 2) {
      boundaries[i] = x(b[i]);
      boundaries[i + 1] = y(b[i + 1]);
    }
    let patches: SceneRegions['patches'] = null;
    const ref = g.refined;
    if (ref && r.patchPixels) {
      const w = (g.x1 - g.x0) / g.size, h = (g.y1 - g.y0) / g.size;
      const rects = new Float32Array(4 * ref.cells.length);
      ref.cells.forEach((k, n) => {
        const left = g.x0 + (k % g.size) * w, bottom = g.y0 + Math.floor(k / g.size) * h;
        rects.set([x(left), y(bottom + h), x(left + w) - x(left), y(bottom) - y(bottom + h)], 4 * n);
      });
      patches = { fine: ref.fine, pixels: copy ? r.patchPixels.slice() : r.patchPixels, rects };
    }
    return {
      size: g.size,
      pixels: copy ? r.pixels.slice() : r.pixels,
      rect: { x: x(g.x0), y: y(g.y1), width: x(g.x1) - x(g.x0), height: y(g.y0) - y(g.y1) },
      patches,
      boundaries,
    };
  }
}
