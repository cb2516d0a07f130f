/**
 * Draws a figure onto a canvas at 1×, 2× or 4×: the points as canvas circles at that resolution, then
 * the chrome (axes, legend, overlay, captions) as an SVG image rendered at the same resolution, so
 * both stay sharp. Browser only.
 */
import { drawPoints } from '../viz/pointLayer';
import { paintRegions, regionImages } from '../viz/regionLayer';
import { CAPTION_HEIGHT, figureToSvg, type Figure } from './figure';

async function svgImage(svg: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Sizes the canvas to the figure × scale and draws it. */
export async function renderFigure(canvas: HTMLCanvasElement | OffscreenCanvas, fig: Figure, scale: number): Promise<void> {
  const w = Math.round(fig.width * scale);
  const h = Math.round(fig.height * scale);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | null;
  if (!ctx) throw new Error('no 2-D canvas context for the export');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  for (const p of fig.panels) {
    const s = p.scene;
    const ox = p.x;
    const oy = p.y + CAPTION_HEIGHT;
    const a = s.plotArea;
    ctx.save();
    ctx.beginPath();
    ctx.rect((ox + a.x) * scale, (oy + a.y) * scale, a.width * scale, a.height * scale);
    ctx.clip();
    // the decision regions under the points, as the page draws them
    if (s.regions) paintRegions(ctx, s.regions, regionImages(s.regions), ox, oy, scale);
    // positions are CSS px inside the panel: the affine only shifts them to the panel's place
    drawPoints(ctx, s.positions, s.order, s.bucket, s.palette, { offset: ox, scale: 1 }, { offset: oy, scale: 1 }, scale, s.radius, s.alpha);
    ctx.restore();
  }
  const chrome = await svgImage(figureToSvg(fig, { points: false, scale }));
  ctx.drawImage(chrome, 0, 0, w, h);
}

export async function figureToPng(fig: Figure, scale: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  await renderFigure(canvas, fig, scale);
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(`the ${canvas.width}×${canvas.height} image could not be encoded as PNG`))), 'image/png');
  });
}
