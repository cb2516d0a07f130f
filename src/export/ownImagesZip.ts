/**
 * "Export images (.zip)": your classes as a .zip in the layout "Load images…" reads — one folder per
 * class, named after it, holding its 32×32 images as PNG (lossless: loaded again, the set has the
 * same pixels and so the same content hash, and a link that names it finds it) — and classes.txt,
 * which keeps the classes' order (their labels). Runs on the page, in Node for tests too.
 */
import { strToU8, zipSync } from 'fflate';
import { OWN_IMAGE_BYTES, OWN_SIDE, type OwnImageSet } from '../data/ownImages';
import { CLASS_LIST_FILE } from '../data/ownImagesPaths';
import { encodeRgbaPng } from './pngEncode';

export const OWN_IMAGES_FOLDER = 'your-images';

/** The zip's bytes; class folders in class order, images numbered in the set's order. */
export function ownImagesZip(set: OwnImageSet, folder = OWN_IMAGES_FOLDER): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  entries[`${folder}/${CLASS_LIST_FILE}`] = strToU8(set.classNames.join('\n') + '\n');
  const seen = set.classNames.map(() => 0);
  const width = String(Math.max(1, set.count)).length;
  const rgba = new Uint8Array(OWN_SIDE * OWN_SIDE * 4);
  for (let i = 0; i < set.count; i++) {
    const c = set.labels[i];
    const px = set.images.subarray(i * OWN_IMAGE_BYTES, (i + 1) * OWN_IMAGE_BYTES);
    for (let p = 0, q = 0; q < px.length; p += 4, q += 3) { rgba[p] = px[q]; rgba[p + 1] = px[q + 1]; rgba[p + 2] = px[q + 2]; rgba[p + 3] = 255; }
    entries[`${folder}/${set.classNames[c]}/${String(++seen[c]).padStart(width, '0')}.png`] = encodeRgbaPng(OWN_SIDE, OWN_SIDE, rgba);
  }
  // PNG is deflated already: stored entries cost nothing to read back
  return zipSync(entries, { level: 0 });
}
