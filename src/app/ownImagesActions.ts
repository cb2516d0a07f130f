/**
 * "Your images": the user's intents → the draft in the store, the decode worker, the training worker.
 * The page reads files and hands them to the decode worker (off this thread); the decoded 32×32
 * classes live in the store until "Use these images" sends them to the training worker, which tries
 * them, retrains and keeps them. Components call only these.
 */
import * as Comlink from 'comlink';
import { formatCount, MAX_CLASSES, MAX_IMAGES } from '../data/ownImages';
import { forgetOwnImages as forgetStored, hasOwnImages, loadOwnImages as loadStored } from '../data/ownImagesStorage';
import { withDatasetDefaults } from '../config/settings';
import {
  addClass as addDraftClass, appendImages, draftFromSet, draftProblems, draftToSet, mergeLoaded, removeClass as removeDraftClass,
  renameClass as renameDraftClass, room, splitPixels, starterClasses, type OwnImagesState,
} from '../store/ownImagesDraft';
import { pushError, setConfig, useStore } from '../store/store';
import { trainerClient } from '../workers/client';
import { decodeImages, type DecodeItem, type DecodeResult } from '../workers/imageDecodeClient';
import { baseUrl, patchGlobal, writeHash } from './controller';

/** What "Load images…" and "Add images…" offer; a dropped folder or zip reaches the same loader. */
export const IMAGE_FILE_ACCEPT = '.zip,image/png,image/jpeg,image/gif,image/bmp,image/webp';

const draft = (): OwnImagesState => useStore.getState().ownImages;
const setDraft = (f: (s: OwnImagesState) => OwnImagesState): void => useStore.setState((st) => ({ ownImages: f(st.ownImages) }));

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Runs a decode with the progress bar; null when the decoder itself failed (reported). */
async function decodeWithProgress(items: DecodeItem[], fallback: string, maxImages: number): Promise<DecodeResult | null> {
  setDraft((s) => ({ ...s, busy: { stage: 'Reading the files', done: 0, total: items.length } }));
  // progress travels on its own port: a report can land after the result, and must not revive the bar
  let open = true;
  try {
    return await decodeImages({ items, fallback, maxClasses: MAX_CLASSES, maxImages }, (done, total, stage) => {
      if (open) setDraft((s) => ({ ...s, busy: { stage, done, total } }));
    });
  } catch (e) {
    pushError(`Your images were not read: ${e instanceof Error ? e.message : String(e)}`, 'Try again; if it persists, reload the page (nothing you had loaded before is lost).', false);
    return null;
  } finally {
    open = false;
    setDraft((s) => ({ ...s, busy: null }));
  }
}

function reportOf(r: DecodeResult, extra: string[]): OwnImagesState['report'] {
  const lines = [...r.skipped, ...extra];
  if (r.overLimit > 0) lines.push(`${formatCount(r.overLimit)} images not read: a set holds at most ${formatCount(MAX_IMAGES)}`);
  const total = r.skippedTotal + extra.length + (r.overLimit > 0 ? 1 : 0);
  return total > 0 ? { lines, total } : null;
}

const decodedCount = (r: DecodeResult): number => r.classes.reduce((n, c) => n + c.count, 0);

/**
 * A folder, a zip or picked files: decoded, merged into the classes (a class of the same name is
 * replaced), and used at once when the classes can train.
 */
export async function loadImageItems(items: DecodeItem[], unreadable: string[] = []): Promise<void> {
  if (!items.length || draft().busy) return;
  const fallback = `Class ${draft().classes.filter((c) => c.images.length > 0).length + 1}`;
  const r = await decodeWithProgress(items, fallback, MAX_IMAGES);
  if (!r) return;
  const { state, lines: merged } = mergeLoaded(draft(), r.classes.map((c) => ({ name: c.name, images: splitPixels(c.pixels, c.count) })));
  const lines = [...unreadable.map((p) => `${p}: the browser could not open it`), ...merged];
  const n = decodedCount(r);
  useStore.setState({ ownImages: { ...state, report: reportOf(r, lines), note: `Read ${formatCount(n)} image${n === 1 ? '' : 's'} of ${formatCount(r.files)} file${r.files === 1 ? '' : 's'} in ${seconds(r.ms)}` } });
  if (n > 0 && draftProblems(draft()).length === 0) await applyOwnImages();
}

