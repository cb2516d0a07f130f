import { strFromU8, unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../data/imageHeader';
import { OWN_IMAGE_BYTES } from '../data/ownImages';
import { CLASS_LIST_FILE, planDecode } from '../data/ownImagesPaths';
import { readZip } from '../data/zip';
import { shapeSet } from '../testing/ownImagesFixtures';
import { ownImagesZip } from './ownImagesZip';

/** Our encoder's PNG (RGBA, filter 0 on every row) back to RGB. */
function rgbOfPng(png: Uint8Array): Uint8Array {
  const idat: Uint8Array[] = [];
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at < png.length;) {
    const len = v.getUint32(at);
    if (strFromU8(png.subarray(at + 4, at + 8)) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = unzlibSync(idat.length === 1 ? idat[0] : new Uint8Array(idat.flatMap((c) => [...c])));
  const out = new Uint8Array(OWN_IMAGE_BYTES);
  for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) for (let k = 0; k < 3; k++) out[3 * (32 * y + x) + k] = raw[y * 129 + 1 + 4 * x + k];
  return out;
}

describe('Export images (.zip)', () => {
  it('writes one folder per class of 32×32 PNGs and classes.txt; read back, it is the same set in the same order', () => {
    const set = shapeSet(3, 7);
    set.classNames = ['zebra', 'apple', 'mango']; // not in name order: classes.txt keeps it
    const listing = readZip(ownImagesZip(set));
    const paths = listing.entries.map((e) => e.path);
    expect(paths).toContain(`your-images/${CLASS_LIST_FILE}`);
    expect(paths).toContain('your-images/zebra/01.png'); // numbered to sort in order
    const list = strFromU8(listing.entries[paths.indexOf(`your-images/${CLASS_LIST_FILE}`)].read());
    const images = listing.entries.filter((e) => !e.path.endsWith(CLASS_LIST_FILE));
    const plan = planDecode(images.map((e) => ({ path: e.path, root: 'your-images.zip', fallback: 'your-images' })), list, 20, 10_000);
    expect(plan.classes.map((c) => c.name)).toEqual(['zebra', 'apple', 'mango']);
    let i = 0;
    for (const c of plan.classes) {
      for (const m of c.members) {
        const png = images[m].read();
        expect(readImageHeader(png)).toEqual({ ok: true, header: { format: 'png', width: 32, height: 32 } });
        expect(rgbOfPng(png)).toEqual(set.images.subarray(i * OWN_IMAGE_BYTES, (i + 1) * OWN_IMAGE_BYTES));
        i++;
      }
    }
    expect(i).toBe(set.count);
  });
});
