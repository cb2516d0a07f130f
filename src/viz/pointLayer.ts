/**
 * Canvas drawing of the scatter points. Points are filled as arcs batched into one Path2D per colour,
 * but in a few consecutive chunks of the draw order: one batch per colour would always paint the last
 * class on top of the others, one fill per point costs a state change each on GPU canvases; a handful
 * of chunks keeps the layering fair for a few dozen fills per frame.
 * (Measured in headless Chromium, 10 000 points: batched arcs ≈ 6 ms/frame, drawImage sprites ≈ 25–40.)
 */

/** Maps data units to CSS px: px = offset + scale·value (a d3 linear scale, flattened for the hot loop). */
export interface Affine {
  offset: number;
  scale: number;
}

/** The affine form of a linear scale (domain → range), e.g. a zoomed d3 scaleLinear. */
export function affineOf(s: { domain(): number[]; range(): number[] }): Affine {
  const [d0, d1] = s.domain();
  const [r0, r1] = s.range();
  const scale = (r1 - r0) / (d1 - d0);
  return { offset: r0 - d0 * scale, scale };
}

/** Point radius in CSS px: smaller as the cloud gets denser, so 10 000 points do not become one blob. */
export function pointRadius(n: number): number {
  if (n <= 1000) return 3;
  if (n <= 3000) return 2.4;
  if (n <= 6000) return 2;
  return 1.7;
}

const CHUNKS = 8;

/** Points are drawn translucent so dense clusters read darker; exports use the same value. */
export const POINT_ALPHA = 0.78;

/** Draws the points in `order` (later on top); returns how many fell inside the canvas. */
export function drawPoints(
  ctx: CanvasRenderingContext2D,
  positions: Float32Array,
  order: Uint32Array,
  bucket: Uint16Array,
  palette: string[],
  x: Affine,
  y: Affine,
  dpr: number,
  radiusCss: number,
  alpha = POINT_ALPHA,
): number {
  const r = radiusCss * dpr;
  const ax = x.offset * dpr;
  const bx = x.scale * dpr;
  const ay = y.offset * dpr;
  const by = y.scale * dpr;
  const w = ctx.canvas.width + r;
  const h = ctx.canvas.height + r;
  const chunk = Math.max(1, Math.ceil(order.length / CHUNKS));
  let drawn = 0;
  ctx.save();
  ctx.globalAlpha = alpha;
  for (let start = 0; start < order.length; start += chunk) {
    const paths: (Path2D | undefined)[] = new Array(palette.length);
    const end = Math.min(order.length, start + chunk);
    for (let k = start; k < end; k++) {
      const i = order[k];
      const px = ax + bx * positions[2 * i];
      const py = ay + by * positions[2 * i + 1];
      // NaN fails every comparison, so diverged points are skipped here too
      if (!(px > -r && py > -r && px < w && py < h)) continue;
      const b = bucket[i];
      let p = paths[b];
      if (!p) p = paths[b] = new Path2D();
      p.moveTo(px + r, py);
      p.arc(px, py, r, 0, 2 * Math.PI);
      drawn++;
    }
    for (let b = 0; b < paths.length; b++) {
      const p = paths[b];
      if (!p) continue;
      ctx.fillStyle = palette[b];
      ctx.fill(p);
    }
  }
  ctx.restore();
  return drawn;
}

/** Thin lines for mined triplets (anchor→positive dark, anchor→negative red), under the points. */
export function drawTriplets(
  ctx: CanvasRenderingContext2D,
  triplets: Float32Array,
  x: Affine,
  y: Affine,
  dpr: number,
  alpha: number,
  maxTriplets = 400,
): void {
  const count = Math.floor(triplets.length / 6);
  if (count === 0 || alpha <= 0) return;
  // batch-all mining can yield thousands of triplets; an even subset shows the pattern without a hairball
  const stride = Math.max(1, Math.ceil(count / maxTriplets));
  const X = (v: number): number => (x.offset + x.scale * v) * dpr;
  const Y = (v: number): number => (y.offset + y.scale * v) * dpr;
  ctx.save();
  ctx.lineWidth = Math.max(1, 0.8 * dpr);
  ctx.globalAlpha = 0.3 * alpha;
  for (const [colour, off] of [
    ['#333333', 2],
    ['#d62728', 4],
  ] as const) {
    ctx.strokeStyle = colour;
    ctx.beginPath();
    for (let t = 0; t < count; t += stride) {
      const b = 6 * t;
      ctx.moveTo(X(triplets[b]), Y(triplets[b + 1]));
      ctx.lineTo(X(triplets[b + off]), Y(triplets[b + off + 1]));
    }
    ctx.stroke();
  }
  ctx.restore();
}
