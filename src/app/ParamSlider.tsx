import { useId } from 'react';
import type { ParamSpec } from '../losses/types';

/** A labelled range input; log-scaled parameters move by decades so small values stay reachable. */
export function ParamSlider(props: { spec: Pick<ParamSpec, 'label' | 'min' | 'max' | 'step' | 'scale' | 'help'>; value: number; onChange: (v: number) => void }) {
  const { spec, value, onChange } = props;
  const id = useId();
  const log = spec.scale === 'log' && spec.min > 0;
  const toSlider = (v: number) => (log ? Math.log10(v) : v);
  const fromSlider = (s: number) => (log ? Number((10 ** s).toPrecision(3)) : s);
  return (
    <div className="param">
      <label htmlFor={id}>
        <span className="param-label">{spec.label}</span>
        <output>{formatValue(value)}</output>
      </label>
      <input
        id={id}
        type="range"
        aria-label={spec.label}
        min={toSlider(spec.min)}
        max={toSlider(spec.max)}
        step={log ? 0.01 : spec.step}
        value={toSlider(value)}
        onChange={(e) => onChange(fromSlider(Number(e.currentTarget.value)))}
      />
      <small className="help">{spec.help}</small>
    </div>
  );
}

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.01 || a >= 10000)) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}
