/** Feeds every snapshot that reaches the store into the page's snapshot history. */
import { useStore } from '../store/store';
import { SnapshotHistory } from './history';

export const snapshotHistory = new SnapshotHistory();

let stop: (() => void) | null = null;

/** Idempotent; returns the unsubscribe function. Called once at start-up (main.tsx). */
export function trackSnapshots(): () => void {
  if (stop) return stop;
  const unsubscribe = useStore.subscribe((s, prev) => {
    // another test set means other points: nothing older matches them
    if (s.dataset?.evalLabels !== prev.dataset?.evalLabels) snapshotHistory.clear();
    if (s.runs === prev.runs) return;
    for (const [id, rv] of Object.entries(s.runs)) {
      const snap = rv.snapshot;
      if (snap && snap !== prev.runs[id]?.snapshot) snapshotHistory.add(snap);
    }
    snapshotHistory.retain(s.config.runs.map((r) => r.id));
  });
  stop = () => {
    unsubscribe();
    stop = null;
  };
  return stop;
}
