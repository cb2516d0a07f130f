/**
 * What was dropped on the page, as files with their paths: a dropped folder is walked (its
 * sub-folders are the classes), loose files keep their names. The entries must be taken from the
 * DataTransfer during the drop event itself; walking them may take longer.
 */
import type { DecodeItem } from '../workers/imageDecodeClient';

/** Files a walk collects at most: twice the set's image limit, for the notes and odd files beside them. */
const MAX_WALKED = 20_000;

/** The drop's top-level entries (a folder or a file each), or null where the browser gives none. */
export function droppedEntries(dt: DataTransfer): FileSystemEntry[] | null {
  if (typeof DataTransferItem === 'undefined' || !('webkitGetAsEntry' in DataTransferItem.prototype)) return null;
  const out: FileSystemEntry[] = [];
  for (const item of Array.from(dt.items)) {
    if (item.kind !== 'file') continue;
    const e = item.webkitGetAsEntry();
    if (e) out.push(e);
  }
  return out.length ? out : null;
}

const fileOf = (e: FileSystemFileEntry): Promise<File> => new Promise((resolve, reject) => e.file(resolve, reject));

/** All of a folder's entries (readEntries answers in batches of about a hundred). */
async function children(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return out;
    out.push(...batch);
    if (out.length > MAX_WALKED) return out;
  }
}

/** Walks the entries: every file with its path from the dropped folder's name down. */
export async function walkEntries(entries: FileSystemEntry[]): Promise<{ items: DecodeItem[]; unreadable: string[]; truncated: boolean }> {
  const items: DecodeItem[] = [];
  const unreadable: string[] = [];
  const queue = [...entries];
  while (queue.length) {
    const e = queue.shift() as FileSystemEntry;
    if (items.length >= MAX_WALKED) return { items, unreadable, truncated: true };
    if (e.isFile) {
      try {
        items.push({ file: await fileOf(e as FileSystemFileEntry), path: e.fullPath.replace(/^\/+/, '') });
      } catch {
        unreadable.push(e.fullPath.replace(/^\/+/, '')); // vanished, or the browser may not open it
      }
    } else if (e.isDirectory) {
      queue.push(...(await children(e as FileSystemDirectoryEntry)));
    }
  }
  return { items, unreadable, truncated: false };
}
