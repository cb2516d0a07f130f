import { useId } from 'react';
import type { ParamSpec } from '../losses/types';
import { isSliderKey, keyStep, snapLinear, type SliderScale } from './sliderSteps';

/** A labelled range input; log-scaled parameters move by decades so small values stay reachable. */
export function ParamSlider(props: { spec: Pick<ParamSpec, 'label' | 'min' | 'max' | 'step' | 'scale' | 'help'>; value: number; onChange: (v: number) => void }) {
  const { spec, value, onChange } = props;
  const id = useId();
  const log = spec.scale === 'log' && spec.min > 0;
  const toSlider = (v: number) => (log ? Math.log10(v) : v);
  const scale: SliderScale = { min: spec.min, max: spec.max, step: spec.step, log };
  // two significant digits on the log scale land on the values papers use (0.25, 4, 16, 64…)
  const fromSlider = (s: number) => (log ? Number((10 ** s).toPrecision(2)) : snapLinear(scale, s));
  const commitTyped = (raw: string) => {
    const v = Number(raw);
    if (Number.isFinite(v) && v >= spec.min && v <= spec.max) onChange(v);
  };
  return (
    <div className="param">
      <label htmlFor={id}>
        <span className="param-label">{spec.label}</span>
        <input className="param-value" type="number" aria-label={`${spec.label} value`} key={value} defaultValue={value}
          min={spec.min} max={spec.max} step="any"
          onBlur={(e) => commitTyped(e.currentTarget.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') commitTyped(e.currentTarget.value); }} />
      </label>
      <input
        id={id}
        type="range"
        aria-label={spec.label}
        min={toSlider(spec.min)}
        max={toSlider(spec.max)}
        // any position, then onto round values in fromSlider: the browser's own grid starts at min, so
        // a linear range whose min is not a multiple of its step would miss round values, and a log
        // range whose ends are not whole hundredths of a decade (Scale s: 1…64) could not show its max
        step="any"
        value={toSlider(value)}
        aria-valuetext={String(value)}
        onChange={(e) => onChange(fromSlider(Number(e.currentTarget.value)))}
        onKeyDown={(e) => {
          // the browser's own steps would be rounded away on a log scale (see sliderSteps.ts)
          if (!isSliderKey(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
          e.preventDefault();
          const next = keyStep(scale, value, e.key);
          if (next !== value) onChange(next);
        }}
      />
      <small className="help">{spec.help}</small>
    </div>
  );
}
