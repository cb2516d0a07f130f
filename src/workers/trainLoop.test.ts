import { describe, expect, it } from 'vitest';
import type { Trainer } from '../engine/trainer';
import type { RunMetrics, WorkerEvent } from './protocol';
import { TrainLoop } from './trainLoop';

/** Just what the loop calls before a step fails (a lost GPU device, a backend error). */
function failingTrainer(): Trainer {
  const fake = {
    globalStep: 7,
    batchSize: 8,
    plannedSteps: Infinity,
    async trainStep(): Promise<never> { throw new Error('GPU device was lost'); },
    divergedRuns: () => [],
    runIds: () => [],
  };
  // a structural fake: the loop only touches these members before the step throws
  return fake as unknown as Trainer;
}

describe('TrainLoop', () => {
  it('an error inside the loop is reported and the page is told training stopped', async () => {
    const events: WorkerEvent[] = [];
    const loop = new TrainLoop(failingTrainer, (e) => events.push(e));
    loop.start();
    for (let i = 0; i < 50 && events.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(events.map((e) => e.type)).toEqual(['state', 'error', 'state']);
    expect(events[1]).toMatchObject({ message: 'GPU device was lost', fatal: false });
    expect(events[2]).toEqual({ type: 'state', running: false, step: 7 });
    expect(loop.running).toBe(false);
  });
});

/** A trainer whose snapshots carry just the step (3-D points, so no decision regions are asked for). */
function snapshottingTrainer(step: { value: number }): Trainer {
  const fake = {
    runIds: () => ['r1'],
    async capture() {
      const snapshot = { runId: 'r1', step: step.value, points: new Float32Array(3), dim: 3, predictions: new Uint8Array(1), gradNorms: null, triplets: null };
      return { snapshot, metricsInput: { step: step.value } };
    },
  };
  // a structural fake: snapshotAll only captures and hands the input to the evaluation
  return fake as unknown as Trainer;
}

describe('TrainLoop metrics', () => {
  it('an evaluation asked for while one is running is not dropped: the newest runs next', async () => {
    const step = { value: 10 };
    const trainer = snapshottingTrainer(step);
    const events: WorkerEvent[] = [];
    const asked: number[] = [];
    const release: (() => void)[] = [];
    const evaluate = (input: unknown) => new Promise<RunMetrics>((resolve) => {
      const at = (input as { step: number }).step;
      asked.push(at);
      release.push(() => resolve({ accuracy: at / 100 } as RunMetrics));
    });
    const loop = new TrainLoop(() => trainer, (e) => events.push(e), evaluate);
    await loop.snapshotAll(true); // step 10: evaluated at once
    step.value = 20;
    await loop.snapshotAll(true); // kept while step 10's runs
    step.value = 30;
    await loop.snapshotAll(true); // replaces step 20's: the final figures are what matter
    expect(asked).toEqual([10]);
    release[0]();
    for (let i = 0; i < 20 && asked.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    expect(asked).toEqual([10, 30]);
    release[1]();
    for (let i = 0; i < 20 && events.filter((e) => e.type === 'metrics').length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    expect(events.filter((e) => e.type === 'metrics').map((e) => e.type === 'metrics' && e.step)).toEqual([10, 30]);
  });
});
