import { useEffect, useState } from 'react';
import { useStore } from '../store/store';
import { useLatestCheckpoint } from './checkpoint';
import { restartTraining, useWatchdog } from './watchdog';

/** What the watchdog (watchdog.ts) knows about a stall, in plain words, and the way out. */
export function TrainingWatchdog() {
  const { stall, restarting } = useWatchdog();
  const backend = useStore((s) => s.backend?.name ?? 'none yet');
  const from = useLatestCheckpoint((s) => s.latest?.state.globalStep ?? 0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!stall) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [stall]);
  if (!stall) return null;
  const quiet = Math.max(0, Math.round((now - stall.lastStepAt) / 1000));
  const worker = stall.answers === false ? 'not answering' : stall.answers ? 'alive (it answers)' : 'not asked yet';
  return (
    <section className="watchdog" role="alert" aria-label="Training stalled">
      <p>
        <strong>Training has stopped.</strong>{' '}
        {stall.answers === false
          ? 'The training worker does not answer any more.'
          : `No training step has arrived for ${quiet} s, although the page is training.`}{' '}
        Restarting starts a fresh worker and trains on from the last weights read off it{from ? '' : ' (none yet: from the start)'}.
      </p>
      <p className="watchdog-facts">
        Last step: {stall.lastStep} · backend: {backend} · worker: {worker}
      </p>
      <button type="button" onClick={() => void restartTraining()} disabled={restarting}>
        Restart training from step {from}
      </button>
    </section>
  );
}
