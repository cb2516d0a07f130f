/**
 * A preset: one experiment of a paper, ready to run. Its file is a saved config (the format of
 * Export → Config, checked by validateConfig, so "Load config…" accepts it too) with a "preset" object
 * beside the config's fields: the card's text, the colouring and the verdict rule.
 */
import type { ExperimentConfig } from '../config/config';
import type { ColourBy } from '../store/store';
import { validateConfig } from '../store/validate';
import { evaluateRule, parseRule, RULE_METRICS, type ClauseResult, type Rule, type RuleMetric } from './rules';

export const PRESET_COLOURINGS = ['class', 'correct', 'gradient'] as const satisfies readonly ColourBy[];

export interface Preset {
  /** the file name without .json, e.g. "heated-up" */
  id: string;
  /** place in the menu (ascending) */
  order: number;
  title: string;
  /** the paper's claim in one sentence */
  claim: string;
  /** what to look at on the page while it trains */
  watch: string;
  /** the reference */
  paper: string;
  colourBy: ColourBy;
  verdict: Rule;
  /** the planned length of `npm run eval -- --preset ID --quick` */
  quickEpochs: number;
  /** extra figures on the card: "centerDistances", the heat map of distances between class centers */
  show: PresetFigure[];
  /** what still differs from the paper's set-up, one line each */
  differences: string[];
  /** the verdict at seeds 1–3 as `npm run eval -- --preset ID --seed N --record` measured it; null: not recorded yet */
  recorded: Recorded | null;
  config: ExperimentConfig;
}

/** One seed's headless run: its verdict and every run's figures (the rule's metrics). */
export interface RecordedSeed {
  seed: number;
  /** the command that measured it */
  command: string;
  /** the day it was measured (YYYY-MM-DD) */
  date: string;
  /** true: the claim held at the planned length; false: it did not */
  holds: boolean;
  /** run id → metric → value (null where the run has no such figure) */
  figures: Record<string, Partial<Record<RuleMetric, number | null>>>;
}

export interface Recorded {
  /** the planned epochs the seeds were run at (the preset's own, or --quick's shorter plan) */
  epochs: number;
  seeds: RecordedSeed[];
}

export const PRESET_FIGURES = ['centerDistances'] as const;
export type PresetFigure = (typeof PRESET_FIGURES)[number];

export class PresetError extends Error {
  constructor(id: string, problem: string) {
    super(`preset "${id}": ${problem}`);
    this.name = 'PresetError';
  }
}

function text(o: Record<string, unknown>, key: string, id: string, max: number): string {
  const v = o[key];
  if (typeof v !== 'string' || !v.trim() || v.length > max) throw new PresetError(id, `preset.${key}: expected a text of 1 to ${max} characters`);
  return v.trim();
}

export function parsePreset(id: string, v: unknown): Preset {
  if (!/^[a-z0-9-]{1,40}$/.test(id)) throw new PresetError(id, 'the id (file name) must be lower-case letters, digits and hyphens');
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new PresetError(id, 'expected a JSON object');
  const p = (v as Record<string, unknown>).preset;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new PresetError(id, 'expected a "preset" object beside the config');
  const meta = p as Record<string, unknown>;
  const known = ['order', 'title', 'claim', 'watch', 'paper', 'colourBy', 'verdict', 'quickEpochs', 'show', 'differences', 'recorded'];
  for (const k of Object.keys(meta)) if (!known.includes(k)) throw new PresetError(id, `preset.${k}: unknown field (known: ${known.join(', ')})`);
  let config: ExperimentConfig;
  try {
    config = validateConfig(v);
  } catch (e) {
    throw new PresetError(id, `config: ${e instanceof Error ? e.message : String(e)}`);
  }
  const order = meta.order ?? 100;
  if (typeof order !== 'number' || !Number.isFinite(order)) throw new PresetError(id, 'preset.order: expected a number');
  const colourBy = meta.colourBy ?? 'class';
  if (!PRESET_COLOURINGS.includes(colourBy as ColourBy)) throw new PresetError(id, `preset.colourBy: expected one of ${PRESET_COLOURINGS.join(', ')}`);
  const quickEpochs = meta.quickEpochs ?? Math.min(0.5, config.plannedEpochs);
  if (typeof quickEpochs !== 'number' || !(quickEpochs > 0) || quickEpochs > config.plannedEpochs) {
    throw new PresetError(id, `preset.quickEpochs: expected a number in (0, plannedEpochs = ${config.plannedEpochs}]`);
  }
  const show = meta.show ?? [];
  if (!Array.isArray(show) || show.some((f) => !PRESET_FIGURES.includes(f as PresetFigure))) {
    throw new PresetError(id, `preset.show: expected a list of ${PRESET_FIGURES.join(', ')}`);
  }
  const differences = meta.differences ?? [];
  if (!Array.isArray(differences) || differences.some((d) => typeof d !== 'string' || !d.trim() || d.length > 300)) {
    throw new PresetError(id, 'preset.differences: expected a list of texts of 1 to 300 characters');
  }
  const recorded = meta.recorded === undefined ? null : parseRecorded(id, meta.recorded, config.runs.map((r) => r.id));
  let verdict: Rule;
  try {
    verdict = parseRule(meta.verdict, config.runs.map((r) => r.id), 'preset.verdict');
  } catch (e) {
    throw new PresetError(id, e instanceof Error ? e.message : String(e));
  }
  if (config.openSet.length === 0 && /"(auroc|unseenRecall1|unseenMapAtR)"/.test(JSON.stringify(verdict))) {
    throw new PresetError(id, 'preset.verdict reads the open-set AUROC or unseen-class retrieval, which need held-out classes (openSet)');
  }
  return {
    id, order, title: text(meta, 'title', id, 80), claim: text(meta, 'claim', id, 400), watch: text(meta, 'watch', id, 600),
    paper: text(meta, 'paper', id, 400), colourBy: colourBy as ColourBy, verdict, quickEpochs, show: show as PresetFigure[],
    differences: differences as string[], recorded, config,
  };
}

