/** "Export images (.zip)": the classes as they are on the page, saved as a .zip "Load images…" reads back. */
import { saveBlob } from '../export/download';
import { OWN_IMAGES_FOLDER, ownImagesZip } from '../export/ownImagesZip';
import { draftToSet, type OwnImagesState } from '../store/ownImagesDraft';

export function exportOwnImages(own: OwnImagesState): void {
  const zip = ownImagesZip(draftToSet(own));
  saveBlob(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), `${OWN_IMAGES_FOLDER}.zip`);
}
