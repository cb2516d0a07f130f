import { memo, useEffect, useRef } from 'react';
import { getLoss, LOSSES } from '../losses';
import type { LossId } from '../losses/types';
import type { RunConfig } from '../config/config';
import { RUN_SETTINGS } from '../config/config';
import { describeRun } from '../store/runs';
import { DEFAULT_RUN_VIEW, useStore } from '../store/store';
import * as ctl from './controller';
import { ParamSlider } from './ParamSlider';
import { setRegionsShown, useRegionsHidden } from '../store/regionsView';
import { RunEmbedding } from './RunEmbedding';

/**
 * One run: its loss, its parameters (only those its loss uses), its embedding and accuracy. Memoised:
 * a slider dragged in one run changes only that run's config object, and the other panels (six of
 * them at most, each with its plot and sliders) need not render again for it.
 */
export const RunPanel = memo(function RunPanel(props: { run: RunConfig; canRemove: boolean }) {
  const { run } = props;
  const def = getLoss(run.loss);
  return (
    <section role="group" aria-label={run.name} className="run" data-run-id={run.id}>
      <header>
        <h2 style={{ display: 'contents' }}>
          <input className="run-title" aria-label="Run name" defaultValue={run.name} key={run.name}
            onBlur={(e) => ctl.renameRun(run.id, e.currentTarget.value)}
            onKeyDown={(e) => { if (e.key === 'Enter') e.currentTarget.blur(); }} />
        </h2>
        <button type="button" onClick={() => ctl.duplicateRun(run.id)} aria-label={`Duplicate ${run.name}`} title="A copy that continues from this run's current weights">Duplicate</button>
        {props.canRemove && <button type="button" onClick={() => ctl.removeRun(run.id)} aria-label={`Remove ${run.name}`}>×</button>}
      </header>
      <small className="run-desc">{describeRun(run)}</small>
      <RunViewTools runId={run.id} loss={run.loss} />
      <RunPlot runId={run.id} name={run.name} />
      <RunStats runId={run.id} />
      <details className="loss-info">
        <summary>{def.paper}</summary>
        <p>{def.summary}</p>
      </details>
      <label className="loss-select">
        Loss{' '}
        <select aria-label="Loss" value={run.loss} onChange={(e) => ctl.changeLoss(run, e.currentTarget.value as LossId)}>
          {LOSSES.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
        </select>
      </label>
      <ParamSlider
        spec={RUN_SETTINGS.learningRate}
        value={run.learningRate}
        onChange={(v) => ctl.updateRun({ ...run, learningRate: v }, `lr=${v}`)}
      />
      {def.params.map((p) => (
        <ParamSlider key={p.key} spec={p} value={run.params[p.key] ?? p.default}
          onChange={(v) => ctl.updateRun({ ...run, params: { ...run.params, [p.key]: v } }, `${p.label}=${v}`)} />
      ))}
      {def.choices.map((c) => (
        <label key={c.key} className="choice" title={c.help}>
          {c.label}{' '}
          <select aria-label={c.label} value={run.choices[c.key] ?? c.default}
            onChange={(e) => ctl.updateRun({ ...run, choices: { ...run.choices, [c.key]: e.currentTarget.value } }, `${c.label}: ${e.currentTarget.value}`)}>
            {c.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </label>
      ))}
    </section>
  );
});

/**
 * The run's figures as they arrive (ten times a second while training): a component of their own, so
 * that the panel's controls are not rendered again with them.
 */
function RunStats(props: { runId: string }) {
  const view = useStore((s) => s.runs[props.runId]);
  const acc = view?.snapshot?.accuracy;
  const accStep = view?.snapshot?.step;
  return (
    <div className="run-stats">
      {/* the accuracy is the plotted frame's, and says its step: training may be steps further on */}
      <span>Test accuracy: <strong aria-label="Test accuracy">{acc === undefined ? '–' : `${(acc * 100).toFixed(1)} %`}</strong>
        {accStep !== undefined && <span className="acc-step" aria-label="Test accuracy step"> at step {accStep}</span>}</span>
      <span>training step {view?.step ?? 0}</span>
      <span>loss {view && Number.isFinite(view.loss) ? view.loss.toFixed(4) : '–'}</span>
      {view?.alpha !== null && view?.alpha !== undefined && <span>α now <strong aria-label="Current α">{view.alpha.toPrecision(3)}</strong></span>}
    </div>
  );
}

/**
 * The run's plot, which can fill the window (the button, or Escape to come back): a 2-D embedding of
 * 2 000 points reads much better at 900 px than at 400.
 */
function RunPlot(props: { runId: string; name: string }) {
  const enlarged = useStore((s) => s.enlargedPlot === props.runId);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!enlarged) return;
    button.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      ctl.enlargePlot(null);
      button.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enlarged]);
  return (
    <div className={enlarged ? 'run-plot enlarged' : 'run-plot'}
      {...(enlarged ? { role: 'dialog', 'aria-modal': true, 'aria-label': `${props.name}: embedding, enlarged` } : {})}>
      <button ref={button} type="button" className="plot-size" aria-label={enlarged ? 'Restore plot size' : 'Enlarge plot'}
        title={enlarged ? 'Back to the run\'s panel (Escape)' : 'Show this plot as large as the window'}
        onClick={() => ctl.enlargePlot(enlarged ? null : props.runId)}>
        {enlarged ? 'Restore size' : 'Enlarge'}
      </button>
      <RunEmbedding runId={props.runId} />
    </div>
  );
}

