/** A labelled image set held as raw bytes; the worker normalises per batch. */
export interface ImageSplit {
  /** uint8 pixels, sample-major, each sample height×width×channels (HWC, channel last) */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface Dataset {
  id: 'mnist' | 'cifar10';
  /** human-readable description of what is loaded, e.g. "MNIST (60 000 / 10 000)" or "CIFAR-10 subset" */
  description: string;
  /** true when the images are a set the user uploaded (kept in IndexedDB), so the page can offer to forget it */
  uploaded?: boolean;
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

/** Thrown by parsers and loaders: `message` says what is wrong, `fix` the command or action that fixes it. */
export class DataError extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
    this.name = 'DataError';
  }
}
