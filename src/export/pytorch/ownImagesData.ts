/**
 * Your images in the PyTorch export: the set as the page splits it (the seeded 20 % per class that
 * ownImageSplits makes from the set's hash), so train.py trains and tests on exactly the page's
 * images. Records as CIFAR-10's binary format lays them out (a label byte, then the red, green and
 * blue planes of 32×32), beside a JSON file with the class names.
 */
import { strToU8 } from 'fflate';
import { OWN_SIDE, ownImageSplits, type OwnImageSet } from '../../data/ownImages';
import type { ImageSplit } from '../../data/types';

export const OWN_IMAGES_DATA = { meta: 'own-images.json', train: 'own-images-train.bin', test: 'own-images-test.bin' } as const;

const PLANE = OWN_SIDE * OWN_SIDE;

function records(split: ImageSplit): Uint8Array {
  const rec = 1 + 3 * PLANE;
  const out = new Uint8Array(split.count * rec);
  for (let i = 0; i < split.count; i++) {
    const o = i * rec;
    out[o] = split.labels[i];
    const px = split.images.subarray(i * 3 * PLANE, (i + 1) * 3 * PLANE);
    for (let p = 0; p < PLANE; p++) {
      out[o + 1 + p] = px[3 * p];
      out[o + 1 + PLANE + p] = px[3 * p + 1];
      out[o + 1 + 2 * PLANE + p] = px[3 * p + 2];
    }
  }
  return out;
}

/** The three files, by name (data.py's load_own_images reads them). */
export function ownImagesDataFiles(set: OwnImageSet, hash: string): Record<string, Uint8Array> {
  const { train, test } = ownImageSplits(set, hash);
  const meta = { format: 'metric-learning-playground/own-images', imageSet: hash, classNames: set.classNames, side: OWN_SIDE, train: train.count, test: test.count };
  return {
    [OWN_IMAGES_DATA.meta]: strToU8(JSON.stringify(meta, null, 2) + '\n'),
    [OWN_IMAGES_DATA.train]: records(train),
    [OWN_IMAGES_DATA.test]: records(test),
  };
}
