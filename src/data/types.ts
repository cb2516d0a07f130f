import type { DatasetId } from '../config/config';

/** A labelled image set held as raw bytes; the worker normalises per batch. */
export interface ImageSplit {
  /** uint8 pixels, sample-major, each sample height×width×channels (HWC, channel last) */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** An image dataset (MNIST, CIFAR-10, the user's own images): what the LeNet trains on. */
export interface Dataset {
  id: 'mnist' | 'cifar10' | 'own-images';
  /** absent on the image sets, which came first; PointDataset says 'points' */
  kind?: 'image';
  /** human-readable description of what is loaded, e.g. "MNIST (60 000 / 10 000)" or "CIFAR-10 subset" */
  description: string;
  /** true when the images are a set the user uploaded (kept in IndexedDB), so the page can offer to forget it */
  uploaded?: boolean;
  /** your images: the content hash that names the set (a config's `imageSet`) */
  imageSet?: string;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  /** per-channel mean and std of the training pixels in [0,1], for normalisation */
  mean: number[];
  std: number[];
  train: ImageSplit;
  test: ImageSplit;
}

/** Labelled points of a few float coordinates each (the synthetic 2-D sets). */
export interface PointSplit {
  /** float32 coordinates, sample-major, `dims` per sample, fed to the network as they are */
  points: Float32Array;
  labels: Uint8Array;
  count: number;
}

/** A synthetic set of points (toy2d.ts): what the small MLP trains on. */
export interface PointDataset {
  id: Extract<DatasetId, `toy-${string}`>;
  kind: 'points';
  description: string;
  /** coordinates per sample */
  dims: number;
  classNames: string[];
  train: PointSplit;
  test: PointSplit;
}

/** Any set the trainer can train on; `kind === 'points'` tells the toy sets from the image sets. */
export type AnyDataset = Dataset | PointDataset;

/** Thrown by parsers and loaders: `message` says what is wrong, `fix` the command or action that fixes it. */
export class DataError extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
    this.name = 'DataError';
  }
}
