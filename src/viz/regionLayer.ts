/**
 * The decision regions behind a 2-D plot, ready to draw: the grid as an image (one pixel per cell)
 * and its boundaries, built once per snapshot and drawn every frame through the plot's current scales.
 */
import type { ScaleLinear } from 'd3';
import { classColours } from './colours';
import type { SceneRegions } from './plotTypes';
import { REGION_BOUNDARY_COLOUR, regionAgreement, regionBoundaries, regionPixels, type RegionRaster } from './regions';

type Scale = ScaleLinear<number, number>;

export class RegionLayer {
  private built: { grid: RegionRaster; pixels: Uint8ClampedArray; image: HTMLCanvasElement; boundaries: Float32Array } | null = null;

  get present(): boolean {
    return this.built !== null;
  }

  /**
   * Takes a snapshot's grid (null or malformed: no regions) coloured for `classes` classes; returns how
   * well it matches the predictions on the plotted points (see regionAgreement), or null without both.
   */
  set(g: RegionRaster | null | undefined, classes: number, points: Float32Array, predictions: Uint8Array | null | undefined): ReturnType<typeof regionAgreement> | null {
    if (!g || g.labels.length !== g.size * g.size) {
      this.built = null;
      return null;
    }
    const pixels = regionPixels(g, classColours(Math.max(classes, 1)));
    const image = this.built?.image ?? document.createElement('canvas');
    image.width = g.size;
    image.height = g.size;
    image.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(pixels), g.size, g.size), 0, 0);
    this.built = { grid: g, pixels, image, boundaries: regionBoundaries(g) };
    return predictions ? regionAgreement(g, points, predictions) : null;
  }

  /** Draws the cells and boundaries; `dpr` device pixels per CSS px (the canvas is not scaled). */
  draw(ctx: CanvasRenderingContext2D, x: Scale, y: Scale, dpr: number): void {
    const r = this.built;
    if (!r) return;
    const g = r.grid;
    ctx.save();
    // the cells are the data; smoothing would blur classes into each other
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(r.image, x(g.x0) * dpr, y(g.y1) * dpr, (x(g.x1) - x(g.x0)) * dpr, (y(g.y0) - y(g.y1)) * dpr);
    const b = r.boundaries;
    ctx.beginPath();
    for (let i = 0; i < b.length; i += 4) {
      ctx.moveTo(x(b[i]) * dpr, y(b[i + 1]) * dpr);
      ctx.lineTo(x(b[i + 2]) * dpr, y(b[i + 3]) * dpr);
    }
    ctx.strokeStyle = REGION_BOUNDARY_COLOUR;
    ctx.lineWidth = dpr;
    ctx.stroke();
    ctx.restore();
  }

  /** The regions in CSS px through the given scales, for export/. */
  scene(x: Scale, y: Scale): SceneRegions | null {
    const r = this.built;
    if (!r) return null;
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
}
