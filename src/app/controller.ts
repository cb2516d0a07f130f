/**
 * User intents → store + worker. Components call these; nothing here draws. Worker calls are
 * fire-and-forget because results come back as events.
 */
import { getLoss } from '../losses';
import type { LossId } from '../losses/types';
import type { ExperimentConfig, RunConfig } from '../config/config';
import { DATASET_CLASSES, MAX_RUNS } from '../config/config';
import { needsRebuild, withDatasetDefaults } from '../config/settings';
import { defaultRun, nextRunId } from '../store/runs';
import { DEFAULT_RUN_VIEW, pushError, setConfig, updateRunConfig, useStore, type ColourBy, type RunViewSettings } from '../store/store';
import { configToHash } from '../store/urlHash';
import { clip } from '../util/clip';
import { dict, own, withEntry } from '../util/dict';
import { configProblems } from '../store/validate';
import { trainerClient } from '../workers/client';

export function baseUrl(): string {
  return new URL(import.meta.env.BASE_URL, location.href).href;
}

/** The classes of the config's dataset: the loaded one's, or (while another is on show) its known count. */
export function classesOf(c: ExperimentConfig): number {
  const ds = useStore.getState().dataset;
  return ds && ds.id === c.dataset ? ds.classNames.length : DATASET_CLASSES[c.dataset];
}

const PROBLEM_FIX = 'Raise the embedding size or turn on the dimension-raising module (DAM); hold out only classes the dataset has.';

/** A dragged slider changes the config ~100 times a second: the link follows at most this often. */
const HASH_EVERY_MS = 200;
let hashWrittenAt = -Infinity;
let hashPending: ExperimentConfig | null = null;

/** Puts the config in the address bar: a single change at once, a burst of them at most every 200 ms and its last. */
export function writeHash(c: ExperimentConfig): void {
  const now = performance.now();
  if (hashPending === null && now - hashWrittenAt >= HASH_EVERY_MS) {
    hashWrittenAt = now;
    history.replaceState(null, '', configToHash(c));
    return;
  }
  const first = hashPending === null;
  hashPending = c;
  if (!first) return;
  setTimeout(flushHash, Math.max(0, HASH_EVERY_MS - (now - hashWrittenAt)));
}

function flushHash(): void {
  const last = hashPending;
  hashPending = null;
  hashWrittenAt = performance.now();
  if (last) history.replaceState(null, '', configToHash(last));
}

// a reload or a closed tab right after a drag keeps its last value
if (typeof window !== 'undefined') window.addEventListener('pagehide', flushHash);

/** Sends the whole config to the worker (it rebuilds only what changed). Refuses impossible settings. */
export function applyConfig(next: ExperimentConfig): boolean {
  const problems = configProblems(next, classesOf(next));
  if (problems.length) {
    pushError(problems.join('; '), PROBLEM_FIX, false);
    return false;
  }
  const prev = useStore.getState().config;
  const rebuild = needsRebuild(prev, next);
  setConfig(next);
  writeHash(next);
  if (rebuild) useStore.setState({ status: 'loading', progress: { stage: 'Preparing', fraction: 0 } });
  void trainerClient().configure(next, baseUrl()).then(pushViews);
  return true;
}

export function start(): void { void trainerClient().start(); }
export function pause(): void { void trainerClient().pause(); }
export function step(): void { void trainerClient().step(1); }
export function reset(): void {
  const s = useStore.getState();
  const runs = dict(Object.fromEntries(Object.keys(s.runs).map((id) => [id, { ...s.runs[id], lossHistory: [], accHistory: [], marks: [], snapshot: null, metrics: null, step: 0, version: s.runs[id].version + 1 }])));
  useStore.setState({ runs, globalStep: 0, status: 'loading' });
  void trainerClient().reset();
}

export function patchGlobal(patch: Partial<ExperimentConfig>): void {
  // a plan left at the old dataset's default follows a new dataset; one the user chose stays
  applyConfig(withDatasetDefaults(useStore.getState().config, patch));
}

