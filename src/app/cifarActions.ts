/**
 * "Load CIFAR-10…" and "Forget": the page only reads the files' bytes and hands them over (transferred,
 * not copied: the full archive is 170 MB); the worker parses, stores and retrains.
 */
import * as Comlink from 'comlink';
import { create } from 'zustand';
import { checkUploadSizes } from '../data/cifarUpload';
import { DataError } from '../data/types';
import { pushError, setConfig, useStore } from '../store/store';
import { clip } from '../util/clip';
import { trainerClient } from '../workers/client';
import { baseUrl, writeHash } from './controller';

/**
 * Whether an uploaded set is kept in this browser. Known apart from the loaded dataset: a reload whose
 * start on the stored set fails never reports a dataset, and forgetting the set is then the way out.
 */
export const useStoredUpload = create<{ stored: boolean }>(() => ({ stored: false }));

export async function refreshStoredUpload(): Promise<void> {
  useStoredUpload.setState({ stored: await trainerClient().cifarUploadStored() });
}

/** Extensions the file picker offers; drag-and-drop accepts anything and lets the parser say what is wrong. */
export const CIFAR_FILE_ACCEPT = '.tar.gz,.tgz,.tar,.bin,.gz';

export async function loadCifarFiles(files: File[]): Promise<void> {
  if (files.length === 0) return;
  const names = clip(files.map((f) => f.name).join(', '));
  try {
    checkUploadSizes(files); // before reading: a multi-gigabyte file would be read whole otherwise
  } catch (err) {
    if (err instanceof DataError) pushError(err.message, err.fix, false);
    return;
  }
  useStore.setState({ progress: { stage: `Reading ${names}`, fraction: 0 } });
  let payload: { name: string; bytes: ArrayBuffer }[];
  try {
    payload = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  } catch (err) {
    useStore.setState({ progress: null });
    pushError(`Could not read ${names}: ${err instanceof Error ? err.message : String(err)}`, 'Choose the files again (a file removed or changed since it was picked cannot be read).', false);
    return;
  }
  // loading CIFAR-10 files means "train on them": switch the dataset along with the upload
  const next = { ...useStore.getState().config, dataset: 'cifar10' as const };
  useStore.setState({ progress: { stage: `Checking ${names} and keeping it in this browser`, fraction: 0.3 } });
  const result = await trainerClient().loadCifarFiles(Comlink.transfer(payload, payload.map((p) => p.bytes)), next, baseUrl());
  void refreshStoredUpload();
  if (!result.ok) {
    // the worker reported why; the current session carries on untouched
    useStore.setState({ progress: null });
    return;
  }
  if (useStore.getState().config.dataset !== 'cifar10') {
    setConfig(next);
    writeHash(next);
  }
}

export async function forgetCifarUpload(): Promise<void> {
  const { config, dataset, status, progress } = useStore.getState();
  // the worker rebuilds the runs when they train on the uploaded set, or when their start on it
  // failed (and then reports 'ready' or the error)
  const rebuilds = config.dataset === 'cifar10' && (dataset?.uploaded === true || status === 'error');
  if (rebuilds) useStore.setState({ status: 'loading', progress: { stage: 'Forgetting the uploaded CIFAR-10 set', fraction: 0 } });
  const rebuilt = await trainerClient().clearCifarUpload(config, baseUrl());
  if (rebuilds && !rebuilt) useStore.setState({ status, progress }); // it did not: nothing changed
  await refreshStoredUpload();
}
