/**
 * The session checkpoint in IndexedDB: the config, every run's state (weights, Adam's moments, step
 * counts; from the worker) and what the page recorded (loss and accuracy histories, marks). One
 * checkpoint per browser profile; a newer one replaces it.
 */
import { del as idbDel, get as idbGet, set as idbSet } from 'idb-keyval';
import type { TrainerState } from '../workers/protocol';
import type { ExperimentConfig } from '../config/config';
import type { RunView } from './store';
import { validateConfig } from './validate';

export const CHECKPOINT_KEY = 'session-checkpoint:v1';

export interface RunHistory {
  lossHistory: RunView['lossHistory'];
  accHistory: RunView['accHistory'];
  marks: RunView['marks'];
}

export interface Checkpoint {
  version: 1;
  savedAt: number;
  config: ExperimentConfig;
  state: TrainerState;
  histories: Record<string, RunHistory>;
}

/** Storage refused for lack of space (the quota), as opposed to storage being off or broken. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || /quota/i.test(e instanceof Error ? e.message : String(e));
}

/** Why a checkpoint was not saved, for the banner; training goes on either way. */
export function checkpointFailure(e: unknown): { message: string; fix: string } {
  if (isQuotaError(e)) {
    return {
      message: 'The session was not checkpointed: the browser\'s storage quota for this site is full.',
      fix: 'Training goes on, but a reload would lose it. Free space (forget an uploaded CIFAR-10 set, or clear this site\'s storage) to keep checkpoints.',
    };
  }
  return {
    message: `The session was not checkpointed: ${e instanceof Error ? e.message : String(e)}.`,
    fix: 'Training goes on, but a reload would lose it (storage may be off in this window, e.g. private browsing).',
  };
}

export async function saveCheckpoint(cp: Checkpoint, set: typeof idbSet = idbSet): Promise<void> {
  await set(CHECKPOINT_KEY, cp);
}

/** The saved checkpoint, or null when there is none or it is not one this version can read. */
export async function loadCheckpoint(get: typeof idbGet = idbGet): Promise<Checkpoint | null> {
  let cp: unknown;
  try { cp = await get(CHECKPOINT_KEY); } catch { return null; }
  const c = cp as Partial<Checkpoint> | undefined;
  if (!c || c.version !== 1 || !c.config || !c.state || !Array.isArray(c.state.runs) || !c.histories) return null;
  try {
    // stored by an earlier version of the page, maybe: its settings must still be valid ones
    return { ...(c as Checkpoint), config: validateConfig(c.config) };
  } catch {
    return null;
  }
}

export async function clearCheckpoint(): Promise<void> {
  try { await idbDel(CHECKPOINT_KEY); } catch { /* nothing stored, or storage off: nothing to forget */ }
}
