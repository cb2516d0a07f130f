import { useId } from 'react';
import { own as ownEntry } from '../util/dict';
import { CenterDistanceMap } from './CenterDistanceMap';
import { ofShown } from '../viz/runProjection';
import { recordedSummary, recordedVerdicts } from '../presets/preset';
import { describeClause } from '../presets/rules';
import { useStore } from '../store/store';
import './presets.css';
import { closePreset, liveVerdict, loadPreset, matchesPreset, usePresetStore } from './presetState';

/** The card of the preset on show: its claim, what to watch, the paper, and the live verdict. */
export function PresetCard() {
  const preset = usePresetStore((s) => s.active);
  const config = useStore((s) => s.config);
  const runs = useStore((s) => s.runs);
  const dataset = useStore((s) => s.dataset);
  const status = useStore((s) => s.status);
  const headingId = useId();
  if (!preset) return null;
  const own = matchesPreset(preset, config);
  const v = status === 'ready' && own ? liveVerdict(preset, { config, runs, dataset }) : null;
  const names = Object.fromEntries(config.runs.map((r) => [r.id, r.name]));
  const recorded = recordedSummary(preset);
  const seeds = recordedVerdicts(preset);
  return (
    <section className={`preset-card verdict-${v?.state ?? 'none'}`} aria-labelledby={headingId}>
      <div className="preset-head">
        <h2 id={headingId}>{preset.title}</h2>
        <button type="button" onClick={() => loadPreset(preset)}>Run again</button>
        <button type="button" aria-label="Close preset card" onClick={closePreset}>×</button>
      </div>
      <p><strong>Claim:</strong> {preset.claim}</p>
      <p><strong>Watch:</strong> {preset.watch}</p>
      <p className="preset-paper"><strong>Paper:</strong> {preset.paper}</p>
      <div className="preset-verdict" role="status" aria-label="Verdict">
        <strong>Verdict:</strong>{' '}
        {!own ? 'The settings have changed since the preset was loaded; the verdict is for its own settings (Run again).'
          : v ? v.text : 'Loading the experiment…'}
      </div>
      {v && own && (
        <ul className="preset-clauses" aria-label="The claim's comparisons">
          {v.clauses.map((c, i) => (
            <li key={i} className={c.holds === true ? 'yes' : c.holds === false ? 'no' : 'open'}>
              <span aria-hidden="true">{c.holds === true ? '✓' : c.holds === false ? '✗' : '…'}</span> {describeClause(c, names)}
              <span className="sr-only">{c.holds === true ? ' (holds)' : c.holds === false ? ' (does not hold)' : ' (not measured yet)'}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="preset-recorded" aria-label="Recorded verdicts">
        <strong>Seeds 1–3:</strong> {recorded ?? 'not recorded yet (npm run eval -- --preset ' + preset.id + ' --seed N --record)'}
        {seeds.length > 0 && (
          <details>
            <summary>Figures per seed</summary>
            <ul>
              {seeds.map((s) => (
                <li key={s.seed}>
                  Seed {s.seed} ({s.date}, <code>{s.command}</code>): {s.holds ? 'holds' : 'does not hold'}
                  <ul className="preset-clauses">
                    {s.clauses.map((c, i) => <li key={i} className={c.holds ? 'yes' : 'no'}><span aria-hidden="true">{c.holds ? '✓' : '✗'}</span> {describeClause(c, names)}</li>)}
                  </ul>
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      {preset.differences.length > 0 && (
        <details className="preset-differences">
          <summary>What still differs from the paper ({preset.differences.length})</summary>
          <ul>{preset.differences.map((d) => <li key={d}>{d}</li>)}</ul>
        </details>
      )}
      {own && dataset && preset.show.includes('centerDistances') && (
        <div className="center-maps" aria-label="Distances between class centers (darker = closer; ? = held out)" role="group">
          {config.runs.map((r) => {
            const snap = ownEntry(runs, r.id)?.snapshot;
            return snap ? <CenterDistanceMap key={r.id} name={r.name} snapshot={snap} labels={ofShown(snap, dataset.evalLabels)} classNames={dataset.classNames} openSet={config.openSet} /> : null;
          })}
        </div>
      )}
    </section>
  );
}
