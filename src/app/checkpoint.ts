/**
 * Checkpoints of the session (issue 13): the runs' state is read off the worker every few seconds
 * while training (the worker copies it off the device 2 s after Train, then every 5 s), saved to
 * IndexedDB at once the first time in a training session (a reload after a few seconds, or after a
 * stall, offers Resume), then at most every 30 s and at each pause; offered back on the next visit
 * ("Resume" / "Start fresh"). The newest state read is also what the watchdog restarts from. A failed
 * save says why and training goes on. The weights come from the worker; the histories from the store.
 */
import { create } from 'zustand';
import { clearCheckpoint, checkpointFailure, loadCheckpoint, saveCheckpoint, type Checkpoint, type RunHistory } from '../store/checkpoint';
import { pushError, useStore } from '../store/store';
import { dict, own, withEntry } from '../util/dict';
import { withTimeout } from '../util/withTimeout';
import { trainerClient } from '../workers/client';
import { applyConfig } from './controller';

export const CHECKPOINT_EVERY_MS = 30_000;
/** how often the page reads the worker's latest copy while training (it changes every 5 s) */
export const READ_EVERY_MS = 5_000;
/** a worker that does not hand its state over in this time is not waited for (a stalled one never answers) */
const STATE_TIMEOUT_MS = 15_000;

/** the checkpoint found at start-up, until the user answers (or starts training without answering) */
export const useResumeOffer = create<{ offer: Checkpoint | null; busy: boolean }>(() => ({ offer: null, busy: false }));
/** the newest state read off the worker in this page, with the histories up to its step (null: none yet) */
export const useLatestCheckpoint = create<{ latest: Checkpoint | null }>(() => ({ latest: null }));

let lastSave = 0;
let lastRead = 0;
/** no checkpoint saved yet in this training session: the first state read is saved at once */
let firstOfSession = false;
let busy = false;
/** a save at a pause asked for while a read was in flight: it runs when that read ends, never dropped */
let forcedWaiting = false;

/** The runs' state now (while training: the worker's latest copy), as a checkpoint; null when there is none. */
async function readState(): Promise<Checkpoint | null> {
  const s = useStore.getState();
  const state = await withTimeout(trainerClient().checkpointState(), STATE_TIMEOUT_MS, 'the training worker did not hand its state over');
  lastRead = Date.now();
  if (!state || state.globalStep === 0) return null;
  const histories = dict<RunHistory>();
  for (const r of state.runs) {
    const rv = own(useStore.getState().runs, r.id);
    // the state may be a few seconds older than the page's histories: cut them at its step, so a
    // resumed run's charts go on from where its weights are
    const upTo = <T,>(xs: T[], stepOf: (x: T) => number) => xs.filter((x) => stepOf(x) <= r.step);
    if (rv) histories[r.id] = { lossHistory: upTo(rv.lossHistory, (p) => p[0]), accHistory: upTo(rv.accHistory, (p) => p[0]), marks: upTo(rv.marks, (m) => m.step) };
  }
  const cp: Checkpoint = { version: 1, savedAt: Date.now(), config: s.config, state, histories };
  useLatestCheckpoint.setState({ latest: cp });
  return cp;
}

/** Reads the state and saves it when a save is due (`force`: at a pause). */
async function checkpoint(force: boolean): Promise<void> {
  const s = useStore.getState();
  if (busy) {
    if (force) forcedWaiting = true;
    return;
  }
  if (useResumeOffer.getState().offer || s.status !== 'ready') return;
  busy = true;
  try {
    const cp = await readState();
    if (!cp) return;
    if (force || firstOfSession || Date.now() - lastSave >= CHECKPOINT_EVERY_MS) {
      firstOfSession = false;
      lastSave = Date.now();
      await saveCheckpoint(cp);
    }
  } catch (e) {
    lastSave = Date.now(); // a failing store is not asked again at every tick
    const { message, fix } = checkpointFailure(e);
    pushError(message, fix, false);
  } finally {
    busy = false;
    if (forcedWaiting) {
      forcedWaiting = false;
      void checkpoint(true);
    }
  }
}

/** Looks for a checkpoint to offer, then reads and saves on a timer while training and when training pauses. */
export function startCheckpoints(): void {
  void loadCheckpoint().then((cp) => { if (cp && cp.state.globalStep > 0) useResumeOffer.setState({ offer: cp }); });
  setInterval(() => {
    if (!useStore.getState().running) return;
    // until the first state of the session arrives, every tick asks (the worker's first copy is 2 s in)
    if (firstOfSession || Date.now() - lastRead >= READ_EVERY_MS) void checkpoint(false);
  }, 1000);
  useStore.subscribe((s, prev) => {
    if (s.running && !prev.running) {
      // training again without answering: the new session is the one to keep from now on
      if (useResumeOffer.getState().offer && !useResumeOffer.getState().busy) useResumeOffer.setState({ offer: null });
      firstOfSession = true;
    }
    if (!s.running && prev.running) void checkpoint(true);
  });
}

export async function startFresh(): Promise<void> {
  useResumeOffer.setState({ offer: null });
  await clearCheckpoint();
}

/**
 * Builds the checkpoint's runs in the (current) worker, puts their state back, then their histories.
 * Resolves to whether the runs were rebuilt (false: the config was refused or the import failed, said).
 */
export async function restoreSession(cp: Checkpoint): Promise<boolean> {
  try {
    if (!applyConfig(cp.config)) return false;
    // queued behind the configure applyConfig sent: the runs exist when it runs
    const { restored, skipped, why } = await trainerClient().importState(cp.state);
    const s = useStore.getState();
    let runs = s.runs;
    for (const id of restored) {
      const h = own(cp.histories, id);
      const rv = own(runs, id);
      if (!h || !rv) continue;
      runs = withEntry(runs, id, { ...rv, lossHistory: h.lossHistory, accHistory: h.accHistory, marks: h.marks, version: rv.version + 1 });
    }
    useStore.setState({ runs, globalStep: cp.state.globalStep });
    if (skipped.length) pushError(`Not resumed: run(s) ${skipped.join(', ')} (their saved state does not fit the runs: ${why.join('; ')}).`, 'They start from their initial weights.', false);
    return true;
  } catch (e) {
    pushError(`The saved session could not be resumed: ${e instanceof Error ? e.message : String(e)}`, 'Press "Start fresh" or go on with the runs as they are.', false);
    return false;
  }
}

/** Resume: the checkpoint offered at start-up. */
export async function resume(): Promise<void> {
  const cp = useResumeOffer.getState().offer;
  if (!cp) return;
  useResumeOffer.setState({ busy: true });
  try {
    await restoreSession(cp);
  } finally {
    useResumeOffer.setState({ offer: null, busy: false });
  }
}
