/**
 * The preset on show: loading one (its whole experiment, started from step 0), its planned length in
 * steps, and the live verdict from the metrics the store holds. Kept out of the main store: only the
 * preset card and menu read it. At the planned length the worker pauses by itself with every run's
 * final metrics (workers/trainLoop.ts), so the verdict read from them then is the final one.
 */
import { create } from 'zustand';
import type { Preset } from '../presets/preset';
import { verdict, type RunFigures, type Verdict } from '../presets/rules';
import type { ExperimentConfig } from '../config/config';
import { needsRebuild } from '../config/settings';
import { useStore, type State } from '../store/store';
import { own } from '../util/dict';
import * as ctl from './controller';

interface PresetState {
  active: Preset | null;
}

export const usePresetStore = create<PresetState>(() => ({ active: null }));

/** What a preset sets: everything but the backend, which belongs to this machine. */
export function presetConfig(p: Preset, current: ExperimentConfig): ExperimentConfig {
  return { ...p.config, backend: current.backend };
}

/** The page's settings still are the preset's (the verdict is about those). */
export function matchesPreset(p: Preset, config: ExperimentConfig): boolean {
  return JSON.stringify(presetConfig(p, config)) === JSON.stringify(config);
}

/**
 * Loads a preset and starts it from step 0 on fresh weights; false (with the error shown) if the page
 * refused the config. Commands reach the worker in order, so Train acts on the new session.
 */
export function loadPreset(p: Preset): boolean {
  const prev = useStore.getState().config;
  const next = presetConfig(p, prev);
  if (!ctl.applyConfig(next)) return false;
  // no rebuild (same data, size, seed…): the runs would go on from their current step
  if (!needsRebuild(prev, next)) ctl.reset();
  ctl.setColourBy(p.colourBy);
  usePresetStore.setState({ active: p });
  ctl.start();
  return true;
}

export function closePreset(): void {
  usePresetStore.setState({ active: null });
}

/**
 * The planned length in steps, as the Trainer counts it: planned epochs over the known-class training
 * images. The trainer's own count is read back from a run's step/epoch once training has begun;
 * before that, from the class share (MNIST's classes are nearly balanced).
 */
export function plannedSteps(config: ExperimentConfig, s: Pick<State, 'dataset' | 'runs'>): number {
  const first = own(s.runs, config.runs[0]?.id ?? '');
  const classes = s.dataset?.classNames.length ?? 10;
  const known = first && first.epoch > 0 && first.step > 0
    ? Math.round((first.step * config.batchSize) / first.epoch)
    : ((s.dataset?.trainCount ?? 60000) * (classes - config.openSet.length)) / classes;
  return Math.max(1, Math.round((config.plannedEpochs * known) / config.batchSize));
}

/** Every run's latest metrics as the rules read them. */
export function figuresFrom(s: Pick<State, 'runs'>): Record<string, RunFigures | null> {
  const out: Record<string, RunFigures | null> = {};
  for (const [id, rv] of Object.entries(s.runs)) {
    const m = rv.metrics;
    out[id] = m && rv.metricsStep >= 0
      ? { step: rv.metricsStep, values: {
        accuracy: m.accuracy, recall1: m.recall[1], nmi: m.nmi, mapAtR: m.mapAtR, auroc: m.auroc, trunkAccuracy: m.trunkAccuracy,
        unseenRecall1: m.unseen?.recall[1] ?? null, unseenMapAtR: m.unseen?.mapAtR ?? null,
      } }
      : null;
  }
  return out;
}

export function liveVerdict(p: Preset, s: Pick<State, 'dataset' | 'runs' | 'config'>): Verdict {
  return verdict(p.verdict, figuresFrom(s), plannedSteps(s.config, s));
}
