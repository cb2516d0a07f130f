/**
 * The training watchdog (issue 23): while the page believes it is training, it notes when the last
 * step arrived and pings the worker; when no step came for STALL_MS, or the worker stops answering,
 * it says so (TrainingWatchdog.tsx) and offers a restart: a fresh worker, the runs rebuilt from the
 * newest state read off the old one (checkpoint.ts), then training again. Nothing trained before that
 * state is lost; the histories go on from its step.
 */
import { create } from 'zustand';
import { pushError, useStore } from '../store/store';
import { withTimeout } from '../util/withTimeout';
import { restartTrainer, trainerClient } from '../workers/client';
import { restoreSession, useLatestCheckpoint } from './checkpoint';
import { applyConfig } from './controller';
import { isStalled } from './stallVerdict';

const TICK_MS = 1000;
/** a free worker answers a ping in milliseconds; one busy in a long step may take a while */
const PING_TIMEOUT_MS = 5000;

export interface Stall {
  /** when the last step arrived */
  lastStepAt: number;
  lastStep: number;
  /** whether the worker answered its last ping */
  answers: boolean | null;
}

export const useWatchdog = create<{ stall: Stall | null; restarting: boolean }>(() => ({ stall: null, restarting: false }));

let lastStepAt = Date.now();
let answers: boolean | null = null;
let pinging = false;

function ping(): void {
  if (pinging) return;
  pinging = true;
  void withTimeout(trainerClient().ping(), PING_TIMEOUT_MS)
    .then(() => { answers = true; }, () => { answers = false; })
    .finally(() => { pinging = false; });
}

/** Watches training from now on (once per page load). */
export function startWatchdog(): void {
  useStore.subscribe((s, prev) => {
    if (s.globalStep !== prev.globalStep || (s.running && !prev.running)) {
      lastStepAt = Date.now();
      if (useWatchdog.getState().stall) useWatchdog.setState({ stall: null });
    }
  });
  setInterval(() => {
    const s = useStore.getState();
    const training = s.running && s.status === 'ready' && !useWatchdog.getState().restarting;
    if (!training) {
      answers = null;
      if (useWatchdog.getState().stall) useWatchdog.setState({ stall: null });
      return;
    }
    ping();
    if (isStalled({ training, quietMs: Date.now() - lastStepAt, answers })) {
      useWatchdog.setState({ stall: { lastStepAt, lastStep: s.globalStep, answers } });
    }
  }, TICK_MS);
}

/** Ends the stalled worker and trains on from the newest state read off it (or from the start). */
export async function restartTraining(): Promise<void> {
  if (useWatchdog.getState().restarting) return;
  const cp = useLatestCheckpoint.getState().latest;
  useWatchdog.setState({ restarting: true, stall: null });
  try {
    const client = restartTrainer();
    answers = null;
    // the fresh worker knows nothing: the page shows it building, as at a first load
    useStore.setState({ running: false, status: 'loading', progress: { stage: 'Restarting the training worker', fraction: 0 } });
    // no state read yet (stalled in its first seconds): the runs start again from their initial weights
    const rebuilt = cp ? await restoreSession(cp) : applyConfig(useStore.getState().config);
    // queued behind the configure (and import) in the worker: trains once the runs are rebuilt
    if (rebuilt) await client.start();
  } catch (e) {
    pushError(`The training worker could not be restarted: ${e instanceof Error ? e.message : String(e)}`, 'Reload the page; a checkpoint of the runs is offered there.', false);
  } finally {
    lastStepAt = Date.now();
    useWatchdog.setState({ restarting: false });
  }
}
