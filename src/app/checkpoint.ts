/**
 * Checkpoints of the session (issue 13): saved at most every 30 s while training and at each pause,
 * offered back on the next visit ("Resume" / "Start fresh"). A failed save says why and training goes
 * on. The weights come from the worker; the histories from the store.
 */
import { create } from 'zustand';
import { clearCheckpoint, checkpointFailure, loadCheckpoint, saveCheckpoint, type Checkpoint, type RunHistory } from '../store/checkpoint';
import { pushError, useStore } from '../store/store';
import { dict, own, withEntry } from '../util/dict';
import { trainerClient } from '../workers/client';
import { applyConfig } from './controller';

export const CHECKPOINT_EVERY_MS = 30_000;

/** the checkpoint found at start-up, until the user answers (or starts training without answering) */
export const useResumeOffer = create<{ offer: Checkpoint | null; busy: boolean }>(() => ({ offer: null, busy: false }));

let lastSave = 0;
let saving = false;

async function save(): Promise<void> {
  const s = useStore.getState();
  if (saving || useResumeOffer.getState().offer || s.status !== 'ready') return;
  saving = true;
  try {
    const state = await trainerClient().checkpointState();
    if (!state || state.globalStep === 0) return;
    const histories = dict<RunHistory>();
    for (const r of state.runs) {
      const rv = own(useStore.getState().runs, r.id);
      // the state may be a few seconds older than the page's histories: cut them at its step, so a
      // resumed run's charts go on from where its weights are
      const upTo = <T,>(xs: T[], stepOf: (x: T) => number) => xs.filter((x) => stepOf(x) <= r.step);
      if (rv) histories[r.id] = { lossHistory: upTo(rv.lossHistory, (p) => p[0]), accHistory: upTo(rv.accHistory, (p) => p[0]), marks: upTo(rv.marks, (m) => m.step) };
    }
    await saveCheckpoint({ version: 1, savedAt: Date.now(), config: s.config, state, histories });
  } catch (e) {
    const { message, fix } = checkpointFailure(e);
    pushError(message, fix, false);
  } finally {
    lastSave = Date.now();
    saving = false;
  }
}

/** Looks for a checkpoint to offer, then saves on a timer while training and when training pauses. */
export function startCheckpoints(): void {
  void loadCheckpoint().then((cp) => { if (cp && cp.state.globalStep > 0) useResumeOffer.setState({ offer: cp }); });
  setInterval(() => {
    if (useStore.getState().running && Date.now() - lastSave >= CHECKPOINT_EVERY_MS) void save();
  }, 2000);
  useStore.subscribe((s, prev) => {
    if (s.running && !prev.running) {
      // training again without answering: the new session is the one to keep from now on
      if (useResumeOffer.getState().offer && !useResumeOffer.getState().busy) useResumeOffer.setState({ offer: null });
      lastSave = Date.now();
    }
    if (!s.running && prev.running) void save();
  });
}

export async function startFresh(): Promise<void> {
  useResumeOffer.setState({ offer: null });
  await clearCheckpoint();
}

/** Rebuilds the checkpoint's runs, puts their state back, then their histories. */
export async function resume(): Promise<void> {
  const cp = useResumeOffer.getState().offer;
  if (!cp) return;
  useResumeOffer.setState({ busy: true });
  try {
    if (!applyConfig(cp.config)) return;
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
  } catch (e) {
    pushError(`The saved session could not be resumed: ${e instanceof Error ? e.message : String(e)}`, 'Press "Start fresh" or go on with the runs as they are.', false);
  } finally {
    useResumeOffer.setState({ offer: null, busy: false });
  }
}