/** A slider moved: the worker applies it at the next step; the plot and charts mark the step. */
export function updateRun(run: RunConfig, what?: string): void {
  const cfg = useStore.getState().config;
  const next = { ...cfg, runs: cfg.runs.map((r) => (r.id === run.id ? run : r)) };
  const problems = configProblems(next, classesOf(next));
  if (problems.length) {
    pushError(problems.join('; '), PROBLEM_FIX, false);
    return;
  }
  updateRunConfig(run, what);
  writeHash(next);
  void trainerClient().updateRun(run);
}

export function changeLoss(run: RunConfig, loss: LossId): void {
  const fresh = defaultRun(loss, run.id);
  const next = { ...fresh, learningRate: run.learningRate, name: getLoss(loss).label };
  const cfg = useStore.getState().config;
  applyConfig({ ...cfg, runs: cfg.runs.map((r) => (r.id === run.id ? next : r)) });
}

export function addRun(loss: LossId = 'softmax'): void {
  const cfg = useStore.getState().config;
  if (cfg.runs.length >= MAX_RUNS) return;
  applyConfig({ ...cfg, runs: [...cfg.runs, defaultRun(loss, nextRunId(cfg.runs.map((r) => r.id)))] });
}

export function removeRun(id: string): void {
  const cfg = useStore.getState().config;
  if (cfg.runs.length <= 1) return;
  applyConfig({ ...cfg, runs: cfg.runs.filter((r) => r.id !== id) });
}

export function reportBadInput(message: string): void {
  pushError(message, 'Enter a value in range; nothing was changed.', false);
}

/** A copy of a run that continues from its current weights (the worker copies the state). */
export function duplicateRun(id: string): void {
  const cfg = useStore.getState().config;
  const src = cfg.runs.find((r) => r.id === id);
  if (!src || cfg.runs.length >= MAX_RUNS) return;
  const copy = { ...src, id: nextRunId(cfg.runs.map((r) => r.id)), name: `${src.name} (copy)` };
  const next = { ...cfg, runs: [...cfg.runs, copy] };
  setConfig(next);
  writeHash(next);
  useStore.setState((s) => ({ runViews: withEntry(s.runViews, copy.id, own(s.runViews, id) ?? DEFAULT_RUN_VIEW) }));
  void trainerClient().duplicateRun(id, copy);
}

export function renameRun(id: string, name: string): void {
  const run = useStore.getState().config.runs.find((r) => r.id === id);
  const clean = name.trim().slice(0, 80);
  if (!run || !clean || clean === run.name) return;
  updateRun({ ...run, name: clean });
}

function pushViews(): void {
  const s = useStore.getState();
  for (const r of s.config.runs) {
    const v = own(s.runViews, r.id) ?? DEFAULT_RUN_VIEW;
    void trainerClient().setView(r.id, { gradNorms: s.colourBy === 'gradient', triplets: v.showTriplets && getLoss(r.loss).capabilities.minesTriplets });
  }
}

export function setColourBy(mode: ColourBy): void {
  useStore.setState({ colourBy: mode });
  pushViews();
}

/** A run's plot fills the window (null: back in its panel). */
export function enlargePlot(runId: string | null): void {
  useStore.setState({ enlargedPlot: runId });
}

export function setRunView(id: string, patch: Partial<RunViewSettings>): void {
  useStore.setState((s) => ({ runViews: withEntry(s.runViews, id, { ...(own(s.runViews, id) ?? DEFAULT_RUN_VIEW), ...patch }) }));
  pushViews();
}

export function setSameScale(on: boolean): void {
  useStore.setState({ sameScale: on });
}

/** "8, 9" → held-out classes for the open-set split; refuses what cannot work. */
export function setOpenSet(text: string): void {
  const ids = text.split(/[\s,;]+/).filter(Boolean).map(Number);
  if (ids.some((c) => !Number.isInteger(c) || c < 0) || new Set(ids).size !== ids.length) {
    reportBadInput(`Held-out classes must be distinct class ids (whole numbers from 0, got "${clip(text)}")`);
    return;
  }
  // which ids the dataset has, and that two classes stay known, is configProblems' to say (applyConfig)
  patchGlobal({ openSet: ids.sort((a, b) => a - b) });
}
