/**
 * What the plots are given and what they give back: the 2-D plot's snapshot, and the scene export/
 * redraws (the 2-D plot and the 3-D view both produce it). Types only.
 */
import type { OverlayKind } from './embeddingLegend';
import type { RegionRaster } from './regions';

export interface EmbeddingOverlay {
  kind: OverlayKind;
  /** row-major [m][2], projected into the plot's space; row c belongs to class c */
  points: Float32Array;
}

export interface EmbeddingSnapshot {
  step: number;
  /** row-major [n][2], already projected */
  points: Float32Array;
  labels: Uint8Array;
  predictions?: Uint8Array | null;
  gradNorms?: Float32Array | null;
  overlay?: EmbeddingOverlay | null;
  /** draw the unit circle (heated-up softmax shows normalised features on it) */
  unitCircle?: boolean;
  /** mined triplets: 6 numbers each (anchor x,y, positive x,y, negative x,y), projected */
  triplets?: Float32Array | null;
  /** parameter changes so far; the latest one at or before `step` is shown under the step label */
  marks?: { step: number; text: string }[];
  /** decision regions in the plot's space (2-D runs), drawn behind the points */
  regions?: RegionRaster | null;
  /** 1 where a point belongs to a held-out (unknown) class: drawn grey, with an "unknown" legend entry */
  unknown?: Uint8Array | null;
  /** a frame while training that shows part of the shown points: how many there are in all (said on the plot) */
  partOf?: number | null;
}

/** A plot's box in CSS px: the whole figure, and the plot area inside its axes, titles and legend. */
export interface PlotBox {
  width: number;
  height: number;
  left: number;
  top: number;
  plotW: number;
  plotH: number;
}

/** A rectangle in CSS px. */
export interface PxRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Decision regions as shown: one RGBA pixel per grid cell, top row first, stretched over `rect` (CSS px,
 * may reach outside the plot area: clip to it), the refined cells' sub-cells drawn over their cells,
 * and the boundaries as CSS-px segments (x₁, y₁, x₂, y₂).
 */
export interface SceneRegions {
  size: number;
  pixels: Uint8ClampedArray;
  rect: PxRect;
  /**
   * Refined cells: `fine` × `fine` pixels each, stacked in one image `fine` wide (see refinedPixels),
   * patch n stretched over rects[4n…4n+3] (x, y, width, height, CSS px); null when none.
   */
  patches: { fine: number; pixels: Uint8ClampedArray; rects: Float32Array } | null;
  boundaries: Float32Array;
}

/**
 * What the plot shows right now, for export/: the points in CSS px with their colours and draw order
 * (so SVG and PNG can redraw them as vectors or at any scale), and the SVG layer with axes, legend and
 * overlay marks. Arrays are copies; `svg` is the live element (read it, do not change it).
 */
export interface PlotScene {
  width: number;
  height: number;
  /** the clipped plot area inside the axes, CSS px */
  plotArea: PxRect;
  /** on-screen positions in CSS px, row-major [n][2] (mid-animation if an animation is running) */
  positions: Float32Array;
  /** the latest snapshot's projected 2-D coordinates in data units, row-major [n][2] */
  data: Float32Array;
  order: Uint32Array;
  bucket: Uint16Array;
  palette: string[];
  radius: number;
  alpha: number;
  /** the latest snapshot's step, or null before the first one */
  step: number | null;
  axisLabels: [string, string] | null;
  svg: SVGSVGElement;
  /** decision regions as shown (null when off or absent) */
  regions: SceneRegions | null;
}

export type HoverCallback = (index: number | null, clientX: number, clientY: number) => void;