/** Per-run drawing options: decision regions (2-D), mined triplets (triplet loss), the projection of a >2-D embedding. */
function RunViewTools(props: { runId: string; loss: LossId }) {
  const view = useStore((s) => s.runViews[props.runId] ?? DEFAULT_RUN_VIEW);
  const dim = useStore((s) => s.runs[props.runId]?.snapshot?.dim ?? 2);
  const showRegions = useRegionsHidden((s) => !s.hidden[props.runId]);
  const axes = view.projection.kind === 'axes' ? view.projection : null;
  return (
    <div className="run-tools">
      {dim === 2 && (
        <label title="The plane coloured by the class this run predicts there, with its loss's own rule; paler where it is less sure">
          <input type="checkbox" checked={showRegions} onChange={(e) => setRegionsShown(props.runId, e.currentTarget.checked)} />
          {' '}Decision regions
        </label>
      )}
      {getLoss(props.loss).capabilities.minesTriplets && (
        <label>
          <input type="checkbox" checked={view.showTriplets} onChange={(e) => ctl.setRunView(props.runId, { showTriplets: e.currentTarget.checked })} />
          {' '}Show mined triplets
        </label>
      )}
      {dim > 2 && (
        <label>
          Projection{' '}
          <select aria-label="Projection" value={axes ? `${axes.i},${axes.j}` : view.projection.kind === 'umap' && dim > 3 ? 'umap' : 'pca'}
            onChange={(e) => {
              const v = e.currentTarget.value;
              const [i, j] = v.split(',').map(Number);
              ctl.setRunView(props.runId, { projection: v === 'pca' ? { kind: 'pca' } : v === 'umap' ? { kind: 'umap' } : { kind: 'axes', i, j } });
            }}>
            {/* for three dimensions PCA would only turn the cloud: the turnable 3-D view takes its place */}
            <option value="pca">{dim === 3 ? '3-D view (drag or arrow keys)' : 'PCA (aligned between frames)'}</option>
            {dim > 3 && <option value="umap">UMAP (computed in a worker)</option>}
            {Array.from({ length: dim }, (_, i) => Array.from({ length: dim - i - 1 }, (_, k) => [i, i + k + 1])).flat().slice(0, 45).map(([i, j]) => (
              <option key={`${i},${j}`} value={`${i},${j}`}>axes f{i + 1} × f{j + 1}</option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
