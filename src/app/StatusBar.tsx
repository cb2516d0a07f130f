import { useMemo } from 'react';
import { useStore } from '../store/store';
import { notChosen, probePage, whyNot } from './backendReasons';

/** Which backend runs and why, the measured speed, and what evaluation costs. */
export function StatusBar() {
  const backend = useStore((s) => s.backend);
  const dataset = useStore((s) => s.dataset);
  const sps = useStore((s) => s.samplesPerSec);
  const evalShare = useStore((s) => s.evalShare);
  const step = useStore((s) => s.globalStep);
  const progress = useStore((s) => s.progress);
  const page = useMemo(probePage, []);
  return (
    <section className="status" aria-label="Status">
      {progress && (
        <div className="progress" role="status" aria-label="Progress">
          {progress.stage}
          <progress max={1} value={progress.fraction} />
        </div>
      )}
      {backend && (
        <div>
          Backend: <strong data-testid="backend-name">{backend.name}</strong> — {backend.reason}.{' '}
          <span data-testid="backend-not-chosen">Not chosen: {notChosen(backend, page)}.</span>
          <details>
            <summary>Why this backend</summary>
            <ul>
              {backend.candidates.map((c) => (
                <li key={c.name}>
                  <strong>{c.name}</strong>: {c.available ? 'available' : 'unavailable'}
                  {c.samplesPerSec ? `, ${Math.round(c.samplesPerSec)} samples/s measured` : ''} — {c.name === backend.name ? c.note : whyNot(c, backend, page)}
                </li>
              ))}
            </ul>
          </details>
        </div>
      )}
      {dataset && (
        <div>
          Data: {dataset.description}. Model: {dataset.architecture}.
        </div>
      )}
      <div>
        Step <span aria-label="Step">{step}</span> · <span aria-label="Throughput">{Math.round(sps)} samples/s</span>
        {' '}· evaluation {Math.round(evalShare * 100)} % of time
      </div>
    </section>
  );
}
