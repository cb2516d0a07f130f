// The store's worker-event reducer (applyWorkerEvent), event by event.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunMetrics, Snapshot, WorkerEvent } from '../workers/protocol';
import { dict } from '../util/dict';
import { defaultRun } from './runs';
import { applyWorkerEvent, defaultConfig, pushError, useStore } from './store';

const backend = { name: 'wasm' as const, reason: 'fastest measured', candidates: [] };
const dataset = {
  id: 'mnist' as const, description: 'MNIST', uploaded: false, classNames: ['0', '1'], architecture: 'LeNet', trainCount: 10, testCount: 4,
  evalImages: new Uint8Array(4), evalPoints: null, evalLabels: new Uint8Array([0, 1, 0, 1]), evalUnknown: new Uint8Array(4), height: 1, width: 1, channels: 1,
};
const metrics = { accuracy: 0.5 } as RunMetrics;

function snapshot(runId: string, step: number, withMetrics: boolean): Snapshot {
  return {
    runId, step, epoch: 0, points: new Float32Array(8), shown: null, dim: 2, predictions: new Uint8Array(4), gradNorms: null, overlay: null,
    unitCircle: false, alpha: 0.3, accuracy: 0.75, metrics: withMetrics ? metrics : null, triplets: null,
  };
}

describe('applyWorkerEvent', () => {
  beforeEach(() => {
    const config = { ...defaultConfig(), runs: [defaultRun('softmax', 'r1'), defaultRun('center', 'r2')] };
    useStore.setState({ config, status: 'loading', running: false, globalStep: 0, progress: null, backend: null, dataset: null, runs: dict(), errors: [] });
  });

  it('shows progress, then on ready: an empty view per configured run, the backend and the dataset', () => {
    applyWorkerEvent({ type: 'progress', stage: 'Loading MNIST', fraction: 0.4 });
    expect(useStore.getState().progress).toEqual({ stage: 'Loading MNIST', fraction: 0.4 });
    pushError('old fatal', 'fix', true);
    pushError('old warning', 'fix', false);
    applyWorkerEvent({ type: 'ready', backend, dataset });
    const s = useStore.getState();
    expect([s.status, s.progress, s.backend, s.dataset?.id, Object.keys(s.runs)]).toEqual(['ready', null, backend, 'mnist', ['r1', 'r2']]);
    expect(s.errors.map((e) => e.message)).toEqual(['old warning']); // a rebuild clears what was fatal
  });

  it('appends training progress per run and keeps the highest step', () => {
    applyWorkerEvent({ type: 'ready', backend, dataset });
    const train = (step: number): WorkerEvent => ({
      type: 'train', samplesPerSec: 900, evalShare: 0.1,
      items: [{ runId: 'r1', step, epoch: 0, loss: 2 / step, alpha: null }, { runId: 'r2', step: step - 1, epoch: 0, loss: 1, alpha: 0.5 }],
    });
    applyWorkerEvent(train(1));
    applyWorkerEvent(train(2));
    const s = useStore.getState();
    expect(s.runs.r1.lossHistory).toEqual([[1, 2], [2, 1]]);
    expect([s.runs.r2.step, s.runs.r2.alpha, s.globalStep, s.samplesPerSec, s.evalShare]).toEqual([1, 0.5, 2, 900, 0.1]);
    expect(s.runs.r1.version).toBe(2);
  });

  it('a snapshot sets the plot, one accuracy point per step, and its metrics; late metrics land on their run', () => {
    applyWorkerEvent({ type: 'ready', backend, dataset });
    applyWorkerEvent({ type: 'snapshot', snapshot: snapshot('r1', 10, false) });
    applyWorkerEvent({ type: 'snapshot', snapshot: snapshot('r1', 10, true) });
    let rv = useStore.getState().runs.r1;
    expect([rv.snapshot?.step, rv.accHistory, rv.metrics, rv.metricsStep, rv.alpha]).toEqual([10, [[10, 0.75]], metrics, 10, 0.3]);
    applyWorkerEvent({ type: 'metrics', runId: 'r2', step: 12, points: 2000, metrics });
    rv = useStore.getState().runs.r2;
    expect([rv.metrics, rv.metricsStep]).toEqual([metrics, 12]);
  });

  it('drops a snapshot of a run removed meanwhile', () => {
    applyWorkerEvent({ type: 'ready', backend, dataset });
    applyWorkerEvent({ type: 'snapshot', snapshot: snapshot('gone', 3, false) });
    expect(Object.keys(useStore.getState().runs)).toEqual(['r1', 'r2']);
  });

  it('follows the running state, and a fatal error stops everything', () => {
    applyWorkerEvent({ type: 'ready', backend, dataset });
    applyWorkerEvent({ type: 'state', running: true, step: 5 });
    expect(useStore.getState().running).toBe(true);
    applyWorkerEvent({ type: 'error', message: 'step failed', fix: 'lower the rate', fatal: false });
    expect([useStore.getState().status, useStore.getState().running]).toEqual(['ready', true]);
    applyWorkerEvent({ type: 'error', message: 'WebGL lost', fix: 'reload', fatal: true });
    const s = useStore.getState();
    expect([s.status, s.running, s.progress, s.errors.map((e) => e.message)]).toEqual(['error', false, null, ['step failed', 'WebGL lost']]);
  });

  it('a backend event replaces the shown backend', () => {
    applyWorkerEvent({ type: 'backend', backend: { ...backend, name: 'cpu' } });
    expect(useStore.getState().backend?.name).toBe('cpu');
  });
});
