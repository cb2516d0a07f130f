import { Fragment, type ReactNode } from 'react';
import type { ExperimentConfig } from '../config/config';
import { SETTING_KEYS, specOf, type ChoiceSpec, type GlobalKey, type NumberSpec } from '../config/settings';
import { useStore } from '../store/store';
import * as ctl from './controller';
import { DatasetControls } from './DatasetControls';

export function Toolbar() {
  const config = useStore((s) => s.config);
  const status = useStore((s) => s.status);
  const running = useStore((s) => s.running);
  const ready = status === 'ready';
  // what the toolbar shows after a setting's control; the controls themselves come from the table
  const after: Partial<Record<GlobalKey, ReactNode>> = {
    dataset: <DatasetControls />,
    backend: (
      <span className="buttons">
        <button type="button" onClick={ctl.start} disabled={!ready || running}>Train</button>
        <button type="button" onClick={ctl.pause} disabled={!running}>Pause</button>
        <button type="button" onClick={ctl.step} disabled={!ready || running}>Step</button>
        <button type="button" onClick={ctl.reset} disabled={status === 'loading'}>Reset</button>
      </span>
    ),
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Training controls">
      {SETTING_KEYS.map((k) => {
        const spec = specOf(k);
        if (!spec.control) return null;
        return (
          <Fragment key={k}>
            {spec.kind === 'number' && <NumberSetting k={k} spec={spec} value={config[k] as number} />}
            {spec.kind === 'choice' && <ChoiceSetting k={k} spec={spec} value={config[k] as string} />}
            {after[k]}
          </Fragment>
        );
      })}
    </div>
  );
}

function ChoiceSetting(props: { k: GlobalKey; spec: ChoiceSpec<string>; value: string }) {
  const { spec } = props;
  return (
    <label title={spec.help}>
      {spec.label}{' '}
      <select aria-label={spec.label} value={props.value}
        // the table's options are the only values this select offers, so the value fits the key
        onChange={(e) => ctl.patchGlobal({ [props.k]: e.currentTarget.value } as Partial<ExperimentConfig>)}>
        {spec.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
}

/**
 * Number settings apply on change (Enter or leaving the field), not on every keystroke: most of them
 * rebuild the runs.
 */
function NumberSetting(props: { k: GlobalKey; spec: NumberSpec; value: number }) {
  const { spec } = props;
  const commit = (raw: string) => {
    const v = spec.integer ? Math.round(Number(raw)) : Number(raw);
    if (!Number.isFinite(v) || v < spec.min || v > spec.max) {
      ctl.reportBadInput(`${spec.label} must be a ${spec.integer ? 'whole number' : 'number'} between ${spec.min} and ${spec.max}`);
      return;
    }
    if (v !== props.value) ctl.patchGlobal({ [props.k]: v } as Partial<ExperimentConfig>);
  };
  return (
    <label className="num" title={spec.help}>
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
