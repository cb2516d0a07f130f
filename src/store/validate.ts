/**
 * Checks a config that came from outside (URL hash, a loaded file, a hand edit) field by field, so a
 * bad one is rejected with a message naming the field, and the current session is left untouched.
 */
import { getLoss, LOSSES } from '../losses';
import { clip, clipJson } from '../util/clip';
import type { LossId } from '../losses/types';
import { RUN_SETTINGS, MAX_RUNS, type DatasetId, type ExperimentConfig, type RunConfig } from '../config/config';
import { defaultOf, SETTING_KEYS, specOf, type GlobalKey } from '../config/settings';

export class ConfigError extends Error {
  constructor(readonly field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'ConfigError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(o: Record<string, unknown>, key: string, field: string, min: number, max: number, integer: boolean): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ConfigError(field, `expected a number, got ${clipJson(v)}`);
  if (integer && !Number.isInteger(v)) throw new ConfigError(field, `expected a whole number, got ${v}`);
  if (v < min || v > max) throw new ConfigError(field, `${v} is outside [${min}, ${max}]`);
  return v;
}

/**
 * Names every object inherits (constructor, toString, __proto__, …): as a run id they would look up
 * built-ins in the page's per-run maps. Refused here; the maps are prototype-free as well.
 */
const RESERVED_IDS = new Set(Object.getOwnPropertyNames(Object.prototype));

function validateRun(v: unknown, i: number): RunConfig {
  const at = `runs[${i}]`;
  if (!isObject(v)) throw new ConfigError(at, 'expected an object');
  if (typeof v.id !== 'string' || !/^[\w-]{1,32}$/.test(v.id)) throw new ConfigError(`${at}.id`, 'expected a short identifier');
  if (RESERVED_IDS.has(v.id)) throw new ConfigError(`${at}.id`, `"${v.id}" is a reserved name; use a short identifier such as r1`);
  if (typeof v.name !== 'string' || v.name.length > 80) throw new ConfigError(`${at}.name`, 'expected a name of at most 80 characters');
  const ids = LOSSES.map((l) => l.id);
  if (typeof v.loss !== 'string' || !ids.includes(v.loss as LossId)) {
    throw new ConfigError(`${at}.loss`, `unknown loss ${clipJson(v.loss)}; expected one of ${ids.join(', ')}`);
  }
  const def = getLoss(v.loss as LossId);
  const learningRate = num(v, 'learningRate', `${at}.learningRate`, RUN_SETTINGS.learningRate.min, RUN_SETTINGS.learningRate.max, false);
  if (!isObject(v.params)) throw new ConfigError(`${at}.params`, 'expected an object');
  if (!isObject(v.choices)) throw new ConfigError(`${at}.choices`, 'expected an object');
  const params: Record<string, number> = {};
  for (const p of def.params) {
    params[p.key] = p.key in v.params ? num(v.params, p.key, `${at}.params.${p.key}`, p.min, p.max, false) : p.default;
  }
  for (const k of Object.keys(v.params)) {
    if (!def.params.some((p) => p.key === k)) throw new ConfigError(`${at}.params.${clip(k)}`, `not a parameter of ${def.label}`);
  }
  const choices: Record<string, string> = {};
  for (const c of def.choices) {
    const val = v.choices[c.key] ?? c.default;
    if (typeof val !== 'string' || !c.options.some((o) => o.value === val)) {
      throw new ConfigError(`${at}.choices.${c.key}`, `expected one of ${c.options.map((o) => o.value).join(', ')}, got ${clipJson(val)}`);
    }
    choices[c.key] = val;
  }
  for (const k of Object.keys(v.choices)) {
    if (!def.choices.some((c) => c.key === k)) throw new ConfigError(`${at}.choices.${clip(k)}`, `not a choice of ${def.label}`);
  }
  return { id: v.id, name: v.name, loss: def.id, learningRate, params, choices };
}

/** One global setting, checked as its table entry says; the message names the field. */
function validateSetting(v: Record<string, unknown>, k: GlobalKey, dataset: DatasetId): unknown {
  const s = specOf(k);
  // absent (or null) in links made before it existed, or kept out of links
  if (v[k] == null && (s.optional || !s.url)) return defaultOf(k, dataset);
  const x = v[k];
  switch (s.kind) {
    case 'number':
      return num(v, k, k, s.min, s.max, s.integer);
    case 'choice':
      if (!s.options.some((o) => o.value === x)) throw new ConfigError(k, `expected one of ${s.options.map((o) => o.value).join(', ')}, got ${clipJson(x)}`);
      return x;
    case 'boolean':
      if (typeof x !== 'boolean') throw new ConfigError(k, `expected true or false, got ${clipJson(x)}`);
      return x;
    case 'classes':
      if (!Array.isArray(x) || x.some((c) => !Number.isInteger(c) || c < 0 || c > s.maxClass) || new Set(x).size !== x.length || x.length > s.maxLength) {
        throw new ConfigError(k, `expected a list of distinct class ids 0–${s.maxClass} leaving at least two known classes, got ${clipJson(x)}`);
      }
      return x;
    case 'text':
      if (typeof x !== 'string' || !s.pattern.test(x)) throw new ConfigError(k, `expected ${s.shape}, got ${clipJson(x)}`);
      return x;
  }
}

export function validateConfig(v: unknown): ExperimentConfig {
  if (!isObject(v)) throw new ConfigError('config', 'expected a JSON object');
  if (v.version !== 1) throw new ConfigError('version', `expected 1, got ${clipJson(v.version)}`);
  // the dataset first: other settings' defaults depend on it
  const dataset = validateSetting(v, 'dataset', 'mnist') as DatasetId;
  const globals: Record<string, unknown> = {};
  for (const k of SETTING_KEYS) globals[k] = validateSetting(v, k, dataset);
  if (!Array.isArray(v.runs) || v.runs.length < 1 || v.runs.length > MAX_RUNS) throw new ConfigError('runs', `expected a list of 1 to ${MAX_RUNS} runs`);
  const runs = v.runs.map(validateRun);
  const seen = new Set<string>();
  runs.forEach((r, i) => {
    if (seen.has(r.id)) throw new ConfigError(`runs[${i}].id`, `duplicate id ${r.id}`);
    seen.add(r.id);
  });
  // each value was checked against its own table entry above
  return { version: 1, ...(globals as Omit<ExperimentConfig, 'version' | 'runs'>), runs };
}

/**
 * The settings that cannot work with a dataset of `classes` classes: the simplex loss without DAM in
 * fewer than C−1 dims, held-out classes the dataset does not have (a link made on MNIST opened on a
 * five-class toy set) or that leave fewer than two known classes.
 */
export function configProblems(c: ExperimentConfig, classes: number): string[] {
  const out: string[] = [];
  const missing = c.openSet.filter((k) => k >= classes);
  if (missing.length) out.push(`held-out classes ${missing.join(', ')} do not exist in this dataset (classes 0–${classes - 1})`);
  else if (classes - c.openSet.length < 2) out.push(`holding out ${c.openSet.length} of ${classes} classes leaves fewer than two to train on`);
  for (const r of c.runs) {
    const need = getLoss(r.loss).minEmbeddingDim(classes, r.choices);
    if (c.embeddingDim < need) {
      out.push(`${r.name}: needs an embedding of at least ${need} dimensions for ${classes} classes (embedding size is ${c.embeddingDim})`);
    }
  }
  return out;
}
