/**
 * The loss registry, page-safe: every loss's definition (src/losses/<id>/definition.ts) in the order
 * the UI lists them, and the defaults and clamping of a run's parameters and choices. The worker's
 * side, the heads, is registered in heads.ts. Nothing outside src/losses/ names a concrete loss.
 */
import { centerDefinition } from './center/definition';
import { cosfaceDefinition } from './cosface/definition';
import { heatedDefinition } from './heated/definition';
import { pairDefinition } from './pair/definition';
import { simplexDefinition } from './simplex/definition';
import { softmaxDefinition } from './softmax/definition';
import { tripletDefinition } from './triplet/definition';
import { MAX_RUNS } from '../config/config';
import type { ChoiceValues, LossDefinition, LossId, ParamValues } from './types';

export { SIMPLEX_APP_RADIUS } from './simplex/definition';
export type { ChoiceSpec, ChoiceValues, LossDefinition, LossId, ParamSpec, ParamValues } from './types';

/** Each loss's definition (its folder's definition.ts); a loss without an entry does not compile. */
const DEFINITIONS: { [K in LossId]: LossDefinition } = {
  softmax: softmaxDefinition, heated: heatedDefinition, center: centerDefinition,
  triplet: tripletDefinition, pair: pairDefinition, simplex: simplexDefinition, cosface: cosfaceDefinition,
};

/** Every loss, in the order the UI lists them (the order of DEFINITIONS). */
export const LOSSES: readonly LossDefinition[] = Object.values(DEFINITIONS);

export const LOSS_IDS: readonly LossId[] = LOSSES.map((l) => l.id);

/**
 * The losses of the page's default comparison, what "Add run" ×5 gives (it adds the next loss not yet
 * used): the first MAX_RUNS of the registry. The bench's and the soak's six runs, and `npm run eval`.
 */
export const COMPARISON_LOSS_IDS: readonly LossId[] = LOSS_IDS.slice(0, MAX_RUNS);

export function isLossId(id: string): id is LossId {
  return (LOSS_IDS as readonly string[]).includes(id);
}

export function getLoss(id: LossId): LossDefinition {
  const def = LOSSES.find((l) => l.id === id);
  if (!def) throw new Error(`unknown loss "${id}"; known: ${LOSS_IDS.join(', ')}`);
  return def;
}

/** The registry's defaults for a loss, the starting point of a run's params. */
export function defaultParams(id: LossId): ParamValues {
  return Object.fromEntries(getLoss(id).params.map((p) => [p.key, p.default]));
}

export function defaultChoices(id: LossId): ChoiceValues {
  return Object.fromEntries(getLoss(id).choices.map((c) => [c.key, c.default]));
}

/** Defaults overlaid with the given values, params clamped to their ranges, unknown choices reset. */
export function resolveParams(id: LossId, params: ParamValues = {}): ParamValues {
  const out = defaultParams(id);
  for (const p of getLoss(id).params) {
    const v = params[p.key];
    if (typeof v === 'number' && Number.isFinite(v)) out[p.key] = Math.min(Math.max(v, p.min), p.max);
  }
  return out;
}

export function resolveChoices(id: LossId, choices: ChoiceValues = {}): ChoiceValues {
  const out = defaultChoices(id);
  for (const c of getLoss(id).choices) {
    const v = choices[c.key];
    if (typeof v === 'string' && c.options.some((o) => o.value === v)) out[c.key] = v;
  }
  return out;
}

/**
 * The resolved values of the choices whose change rebuilds the head (`rebuild` not false): the
 * structural part of a run's choices. Evaluation rules, miners and distances are left out.
 */
export function rebuildingChoices(id: LossId, choices: ChoiceValues = {}): ChoiceValues {
  const all = resolveChoices(id, choices);
  return Object.fromEntries(getLoss(id).choices.filter((c) => c.rebuild !== false).map((c) => [c.key, all[c.key]]));
}
