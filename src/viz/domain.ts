/**
 * Axis domains for the embedding plot: pure functions so they can be tested in Node and shared by
 * several plots (a common domain makes side-by-side runs comparable).
 */

/** [[x0, x1], [y0, y1]] in data units */
export type Domain2D = [[number, number], [number, number]];

/**
 * Bounding box of row-major [n][2] points plus optional extra [m][2] points (overlay markers), skipping
 * non-finite values: a diverging run can emit NaN/Infinity and must not blank the whole plot.
 * Returns null when nothing finite is left.
 */
export function dataExtent(points: Float32Array, extra?: Float32Array | null): Domain2D | null {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  const scan = (a: Float32Array): void => {
    for (let i = 0; i + 1 < a.length; i += 2) {
      const x = a[i];
      const y = a[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  };
  scan(points);
  if (extra) scan(extra);
  if (x0 > x1) return null;
  return [
    [x0, x1],
    [y0, y1],
  ];
}

/** Grows a domain to include another (e.g. the unit circle's box). */
export function unionDomain(a: Domain2D, b: Domain2D): Domain2D {
  return [
    [Math.min(a[0][0], b[0][0]), Math.max(a[0][1], b[0][1])],
    [Math.min(a[1][0], b[1][0]), Math.max(a[1][1], b[1][1])],
  ];
}

/**
 * Pads each side by `fraction` of the larger span so markers at the edge are not clipped; a collapsed
 * axis (all points equal, e.g. at initialisation) gets a span of `minSpan` so the scale stays invertible.
 */
export function padDomain(d: Domain2D, fraction = 0.06, minSpan = 1e-3): Domain2D {
  const span = Math.max(d[0][1] - d[0][0], d[1][1] - d[1][0], minSpan);
  const pad = span * fraction;
  const axis = ([a, b]: [number, number]): [number, number] => {
    if (b - a < minSpan) {
      const mid = (a + b) / 2;
      return [mid - minSpan / 2 - pad, mid + minSpan / 2 + pad];
    }
    return [a - pad, b + pad];
  };
  return [axis(d[0]), axis(d[1])];
}

/**
 * Widens one axis so one data unit is the same number of pixels on both: distances and angles are what
 * metric learning is about, and the unit circle must look like a circle.
 */
export function equalizeAspect(d: Domain2D, widthPx: number, heightPx: number): Domain2D {
  if (!(widthPx > 0) || !(heightPx > 0)) return d;
  const sx = d[0][1] - d[0][0];
  const sy = d[1][1] - d[1][0];
  const unitsPerPx = Math.max(sx / widthPx, sy / heightPx);
  const grow = ([a, b]: [number, number], px: number): [number, number] => {
    const mid = (a + b) / 2;
    const half = (unitsPerPx * px) / 2;
    return [mid - half, mid + half];
  };
  return [grow(d[0], widthPx), grow(d[1], heightPx)];
}

/** Linear interpolation between two domains, for axis transitions in step with the points. */
export function lerpDomain(a: Domain2D, b: Domain2D, t: number): Domain2D {
  const l = (u: number, v: number): number => u + (v - u) * t;
  return [
    [l(a[0][0], b[0][0]), l(a[0][1], b[0][1])],
    [l(a[1][0], b[1][0]), l(a[1][1], b[1][1])],
  ];
}

/** Default domain when there is no data yet: the unit square around the origin. */
export const EMPTY_DOMAIN: Domain2D = [
  [-1, 1],
  [-1, 1],
];

/**
 * The domain the plot shows for a snapshot: the data (and overlay markers, and the unit circle when it
 * is drawn), padded, unless the caller forces a shared one; then equal aspect for the given plot size.
 */
export function plotDomain(args: {
  points: Float32Array;
  extra?: Float32Array | null;
  unitCircle?: boolean;
  shared?: Domain2D | null;
  widthPx: number;
  heightPx: number;
  padding?: number;
}): Domain2D {
  let d: Domain2D;
  if (args.shared) {
    d = args.shared;
  } else {
    let ext = dataExtent(args.points, args.extra) ?? null;
    if (args.unitCircle) {
      const circle: Domain2D = [
        [-1, 1],
        [-1, 1],
      ];
      ext = ext ? unionDomain(ext, circle) : circle;
    }
    d = padDomain(ext ?? EMPTY_DOMAIN, args.padding);
  }
  return equalizeAspect(d, args.widthPx, args.heightPx);
}

/**
 * The domain to keep showing when a new frame wants `next`: the shown one while `next` lies inside it
 * and still fills at least `fill` of its span on each axis, else `next`. Frames arrive several times
 * a second while training; rescaling the axes for every small change made the clusters wobble and
 * redrew the axes on every animation frame. With hysteresis the axes move when the cloud has clearly
 * grown or shrunk, and the points move against still axes in between.
 */
export function stickyDomain(shown: Domain2D | null, next: Domain2D, fill = 0.6): Domain2D {
  if (!shown) return next;
  const keeps = (s: [number, number], n: [number, number]): boolean => n[0] >= s[0] && n[1] <= s[1] && n[1] - n[0] >= fill * (s[1] - s[0]);
  return keeps(shown[0], next[0]) && keeps(shown[1], next[1]) ? shown : next;
}