function parseRecorded(id: string, v: unknown, runIds: string[]): Recorded {
  const bad = (what: string): never => { throw new PresetError(id, `preset.recorded${what}`); };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(': expected { epochs, seeds }');
  const r = v as Record<string, unknown>;
  if (typeof r.epochs !== 'number' || !(r.epochs > 0)) bad('.epochs: expected a positive number');
  if (!Array.isArray(r.seeds)) bad('.seeds: expected a list');
  const seeds = (r.seeds as unknown[]).map((s, i): RecordedSeed => {
    const at = `.seeds[${i}]`;
    if (typeof s !== 'object' || s === null) bad(`${at}: expected an object`);
    const o = s as Record<string, unknown>;
    if (typeof o.seed !== 'number' || !Number.isInteger(o.seed)) bad(`${at}.seed: expected a whole number`);
    if (typeof o.command !== 'string' || !o.command.startsWith('npm run eval')) bad(`${at}.command: expected the npm run eval command`);
    if (typeof o.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(o.date)) bad(`${at}.date: expected YYYY-MM-DD`);
    if (typeof o.holds !== 'boolean') bad(`${at}.holds: expected true or false`);
    const figures = o.figures;
    if (typeof figures !== 'object' || figures === null) bad(`${at}.figures: expected run → metric → value`);
    for (const [run, values] of Object.entries(figures as Record<string, unknown>)) {
      if (!runIds.includes(run)) bad(`${at}.figures.${run}: no such run`);
      for (const [m, x] of Object.entries(values as Record<string, unknown>)) {
        if (!RULE_METRICS.includes(m as RuleMetric) || (x !== null && typeof x !== 'number')) bad(`${at}.figures.${run}.${m}: expected a metric and a number`);
      }
    }
    return { seed: o.seed as number, command: o.command as string, date: o.date as string, holds: o.holds as boolean, figures: figures as RecordedSeed['figures'] };
  });
  return { epochs: r.epochs as number, seeds };
}

/** One recorded seed under the preset's rule as it is now (a rule tightened since is applied to the old figures). */
export interface RecordedVerdict {
  seed: number;
  date: string;
  command: string;
  holds: boolean;
  clauses: ClauseResult[];
}

export function recordedVerdicts(p: Pick<Preset, 'verdict' | 'recorded'>): RecordedVerdict[] {
  return (p.recorded?.seeds ?? []).map((s) => {
    const { holds, clauses } = evaluateRule(p.verdict, s.figures);
    return { seed: s.seed, date: s.date, command: s.command, holds: holds === true, clauses };
  });
}

/** "holds on 2 of 3 seeds here" (at the recorded plan length), or null when nothing is recorded. */
export function recordedSummary(p: Pick<Preset, 'verdict' | 'recorded' | 'quickEpochs' | 'config'>): string | null {
  const seeds = recordedVerdicts(p);
  if (!p.recorded || seeds.length === 0) return null;
  const held = seeds.filter((s) => s.holds).length;
  const plan = p.recorded.epochs === p.config.plannedEpochs ? 'the planned length' : `a shorter plan of ${p.recorded.epochs} epochs (--quick)`;
  return `holds on ${held} of ${seeds.length} seed${seeds.length === 1 ? '' : 's'} here (headless, at ${plan})`;
}

/** Presets in menu order (then by id). */
export function sortPresets(list: Preset[]): Preset[] {
  return [...list].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
