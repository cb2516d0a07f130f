/**
 * Something dropped on the page: CIFAR-10's files go to the CIFAR-10 upload, anything else (a folder,
 * a .zip, images) to "Your images".
 */
import { loadCifarFiles } from './cifarActions';
import { walkEntries } from './dropFolder';
import { loadImageItems } from './ownImagesActions';
import type { DecodeItem } from '../workers/imageDecodeClient';

const isCifarFile = (path: string): boolean => /\.(bin|tar|tgz|gz)$/i.test(path);

/** `entries`: the drop's entries where the browser gives them (a folder is walked), else its files. */
export async function loadDrop(entries: FileSystemEntry[] | null, files: File[]): Promise<void> {
  let items: DecodeItem[] = files.map((file) => ({ file, path: file.name }));
  let unreadable: string[] = [];
  if (entries) ({ items, unreadable } = await walkEntries(entries));
  if (!items.length) return;
  // CIFAR-10's archive and .bin files (also as the folder they unpack to); nothing else is one
  if (items.every((i) => isCifarFile(i.path))) {
    await loadCifarFiles(items.map((i) => i.file));
    return;
  }
  await loadImageItems(items, unreadable);
}
