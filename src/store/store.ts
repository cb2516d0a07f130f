/**
 * The one store: the experiment config (source of truth for every setting), what the worker reported
 * (backend, dataset, per-run progress and snapshots), and UI state. Components read and write it; the
 * worker client is driven from its actions.
 */
import { create } from 'zustand';
import type { BackendInfo, DatasetInfo, RunMetrics, Snapshot, WorkerEvent } from '../workers/protocol';
import type { ExperimentConfig, RunConfig } from '../config/config';
import { defaultGlobals } from '../config/settings';
import { clip } from '../util/clip';
import { dict, own, withEntry } from '../util/dict';
import { defaultRun } from './runs';
import { emptyOwnImages, type OwnImagesState } from './ownImagesDraft';

export interface RunView {
  step: number;
  epoch: number;
  loss: number;
  alpha: number | null;
  /**
   * Histories grow by thousands of points; they are appended in place and `version` is bumped so
   * charts redraw without copying arrays on every progress message.
   */
  lossHistory: [number, number][];
  accHistory: [number, number][];
  /** steps where a parameter changed, drawn on the plot and the charts */
  marks: { step: number; text: string }[];
  snapshot: Snapshot | null;
  metrics: RunMetrics | null;
  /** the step the metrics were computed at, and on how many shown test samples */
  metricsStep: number;
  metricsPoints: number;
  version: number;
}

/**
 * Most points a run's loss (or accuracy) history keeps: 100 000 steps × 6 runs took 42 MiB. When full
 * it is thinned in place (every second point, first and latest kept), so the chart still spans the
 * whole training at a coarser step while recent steps stay dense.
 */
export const MAX_HISTORY_POINTS = 20_000;

/** Appends in place (charts hold the array) and thins in place when the history is full. */
export function appendHistory(history: [number, number][], point: [number, number], max = MAX_HISTORY_POINTS): void {
  history.push(point);
  if (history.length <= max) return;
  let w = 0;
  for (let i = 0; i < history.length; i++) if (i % 2 === 0 || i === history.length - 1) history[w++] = history[i];
  history.length = w;
}

export interface AppError { id: number; message: string; fix: string; fatal: boolean }

export type ColourBy = 'class' | 'correct' | 'gradient';

export interface State {
  config: ExperimentConfig;
  status: 'loading' | 'ready' | 'error';
  running: boolean;
  globalStep: number;
  progress: { stage: string; fraction: number } | null;
  backend: BackendInfo | null;
  dataset: DatasetInfo | null;
  runs: Record<string, RunView>;
  samplesPerSec: number;
  evalShare: number;
  errors: AppError[];
  colourBy: ColourBy;
  /** one scale for every plot (comparable runs side by side) */
  sameScale: boolean;
  /** each plot's data extent, for the shared scale */
  plotDomains: Record<string, [[number, number], [number, number]]>;
  /** per run: page-only view settings */
  runViews: Record<string, RunViewSettings>;
  /** the run whose plot fills the window, if any */
  enlargedPlot: string | null;
  /** "Your images": the classes the user builds, and the state of loading and recording them */
  ownImages: OwnImagesState;
}

export interface RunViewSettings {
  showTriplets: boolean;
  /** PCA (aligned frame to frame; the turnable 3-D view for 3 dimensions), a pair of embedding axes, or UMAP (> 3 dimensions) */
  projection: { kind: 'pca' } | { kind: 'axes'; i: number; j: number } | { kind: 'umap' };
}

export const DEFAULT_RUN_VIEW: RunViewSettings = { showTriplets: false, projection: { kind: 'pca' } };

export function defaultConfig(): ExperimentConfig {
  return { version: 1, ...defaultGlobals(), runs: [defaultRun('softmax', 'r1')] };
}

export function emptyRunView(): RunView {
  return { step: 0, epoch: 0, loss: NaN, alpha: null, lossHistory: [], accHistory: [], marks: [], snapshot: null, metrics: null, metricsStep: -1, metricsPoints: 0, version: 0 };
}

export const useStore = create<State>(() => ({
  config: defaultConfig(),
  status: 'loading',
  running: false,
  globalStep: 0,
  progress: null,
  backend: null,
  dataset: null,
  runs: dict(),
  samplesPerSec: 0,
  evalShare: 0,
  errors: [],
  colourBy: 'class',
  sameScale: false,
  plotDomains: dict(),
  runViews: dict(),
  enlargedPlot: null,
  ownImages: emptyOwnImages(),
}));

let errorId = 0;

/** A banner never grows past this, whatever a message carried in from outside. */
export const MAX_MESSAGE_LENGTH = 600;

