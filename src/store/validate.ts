/**
 * Checks a config that came from outside (URL hash, a loaded file, a hand edit) field by field, so a
 * bad one is rejected with a message naming the field, and the current session is left untouched.
 */
import { getLoss, LOSSES } from '../losses';
import { clip, clipJson } from '../util/clip';
import type { LossId } from '../losses/types';
import {
  BACKEND_CHOICES, DATASETS, DEFAULT_PLANNED_EPOCHS, GLOBAL_SETTINGS, LEARNING_RATE, LR_SCHEDULES, MAX_RUNS, type ExperimentConfig, type RunConfig,
} from './config';

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
  const learningRate = num(v, 'learningRate', `${at}.learningRate`, LEARNING_RATE.min, LEARNING_RATE.max, false);
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

export function validateConfig(v: unknown): ExperimentConfig {
  if (!isObject(v)) throw new ConfigError('config', 'expected a JSON object');
  if (v.version !== 1) throw new ConfigError('version', `expected 1, got ${clipJson(v.version)}`);
  if (!DATASETS.some((d) => d.id === v.dataset)) throw new ConfigError('dataset', `expected one of ${DATASETS.map((d) => d.id).join(', ')}, got ${clipJson(v.dataset)}`);
  if (!BACKEND_CHOICES.includes(v.backend as never)) throw new ConfigError('backend', `expected one of ${BACKEND_CHOICES.join(', ')}, got ${clipJson(v.backend)}`);
  const g = GLOBAL_SETTINGS;
  const embeddingDim = num(v, 'embeddingDim', 'embeddingDim', g.embeddingDim.min, g.embeddingDim.max, true);
  const batchSize = num(v, 'batchSize', 'batchSize', g.batchSize.min, g.batchSize.max, true);
  const seed = num(v, 'seed', 'seed', g.seed.min, g.seed.max, true);
  const evalSize = num(v, 'evalSize', 'evalSize', g.evalSize.min, g.evalSize.max, true);
  if (typeof v.augment !== 'boolean') throw new ConfigError('augment', `expected true or false, got ${clipJson(v.augment)}`);
  const openSet = v.openSet ?? [];
  if (!Array.isArray(openSet) || openSet.some((c) => !Number.isInteger(c) || c < 0 || c > 9) || new Set(openSet).size !== openSet.length || openSet.length > 8) {
    throw new ConfigError('openSet', `expected a list of distinct class ids 0–9 leaving at least two known classes, got ${clipJson(v.openSet)}`);
  }
  // added after the first links were shared: absent means the dataset's default plan
  const plannedEpochs = v.plannedEpochs === undefined
    ? DEFAULT_PLANNED_EPOCHS[v.dataset as ExperimentConfig['dataset']]
    : num(v, 'plannedEpochs', 'plannedEpochs', g.plannedEpochs.min, g.plannedEpochs.max, false);
  const lrSchedule = v.lrSchedule ?? 'cosine';
  if (!LR_SCHEDULES.some((l) => l.id === lrSchedule)) {
    throw new ConfigError('lrSchedule', `expected one of ${LR_SCHEDULES.map((l) => l.id).join(', ')}, got ${clipJson(lrSchedule)}`);
  }
  if (!Array.isArray(v.runs) || v.runs.length < 1 || v.runs.length > MAX_RUNS) throw new ConfigError('runs', `expected a list of 1 to ${MAX_RUNS} runs`);
  const runs = v.runs.map(validateRun);
  const seen = new Set<string>();
  runs.forEach((r, i) => {
    if (seen.has(r.id)) throw new ConfigError(`runs[${i}].id`, `duplicate id ${r.id}`);
    seen.add(r.id);
  });
  return {
    version: 1, dataset: v.dataset as ExperimentConfig['dataset'], backend: v.backend as ExperimentConfig['backend'],
    embeddingDim, batchSize, seed, evalSize, augment: v.augment, openSet: openSet as number[],
    plannedEpochs, lrSchedule: lrSchedule as ExperimentConfig['lrSchedule'], runs,
  };
}

/** The run settings that cannot work, e.g. the simplex loss without DAM in fewer than C−1 dims. */
export function configProblems(c: ExperimentConfig, classes: number): string[] {
  const out: string[] = [];
  for (const r of c.runs) {
    const need = getLoss(r.loss).minEmbeddingDim(classes, r.choices);
    if (c.embeddingDim < need) {
      out.push(`${r.name}: needs an embedding of at least ${need} dimensions for ${classes} classes (embedding size is ${c.embeddingDim})`);
    }
  }
  return out;
}
