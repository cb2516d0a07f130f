/**
 * The training worker's half of "Use these images": check the set the page decoded, name it by its
 * content hash, build the Dataset (the seeded 20 % test split), and — once the runs trained on it
 * (trialRun.ts) — keep it in IndexedDB. Parallel to cifarUpload.ts; kept apart from trainer.worker.ts
 * so it runs in Node tests.
 */
import { checkOwnImageSet, OWN_IMAGE_BYTES, OWN_IMAGES_FIX, ownImagesDataset, type OwnImageSet } from '../data/ownImages';
import { ownImagesHash } from '../data/ownImagesHash';
import { saveOwnImages, type StoredOwnImages } from '../data/ownImagesStorage';
import { DataError, type Dataset } from '../data/types';

/** What the page sends: the pixels' buffer is transferred, not copied. */
export interface OwnImagesPayload {
  classNames: string[];
  /** count × 3 072 bytes, 32×32 RGB HWC */
  images: ArrayBuffer;
  labels: Uint8Array;
}

export interface OwnImagesOutcome {
  dataset: Dataset;
  hash: string;
  /** Keeps the set for the next visit once the runs trained on it; resolves to why it could not, or null. */
  keep(): Promise<DataError | null>;
}

const CHANNELS = ['red', 'green', 'blue'];

type Save = (s: Omit<StoredOwnImages, 'savedAt'>) => Promise<void>;

/** Throws a DataError saying what is missing or wrong; stores nothing. */
export async function acceptOwnImages(payload: OwnImagesPayload, save: Save = saveOwnImages): Promise<OwnImagesOutcome> {
  const images = new Uint8Array(payload.images);
  const set: OwnImageSet = { classNames: payload.classNames, images, labels: payload.labels, count: Math.floor(images.length / OWN_IMAGE_BYTES) };
  checkOwnImageSet(set);
  const hash = await ownImagesHash(set);
  const dataset = ownImagesDataset(set, hash);
  // a spread of 0 divides by zero in normalisation (NaN at the first step): a covered lens, a blank folder
  const flat = dataset.std.findIndex((s) => !(s > 0));
  if (flat >= 0) {
    throw new DataError(`Every training image has the same ${CHANNELS[flat]} value everywhere, so there is nothing to learn — a covered camera, or blank images?`, OWN_IMAGES_FIX);
  }
  const keep = async (): Promise<DataError | null> => {
    try {
      await save({ ...set, hash });
      return null;
    } catch (err) {
      return err instanceof DataError ? err : new DataError(String(err), 'Export the set as a .zip to keep it.');
    }
  };
  return { dataset, hash, keep };
}
