import { describe, expect, it } from 'vitest';
import type { Trainer } from '../engine/trainer';
import type { WorkerEvent } from './protocol';
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
