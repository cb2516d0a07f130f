/**
 * The UMAP layouts the page drew, by the snapshot points they lay out, so the training video can draw
 * each frame with the layout the page showed for it. Keyed by the points array, not the snapshot: the
 * store replaces a snapshot when its metrics arrive, with the same points. Weak: a layout goes when
 * nothing keeps its snapshot any more.
 */
const drawn = new WeakMap<Float32Array, Float32Array>();

export function rememberUmapLayout(points: Float32Array, layout: Float32Array): void {
  drawn.set(points, layout);
}

export function drawnUmapLayout(points: Float32Array): Float32Array | undefined {
  return drawn.get(points);
}
