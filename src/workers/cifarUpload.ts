/**
 * The worker's half of "Load CIFAR-10…": parse what the user chose (in the worker, so a 170 MB archive
 * never blocks the page), then — once the runs have trained on it (trialRun.ts) — keep it in IndexedDB
 * so the next visit does not ask again. Kept apart from trainer.worker.ts so it runs in Node tests
 * with the real files.
 */
import { CIFAR_UPLOAD_FIX, cifarDataset, parseCifarUpload } from '../data/cifar10';
import { clip } from '../util/clip';
import { saveCifarUpload, type StoredCifar } from '../data/cifarStorage';
import { DataError, type Dataset } from '../data/types';

export interface CifarUploadFile {
  name: string;
  /** transferred from the page, not copied */
  bytes: ArrayBuffer;
}

export interface CifarUploadOutcome {
  dataset: Dataset;
  /** the files' names, for messages */
  names: string;
  /**
   * Keeps the set in IndexedDB for the next visit; called only once the runs trained on it, so that a
   * set that cannot train is never loaded again at the next visit. Resolves to why it could not be
   * kept (it is still used in this session), or null.
   */
  keep(): Promise<DataError | null>;
}

const CHANNELS = ['red', 'green', 'blue'];

/**
 * Files that parse but cannot train would replace the working set and be kept for every later visit:
 * flat images (a channel's spread of 0 divides by zero in normalisation, NaN at the first step) and a
 * single class (nothing to tell apart; P×K batches cannot even be drawn).
 */
function refuseUntrainable(ds: Dataset, names: string): void {
  const flat = ds.std.findIndex((s) => !(s > 0));
  if (flat >= 0) {
    throw new DataError(`${clip(names)}: every training image has the same ${CHANNELS[flat] ?? `channel ${flat}`} value everywhere, so there is nothing to learn — not real CIFAR-10 images?`, CIFAR_UPLOAD_FIX);
  }
  const classes = new Set(ds.train.labels);
  if (classes.size < 2) {
    const only = ds.classNames[ds.train.labels[0]] ?? 'one class';
    throw new DataError(`${clip(names)}: the training images are all of one class (${only}); training needs at least two.`, CIFAR_UPLOAD_FIX);
  }
}

type Save = (upload: Omit<StoredCifar, 'savedAt'>) => Promise<void>;

/** Throws the parser's DataError for files that are not CIFAR-10 or cannot train; stores nothing. */
export async function acceptCifarUpload(
  files: CifarUploadFile[],
  onProgress: (stage: string, fraction: number) => void = () => undefined,
  save: Save = saveCifarUpload,
): Promise<CifarUploadOutcome> {
  const names = files.map((f) => f.name).join(', ');
  onProgress(`Reading ${names}`, 0.1);
  const parsed = parseCifarUpload(files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })));
  const dataset: Dataset = { ...cifarDataset(parsed.train, parsed.test, parsed.description), uploaded: true };
  refuseUntrainable(dataset, names);
  const keep = async (): Promise<DataError | null> => {
    onProgress('Keeping the set in this browser for the next visit', 0.6);
    try {
      await save(parsed);
      return null;
    } catch (err) {
      return err instanceof DataError ? err : new DataError(String(err), 'load the files again after the next reload');
    }
  };
  return { dataset, names, keep };
}
