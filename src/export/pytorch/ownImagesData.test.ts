import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ownImagesDataset } from '../../data/ownImages';
import { shapeSet } from '../../testing/ownImagesFixtures';
import { OWN_IMAGES_DATA, ownImagesDataFiles } from './ownImagesData';

describe('your images in the PyTorch export', () => {
  it('holds the page\'s split, in CIFAR-10\'s record layout, with the class names', () => {
    const set = shapeSet(3, 10);
    const files = ownImagesDataFiles(set, '0123456789abcdef');
    const meta = JSON.parse(strFromU8(files[OWN_IMAGES_DATA.meta])) as { classNames: string[]; train: number; test: number; imageSet: string };
    expect(meta).toMatchObject({ classNames: ['disc', 'square', 'triangle'], train: 24, test: 6, imageSet: '0123456789abcdef' });
    const ds = ownImagesDataset(set, '0123456789abcdef'); // what the worker trains on
    for (const split of ['train', 'test'] as const) {
      const bin = files[OWN_IMAGES_DATA[split]];
      expect(bin.length).toBe(ds[split].count * 3073);
      for (let i = 0; i < ds[split].count; i++) {
        const rec = bin.subarray(i * 3073, (i + 1) * 3073);
        expect(rec[0]).toBe(ds[split].labels[i]);
        // pixel (row 5, column 7) of each plane
        const p = 5 * 32 + 7;
        expect([rec[1 + p], rec[1 + 1024 + p], rec[1 + 2048 + p]]).toEqual(Array.from(ds[split].images.subarray(i * 3072 + 3 * p, i * 3072 + 3 * p + 3)));
      }
    }
  });
});
