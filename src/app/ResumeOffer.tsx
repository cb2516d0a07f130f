import { resume, startFresh, useResumeOffer } from './checkpoint';

/** The session saved on an earlier visit: resume it, or start fresh (which forgets it). */
export function ResumeOffer() {
  const { offer, busy } = useResumeOffer();
  if (!offer) return null;
  const runs = offer.config.runs.length;
  return (
    <section className="resume-offer" role="region" aria-label="Saved session">
      <p>
        A session saved {new Date(offer.savedAt).toLocaleString()} ({runs} run{runs === 1 ? '' : 's'}, step {offer.state.globalStep}) can be resumed.
      </p>
      <button type="button" onClick={() => void resume()} disabled={busy}>Resume</button>{' '}
      <button type="button" onClick={() => void startFresh()} disabled={busy}>Start fresh</button>
    </section>
  );
}
