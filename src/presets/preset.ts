/**
 * A preset: one experiment of a paper, ready to run. Its file is a saved config (the format of
 * Export → Config, checked by validateConfig, so "Load config…" accepts it too) with a "preset" object
 * beside the config's fields: the card's text, the colouring and the verdict rule.
 */
import type { ExperimentConfig } from '../store/config';
import type { ColourBy } from '../store/store';
import { validateConfig } from '../store/validate';
import { parseRule, type Rule } from './rules';

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
  config: ExperimentConfig;
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
  const known = ['order', 'title', 'claim', 'watch', 'paper', 'colourBy', 'verdict', 'quickEpochs', 'show'];
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
    paper: text(meta, 'paper', id, 300), colourBy: colourBy as ColourBy, verdict, quickEpochs, show: show as PresetFigure[], config,
  };
}

/** Presets in menu order (then by id). */
export function sortPresets(list: Preset[]): Preset[] {
  return [...list].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
