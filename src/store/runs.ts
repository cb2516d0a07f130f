import { getLoss } from '../losses';
import type { LossId } from '../losses/types';
import { RUN_SETTINGS, type RunConfig } from '../config/config';

/** A run of the given loss with every parameter at its registry default. */
export function defaultRun(loss: LossId, id: string): RunConfig {
  const def = getLoss(loss);
  const params: Record<string, number> = {};
  for (const p of def.params) params[p.key] = p.default;
  const choices: Record<string, string> = {};
  for (const c of def.choices) choices[c.key] = c.default;
  return { id, name: def.label, loss, learningRate: RUN_SETTINGS.learningRate.default, params, choices };
}

/** Short description of a run's settings for its title, e.g. "α=16 · heatup". */
export function describeRun(r: RunConfig): string {
  const def = getLoss(r.loss);
  const parts = def.params.filter((p) => p.key in r.params).slice(0, 3).map((p) => `${p.label}=${fmt(r.params[p.key])}`);
  for (const c of def.choices) {
    const v = r.choices[c.key];
    const opt = c.options.find((o) => o.value === v);
    if (opt && v !== c.default) parts.push(opt.label);
  }
  parts.push(`lr=${fmt(r.learningRate)}`);
  return parts.join(' · ');
}

function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1000 || a < 0.01 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
}

export function nextRunId(existing: string[]): string {
  for (let i = 1; ; i++) if (!existing.includes(`r${i}`)) return `r${i}`;
}