export function pushError(rawMessage: string, rawFix: string, fatal: boolean): void {
  const message = clip(rawMessage, MAX_MESSAGE_LENGTH);
  const fix = clip(rawFix, MAX_MESSAGE_LENGTH);
  useStore.setState((s) => ({ errors: [...s.errors.filter((e) => e.message !== message), { id: ++errorId, message, fix, fatal }] }));
}

export function dismissError(id: number): void {
  useStore.setState((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
}

function runView(s: State, id: string): RunView {
  return own(s.runs, id) ?? emptyRunView();
}

/** Applies one worker event to the store. */
export function applyWorkerEvent(e: WorkerEvent): void {
  switch (e.type) {
    case 'progress':
      useStore.setState({ progress: { stage: e.stage, fraction: e.fraction } });
      break;
    case 'ready': {
      const runs = dict<RunView>();
      for (const r of useStore.getState().config.runs) runs[r.id] = emptyRunView();
      useStore.setState({ status: 'ready', progress: null, backend: e.backend, dataset: e.dataset, runs, globalStep: 0, errors: useStore.getState().errors.filter((x) => !x.fatal) });
      break;
    }
    case 'backend':
      useStore.setState({ backend: e.backend });
      break;
    case 'train': {
      const s = useStore.getState();
      const runs = dict(s.runs);
      for (const it of e.items) {
        const rv = { ...runView(s, it.runId) };
        rv.step = it.step; rv.epoch = it.epoch; rv.loss = it.loss; rv.alpha = it.alpha;
        appendHistory(rv.lossHistory, [it.step, it.loss]);
        rv.version++;
        runs[it.runId] = rv;
      }
      const globalStep = Math.max(s.globalStep, ...e.items.map((i) => i.step));
      useStore.setState({ runs, samplesPerSec: e.samplesPerSec, evalShare: e.evalShare, globalStep });
      break;
    }
    case 'snapshot': {
      const s = useStore.getState();
      const snap = e.snapshot;
      if (!s.config.runs.some((r) => r.id === snap.runId)) break; // a run removed meanwhile
      const rv = { ...runView(s, snap.runId), snapshot: snap };
      const last = rv.accHistory[rv.accHistory.length - 1];
      if (!last || last[0] !== snap.step) appendHistory(rv.accHistory, [snap.step, snap.accuracy]);
      if (snap.metrics) { rv.metrics = snap.metrics; rv.metricsStep = snap.step; rv.metricsPoints = snap.predictions.length; }
      rv.step = snap.step;
      if (snap.alpha !== null) rv.alpha = snap.alpha;
      rv.version++;
      useStore.setState({ runs: withEntry<RunView>(s.runs, snap.runId, rv) });
      break;
    }
    case 'metrics': {
      const s = useStore.getState();
      const prev = own(s.runs, e.runId);
      if (!prev) break;
      const rv = { ...prev, metrics: e.metrics, metricsStep: e.step, metricsPoints: e.points, version: prev.version + 1 };
      useStore.setState({ runs: withEntry<RunView>(s.runs, e.runId, rv) });
      break;
    }
    case 'state':
      // the worker's step is the truth: after a backend failure the runs may continue from an earlier
      // copy, below the highest step the page has seen
      useStore.setState({ running: e.running, globalStep: e.step });
      break;
    case 'error':
      pushError(e.message, e.fix, e.fatal);
      if (e.fatal) useStore.setState({ status: 'error', running: false, progress: null });
      break;
  }
}

export function setConfig(config: ExperimentConfig): void {
  useStore.setState({ config });
}

export function updateRunConfig(run: RunConfig, markText?: string): void {
  const s = useStore.getState();
  const config = { ...s.config, runs: s.config.runs.map((r) => (r.id === run.id ? run : r)) };
  const patch: Partial<State> = { config };
  if (markText) {
    const rv = { ...runView(s, run.id) };
    rv.marks = withMark(rv.marks, { step: rv.step, text: markText }, performance.now());
    rv.version++;
    patch.runs = withEntry(s.runs, run.id, rv);
  }
  useStore.setState(patch);
}

const lastMarkAt = new WeakMap<object, number>();

/**
 * A slider drag sends dozens of values a second; one drag is one mark. A new value of the same
 * parameter within a second of the previous mark replaces it (keeping the step where the drag began).
 */
export function withMark(marks: RunView['marks'], mark: { step: number; text: string }, now: number): RunView['marks'] {
  const last = marks[marks.length - 1];
  const key = (t: string) => t.split('=')[0];
  const recent = last !== undefined && now - (lastMarkAt.get(last) ?? -Infinity) < 1000;
  const next = recent && key(last.text) === key(mark.text)
    ? [...marks.slice(0, -1), { step: last.step, text: mark.text }]
    : [...marks, mark];
  lastMarkAt.set(next[next.length - 1], now);
  return next;
}
