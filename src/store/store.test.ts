import { beforeEach, describe, expect, it } from 'vitest';
import { defaultRun } from './runs';
import { dict } from '../util/dict';
import { applyWorkerEvent, defaultConfig, MAX_HISTORY_POINTS, MAX_MESSAGE_LENGTH, pushError, useStore } from './store';
import type { WorkerEvent } from '../workers/protocol';

// Ids that are names on Object.prototype: before the fix `runs[id]` found the inherited function and
// the store crashed (or, for __proto__, replaced the map's prototype).
const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

function ready(): WorkerEvent {
  return { type: 'ready', backend: { name: 'cpu', reason: '', candidates: [] }, dataset: null } as unknown as WorkerEvent;
}

describe('per-run state maps', () => {
  beforeEach(() => useStore.setState({ config: defaultConfig(), runs: dict(), runViews: dict() }));

  it.each(PROTO_NAMES)('a run with id %j gets its own empty state and its progress', (id) => {
    useStore.setState({ config: { ...defaultConfig(), runs: [defaultRun('softmax', id)] } });
    applyWorkerEvent(ready());
    expect(Object.keys(useStore.getState().runs)).toEqual([id]);
    applyWorkerEvent({ type: 'train', items: [{ runId: id, step: 1, epoch: 0, loss: 2.3, alpha: null }], samplesPerSec: 1, evalShare: 0 } as unknown as WorkerEvent);
    const rv = Object.getOwnPropertyDescriptor(useStore.getState().runs, id)?.value;
    expect(rv.lossHistory).toEqual([[1, 2.3]]);
    expect(useStore.getState().globalStep).toBe(1);
  });

  it.each(PROTO_NAMES)('before the worker is ready, the maps hold nothing for %j', (id) => {
    const s = useStore.getInitialState();
    expect([s.runs[id], s.runViews[id], s.plotDomains[id]]).toEqual([undefined, undefined, undefined]);
  });

  it('progress for a run id the store never saw does not pick up inherited members', () => {
    applyWorkerEvent(ready());
    applyWorkerEvent({ type: 'metrics', runId: 'constructor', step: 3, metrics: {} } as unknown as WorkerEvent);
    expect(Object.hasOwn(useStore.getState().runs, 'constructor')).toBe(false);
  });
});

describe('error banner messages', () => {
  it('are capped, however long the message from outside', () => {
    pushError('y'.repeat(1 << 20), 'z'.repeat(5000), false);
    const e = useStore.getState().errors.at(-1);
    expect(e?.message.length).toBe(MAX_MESSAGE_LENGTH);
    expect(e?.message.endsWith('…')).toBe(true);
    expect(e?.fix.length).toBe(MAX_MESSAGE_LENGTH);
  });
});

describe('loss history', () => {
  beforeEach(() => useStore.setState({ config: defaultConfig(), runs: dict(), runViews: dict() }));

  it('stays bounded over a long training, spanning it from the first step to the latest', () => {
    applyWorkerEvent(ready());
    for (let step = 1; step <= 50_000; step++) {
      applyWorkerEvent({ type: 'train', items: [{ runId: 'r1', step, epoch: 0, loss: 1 / step, alpha: null }], samplesPerSec: 1, evalShare: 0 } as unknown as WorkerEvent);
    }
    const h = useStore.getState().runs.r1.lossHistory;
    expect(h.length).toBeLessThanOrEqual(MAX_HISTORY_POINTS);
    expect(h[0][0]).toBe(1);
    expect(h.at(-1)?.[0]).toBe(50_000);
    expect(h.every((p, i) => i === 0 || p[0] > h[i - 1][0])).toBe(true);
  });
});
