import { BACKEND_CHOICES, DATASETS, GLOBAL_SETTINGS, LR_SCHEDULES, type BackendChoice, type DatasetId, type LrScheduleKind } from '../store/config';
import { useStore } from '../store/store';
import * as ctl from './controller';
import { DatasetControls } from './DatasetControls';

export function Toolbar() {
  const config = useStore((s) => s.config);
  const status = useStore((s) => s.status);
  const running = useStore((s) => s.running);
  const ready = status === 'ready';
  return (
    <div className="toolbar" role="toolbar" aria-label="Training controls">
      <label>
        Dataset{' '}
        <select aria-label="Dataset" value={config.dataset} onChange={(e) => ctl.patchGlobal({ dataset: e.currentTarget.value as DatasetId })}>
          {DATASETS.map((d) => <option key={d.id} value={d.id}>{d.label}</option>)}
        </select>
      </label>
      <DatasetControls />
      <label>
        Backend{' '}
        <select aria-label="Backend" value={config.backend} onChange={(e) => ctl.patchGlobal({ backend: e.currentTarget.value as BackendChoice })}>
          {BACKEND_CHOICES.map((b) => <option key={b} value={b}>{b === 'auto' ? 'auto (fastest measured)' : b}</option>)}
        </select>
      </label>
      <span className="buttons">
        <button type="button" onClick={ctl.start} disabled={!ready || running}>Train</button>
        <button type="button" onClick={ctl.pause} disabled={!running}>Pause</button>
        <button type="button" onClick={ctl.step} disabled={!ready || running}>Step</button>
        <button type="button" onClick={ctl.reset} disabled={status === 'loading'}>Reset</button>
      </span>
      <NumberSetting k="batchSize" value={config.batchSize} />
      <NumberSetting k="embeddingDim" value={config.embeddingDim} />
      <NumberSetting k="seed" value={config.seed} />
      <PlanSetting value={config.plannedEpochs} />
      <label>
        LR schedule{' '}
        <select aria-label="LR schedule" value={config.lrSchedule} title="The learning rate over the planned length: a 5 % warm-up then a cosine decay to 2 % of each run's rate, or constant"
          onChange={(e) => ctl.patchGlobal({ lrSchedule: e.currentTarget.value as LrScheduleKind })}>
          {LR_SCHEDULES.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
        </select>
      </label>
    </div>
  );
}

/** Settings that rebuild the runs apply on change (Enter or leaving the field), not on every keystroke. */
function NumberSetting(props: { k: 'batchSize' | 'embeddingDim' | 'seed'; value: number }) {
  const spec = GLOBAL_SETTINGS[props.k];
  const commit = (raw: string) => {
    const v = Math.round(Number(raw));
    if (!Number.isFinite(v) || v < spec.min || v > spec.max) {
      ctl.reportBadInput(`${spec.label} must be a whole number between ${spec.min} and ${spec.max}`);
      return;
    }
    if (v !== props.value) ctl.patchGlobal({ [props.k]: v });
  };
  return (
    <label className="num">
      {spec.label}{' '}
      <input
        key={props.value}
        type="number"
        aria-label={spec.label}
        defaultValue={props.value}
        min={spec.min}
        max={spec.max}
        step={spec.step}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(e.currentTarget.value); }}
      />
    </label>
  );
}

/**
 * The planned length: the learning-rate decay ends and training pauses there (Train goes on past it);
 * heated-up softmax heats up at a share of it. Applies without a rebuild.
 */
function PlanSetting(props: { value: number }) {
  const spec = GLOBAL_SETTINGS.plannedEpochs;
  const commit = (raw: string) => {
    const v = Number(raw);
    if (!Number.isFinite(v) || v < spec.min || v > spec.max) {
      ctl.reportBadInput(`${spec.label} must be a number between ${spec.min} and ${spec.max}`);
      return;
    }
    if (v !== props.value) ctl.patchGlobal({ plannedEpochs: v });
  };
  return (
    <label className="num" title="Training pauses after this many epochs, when the learning rate has decayed; press Train to go on">
      {spec.label}{' '}
      <input key={props.value} type="number" aria-label={spec.label} defaultValue={props.value} min={spec.min} max={spec.max} step={spec.step}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(e.currentTarget.value); }} />
    </label>
  );
}
