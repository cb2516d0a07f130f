/**
 * The worker's way to the user's own images at the start of a session (a reload, a link, choosing
 * "Your images"): the set kept in this browser, when it is the one the config names. A link opened
 * on another computer names a set that is not here: the error asks for its images instead.
 */
import { ownImagesDataset } from './ownImages';
import { ownImagesHash } from './ownImagesHash';
import { loadOwnImages } from './ownImagesStorage';
import { DataError, type Dataset } from './types';

export const ASK_FOR_IMAGES_FIX =
  'Press "Load images…" and choose the set\'s .zip (made with "Export images (.zip)" where the set was made) or its folder, or make a set here: add classes and record them with the webcam.';

/** `imageSet`: the config's hash ('' takes whatever set is stored). */
export async function loadOwnImagesDataset(imageSet: string, onProgress?: (stage: string, fraction: number) => void): Promise<Dataset> {
  onProgress?.('Reading your images', 0);
  // an unreadable store (private mode, blocked storage) is the same as an empty one: ask for the images
  const stored = await loadOwnImages().catch(() => undefined);
  // the hash is checked again: a record damaged in storage must not train under the set's name
  const intact = stored && (await ownImagesHash(stored)) === stored.hash ? stored : undefined;
  if (!intact || (imageSet && intact.hash !== imageSet)) {
    const which = imageSet ? `the image set ${imageSet}, which is not kept in this browser (a set's images never leave the computer they were loaded on)` : 'your own images, but none are loaded yet';
    throw new DataError(`These settings train on ${which}.`, ASK_FOR_IMAGES_FIX);
  }
  const dataset = ownImagesDataset(intact, intact.hash);
  onProgress?.('Your images ready', 1);
  return dataset;
}
