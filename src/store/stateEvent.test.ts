import { describe, expect, it } from 'vitest';
import { applyWorkerEvent, useStore } from './store';

describe("the worker's state event", () => {
  it('sets the global step, also back to a lower one (runs rebuilt from an earlier copy after a backend failure)', () => {
    applyWorkerEvent({ type: 'train', items: [{ runId: 'r1', step: 40, epoch: 0.1, loss: 1, alpha: null }], samplesPerSec: 1, evalShare: 0 });
    expect(useStore.getState().globalStep).toBe(40);
    applyWorkerEvent({ type: 'state', running: true, step: 31 });
    expect([useStore.getState().globalStep, useStore.getState().running]).toEqual([31, true]);
  });
});
