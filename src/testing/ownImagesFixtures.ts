// Test helper (not shipped): sets of "your images" drawn in plain JavaScript — a few classes of
// shapes (disc, square, triangle, cross) of random colour, size and place on a random background —
// and the files a user would load (PNG, zip).
import seedrandom from 'seedrandom';
import { OWN_IMAGE_BYTES, type OwnImageSet } from '../data/ownImages';
import { encodeRgbaPng } from '../export/pngEncode';

export const SHAPES = ['disc', 'square', 'triangle', 'cross'] as const;
export type Shape = (typeof SHAPES)[number];

/** One shape on a background, width×height RGB (HWC), the shape in the centre square. */
export function drawShape(shape: Shape, rng: () => number, width = 32, height = width): Uint8Array {
  const side = Math.min(width, height);
  const out = new Uint8Array(width * height * 3);
  const bg = [rng() * 120, rng() * 120, rng() * 120];
  const fg = [135 + rng() * 120, 135 + rng() * 120, 135 + rng() * 120];
  const r = side * (0.22 + rng() * 0.12);
  const cx = width / 2 + (rng() - 0.5) * side * 0.2;
  const cy = height / 2 + (rng() - 0.5) * side * 0.2;
  const inside = (x: number, y: number): boolean => {
    const dx = x - cx;
    const dy = y - cy;
    switch (shape) {
      case 'disc': return dx * dx + dy * dy <= r * r;
      case 'square': return Math.abs(dx) <= r * 0.85 && Math.abs(dy) <= r * 0.85;
      case 'triangle': return dy <= r * 0.8 && dy >= -r && Math.abs(dx) <= (dy + r) * 0.6;
      case 'cross': return (Math.abs(dx) <= r * 0.25 && Math.abs(dy) <= r) || (Math.abs(dy) <= r * 0.25 && Math.abs(dx) <= r);
    }
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = inside(x + 0.5, y + 0.5) ? fg : bg;
      const o = 3 * (y * width + x);
      out[o] = c[0]; out[o + 1] = c[1]; out[o + 2] = c[2];
    }
  }
  return out;
}

/** `perClass` images of each of the first `classes` shapes, class by class. */
export function shapeSet(classes: number, perClass: number, seed = 1): OwnImageSet {
  const rng = seedrandom(`shapes:${seed}`);
  const count = classes * perClass;
  const images = new Uint8Array(count * OWN_IMAGE_BYTES);
  const labels = new Uint8Array(count);
  for (let c = 0, i = 0; c < classes; c++) {
    for (let k = 0; k < perClass; k++, i++) {
      images.set(drawShape(SHAPES[c % SHAPES.length], rng), i * OWN_IMAGE_BYTES);
      labels[i] = c;
    }
  }
  return { classNames: SHAPES.slice(0, classes).map(String), images, labels, count };
}

/** An RGB (HWC) image as a PNG file. */
export function pngOf(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0, q = 0; q < rgb.length; p += 4, q += 3) { rgba[p] = rgb[q]; rgba[p + 1] = rgb[q + 1]; rgba[p + 2] = rgb[q + 2]; rgba[p + 3] = 255; }
  return encodeRgbaPng(width, height, rgba);
}