/** Images picked for one class: all of them go to it, whatever folders they came from. */
export async function addImagesToClass(key: number, files: File[]): Promise<void> {
  const target = draft().classes.find((c) => c.key === key);
  if (!target || !files.length || draft().busy) return;
  const r = await decodeWithProgress(files.map((file) => ({ file, path: file.name })), target.name, room(draft()));
  if (!r) return;
  const images = r.classes.flatMap((c) => splitPixels(c.pixels, c.count));
  const { state, leftOut } = appendImages(draft(), key, images);
  const extra = leftOut > 0 ? [`${formatCount(leftOut)} images left out — a set holds at most ${formatCount(MAX_IMAGES)}`] : [];
  useStore.setState({ ownImages: { ...state, report: reportOf(r, extra), note: `Added ${formatCount(images.length - leftOut)} images to ${target.name} in ${seconds(r.ms)}` } });
}

export function addClass(): void { setDraft(addDraftClass); }
export function removeClass(key: number): void { setDraft((s) => removeDraftClass(s, key)); }
export function renameClass(key: number, name: string): void { setDraft((s) => renameDraftClass(s, key, name)); }
export function showStarterClasses(): void { setDraft(starterClasses); }

/** Frames from the webcam: appended while the set has room; false when it is full. */
export function addFrames(key: number, frames: Uint8Array[]): boolean {
  const { state, leftOut } = appendImages(draft(), key, frames);
  useStore.setState({ ownImages: state });
  return leftOut === 0;
}

/** Sends the classes to the training worker: it tries them, retrains the runs on them and keeps them. */
export async function applyOwnImages(): Promise<void> {
  const s = draft();
  const problems = draftProblems(s);
  if (problems.length || s.busy) return; // the panel shows what is missing and keeps the button off
  const set = draftToSet(s);
  const cfg = useStore.getState().config;
  const next = withDatasetDefaults(cfg, { dataset: 'own-images' });
  setDraft((d) => ({ ...d, busy: { stage: `Trying ${formatCount(set.count)} images with your runs`, done: 0, total: 0 } }));
  useStore.setState({ progress: { stage: 'Trying your images with the runs', fraction: 0.3 } });
  try {
    const payload = { classNames: set.classNames, images: set.images.buffer as ArrayBuffer, labels: set.labels };
    const result = await trainerClient().loadOwnImages(Comlink.transfer(payload, [payload.images]), next, baseUrl());
    if (!result.ok) {
      useStore.setState({ progress: null }); // the worker said why; the session goes on as it was
      return;
    }
    const config = { ...next, imageSet: result.hash };
    setConfig(config);
    writeHash(config);
    // the classes are this set now, unless they changed while it was tried
    setDraft((d) => ({ ...d, stored: d.stored || result.stored, usedHash: d.classes === s.classes ? result.hash : d.usedHash }));
  } finally {
    setDraft((d) => ({ ...d, busy: null }));
  }
}

/**
 * After a session on your images starts (a reload, a link, the Dataset select): the classes kept in
 * this browser come back for editing, and a config that named no set learns the loaded one's name.
 */
export async function restoreDraft(): Promise<void> {
  const { dataset, config } = useStore.getState();
  if (!dataset || dataset.id !== 'own-images' || !dataset.imageSet) return;
  if (config.dataset === 'own-images' && config.imageSet === '') {
    // the worker trains on this set already (it filled the name in): the page's config says so too
    const named = { ...config, imageSet: dataset.imageSet };
    setConfig(named);
    writeHash(named);
  }
  if (draft().usedHash === dataset.imageSet || draft().classes.some((c) => c.images.length > 0)) return;
  const stored = await loadStored().catch(() => undefined);
  if (stored && stored.hash === dataset.imageSet && !draft().classes.some((c) => c.images.length > 0)) {
    setDraft((s) => draftFromSet(s, stored, stored.hash));
  }
}

/** Whether a set is kept in this browser (the page offers to forget it). */
export async function refreshStored(): Promise<void> {
  const stored = await hasOwnImages().catch(() => false);
  setDraft((s) => ({ ...s, stored }));
}

/** Forgets the kept set and the classes on the page; runs on them go back to MNIST. */
export async function forgetOwnImages(): Promise<void> {
  try {
    await forgetStored();
  } catch (e) {
    pushError(`Your images could not be forgotten: ${e instanceof Error ? e.message : String(e)}`, 'Clear this site\'s data in the browser\'s settings.', false);
    return;
  }
  setDraft((s) => starterClasses({ ...s, classes: [], usedHash: null, report: null, note: 'Forgot your images', stored: false }));
  // elsewhere the config may still name the set: harmless, choosing "Your images" then asks for it
  if (useStore.getState().config.dataset === 'own-images') patchGlobal({ dataset: 'mnist', imageSet: '' });
}
