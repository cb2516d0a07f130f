import { describe, expect, it, vi } from 'vitest';
import type { Trainer } from '../engine/trainer';
import type { RunMetrics, WorkerEvent } from './protocol';
import type { SnapshotOffload } from './snapshotClient';
import type { CapturedRun } from './snapshotService';
import { TrainLoop, type TrainLoopOptions } from './trainLoop';
import { lenetSpec } from '../engine/backbone';

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
      return { snapshot, metricsInput: { step: step.value, labels: new Uint8Array(1) } };
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
    // each carries how many points its figures are over
    expect(events.filter((e) => e.type === 'metrics').map((e) => e.type === 'metrics' && e.points)).toEqual([1, 1]);
  });
});

/** A trainer that steps (a few ms each), exports its step as its state, and snapshots itself locally. */
function steppingTrainer(local: number[]): Trainer & { globalStep: number } {
  const fake = {
    globalStep: 0,
    batchSize: 8,
    plannedSteps: Infinity,
    async trainStep() {
      await new Promise((r) => setTimeout(r, 2));
      fake.globalStep++;
      return [{ runId: 'r1', step: fake.globalStep, epoch: 0, loss: 1, alpha: null }];
    },
    divergedRuns: () => [],
    runIds: () => ['r1'],
    evalIndices: new Int32Array(2000),
    spec: lenetSpec(28, 28, 1, 2),
    currentConfig: () => ({ livePoints: 'auto', runs: [{ id: 'r1' }] }),
    async exportState() { return { globalStep: fake.globalStep }; },
    async capture() {
      local.push(fake.globalStep);
      const snapshot = { runId: 'r1', step: fake.globalStep, points: new Float32Array(3), dim: 3, predictions: new Uint8Array(1), gradNorms: null, triplets: null };
      return { snapshot, metricsInput: { step: fake.globalStep } };
    },
  };
  // a structural fake: the members the loop and its offloaded snapshots use
  return fake as unknown as Trainer & { globalStep: number };
}

/** A snapshot worker whose answers the test releases (null: "take it yourself"). */
function heldOffload() {
  const pending: { step: number; answer: (runs: CapturedRun[] | null) => void }[] = [];
  const offload: SnapshotOffload = {
    prepare: () => undefined,
    available: () => true,
    capture: (_t, state) => new Promise((resolve) => {
      const step = state.globalStep;
      pending.push({ step, answer: (runs) => resolve(runs ? { runs, workMs: 1 } : null) });
    }),
  };
  const reply = (step: number): CapturedRun[] => [{
    snapshot: { runId: 'r1', step, epoch: 0, points: new Float32Array(3), shown: null, dim: 3, predictions: new Uint8Array(1), gradNorms: null, overlay: null, unitCircle: false, alpha: null, accuracy: 0.5, metrics: null, triplets: null },
    metricsInput: { points: new Float32Array(3), dim: 3, labels: new Uint8Array(1), predictions: new Uint8Array(1), classes: 2, seed: 1 },
  }];
  return { offload, pending, reply };
}

const until = (cond: () => boolean) => vi.waitFor(() => expect(cond()).toBe(true), { timeout: 2000, interval: 5 });

/** A loop over a stepping trainer whose snapshots go to a held snapshot worker. */
function offloadingLoop(options: TrainLoopOptions = {}) {
  const local: number[] = [];
  const trainer = steppingTrainer(local);
  const events: WorkerEvent[] = [];
  const { offload, pending, reply } = heldOffload();
  const loop = new TrainLoop(() => trainer, (e) => events.push(e), async () => ({}) as RunMetrics, offload, options);
  return { local, trainer, events, pending, reply, loop };
}

const snapshotSteps = (events: WorkerEvent[]) => events.flatMap((e) => (e.type === 'snapshot' ? [e.snapshot.step] : []));

describe('TrainLoop with a snapshot worker', () => {
  it('goes on training while the worker takes the snapshot, then shows it', async () => {
    const { local, trainer, events, pending, reply, loop } = offloadingLoop();
    loop.start();
    await until(() => pending.length === 1);
    const askedAt = pending[0].step;
    await until(() => trainer.globalStep >= askedAt + 5); // not waiting for the snapshot
    pending[0].answer(reply(askedAt));
    await until(() => snapshotSteps(events).length === 1);
    expect(snapshotSteps(events)).toEqual([askedAt]);
    await loop.stop();
    expect(local).toEqual([]); // nothing was captured in the training worker
  });

  it('drops a snapshot that comes back after a newer one was shown, and takes one itself when the worker cannot', async () => {
    const { local, trainer, events, pending, reply, loop } = offloadingLoop();
    loop.start();
    await until(() => pending.length === 1);
    await loop.stop();
    await loop.snapshotAll(false); // e.g. the Step button's snapshot, newer than the worker's
    pending[0].answer(reply(pending[0].step));
    await new Promise((r) => setTimeout(r, 20));
    expect(snapshotSteps(events)).toEqual([trainer.globalStep]);

    loop.start();
    await until(() => pending.length === 2);
    pending[1].answer(null); // the worker failed: this snapshot is taken here instead
    await until(() => local.length === 2);
    await loop.stop();
    expect(snapshotSteps(events).length).toBe(2);
  });

  it('shows the runs as they are at a pause (unless the last snapshot is of that step)', async () => {
    const { local, trainer, events, pending, reply, loop } = offloadingLoop();
    loop.start();
    await until(() => pending.length === 1);
    pending[0].answer(reply(pending[0].step));
    await until(() => snapshotSteps(events).length === 1);
    await loop.pause();
    expect(local).toEqual([trainer.globalStep]); // taken at the paused step
    expect(snapshotSteps(events)).toEqual([pending[0].step, trainer.globalStep]);
    // "paused" reaches the page after that snapshot, so the plots do not move once it shows
    const last = events[events.length - 1];
    expect(last).toEqual({ type: 'state', running: false, step: trainer.globalStep });
    await loop.pause(); // nothing new to show
    expect(local.length).toBe(1);
  });
});

describe('TrainLoop frames while training', () => {
  it('a slow first frame (the snapshot worker starting) does not starve the frames after it', async () => {
    const trainer = steppingTrainer([]);
    const events: WorkerEvent[] = [];
    const asked: { step: number; points?: number }[] = [];
    const offload: SnapshotOffload = {
      prepare: () => undefined,
      available: () => true,
      capture: async (_t, state, _view, frame) => {
        asked.push({ step: state.globalStep, points: frame?.points });
        // the first frame waits for the worker's start (loading TF.js and the data); its capture is short
        await new Promise((r) => setTimeout(r, asked.length === 1 ? 400 : 5));
        return { runs: heldOffload().reply(state.globalStep), workMs: 5 };
      },
    };
    const loop = new TrainLoop(() => trainer, (e) => events.push(e), async () => ({}) as RunMetrics, offload);
    loop.start();
    await until(() => snapshotSteps(events).length === 1);
    await new Promise((r) => setTimeout(r, 1000));
    await loop.stop();
    // a frame every ~160 ms for a lone run: several in that second (spaced by the start, none)
    expect(snapshotSteps(events).length).toBeGreaterThanOrEqual(4);
    // each frame embeds part of the shown points (auto: 1000 of 2000 for one run)
    expect(asked.every((a) => a.points === 1000)).toBe(true);
  });

  it('runs added before Train are warmed in the snapshot worker (only the new ones); not while training', async () => {
    const trainer = steppingTrainer([]);
    const asked: (boolean | undefined)[] = [];
    const offload: SnapshotOffload = {
      prepare: () => undefined,
      available: () => true,
      capture: async (_t, state, _view, frame) => {
        asked.push(frame?.onlyNew);
        return { runs: heldOffload().reply(state.globalStep), workMs: 5 };
      },
    };
    const loop = new TrainLoop(() => trainer, () => undefined, async () => ({}) as RunMetrics, offload);
    await loop.warmNewRuns();
    expect(asked).toEqual([true]);
    loop.start();
    await until(() => asked.length >= 2); // a frame while training (which warms whatever is new)
    const frames = asked.length;
    await loop.warmNewRuns();
    expect(asked.slice(frames).filter((x) => x === true)).toEqual([]);
    await loop.stop();
  });

  it('the first frame after Train shows two steps of training, and frames are at least two steps apart', async () => {
    const { trainer, pending, reply, loop } = offloadingLoop();
    await loop.snapshotAll(false); // the new session's snapshot, at step 0
    loop.start();
    await until(() => pending.length === 1);
    expect(pending[0].step).toBe(2);
    pending[0].answer(reply(2));
    await until(() => pending.length === 2);
    await loop.stop();
    expect(pending[1].step).toBeGreaterThanOrEqual(4);
    // steps that went back (the runs restored from an earlier copy) do not hold the frames back
    pending[1].answer(reply(pending[1].step));
    await new Promise((r) => setTimeout(r, 250)); // the next frame is due at once
    trainer.globalStep = 0;
    loop.start();
    await until(() => pending.length === 3);
    await loop.stop();
    expect(pending[2].step).toBeLessThan(Math.min(pending[1].step, 10));
  });
});

describe('TrainLoop and a Train pressed during the first snapshot', () => {
  it('a new session\'s snapshot stops at the next run when Train is asked for; others go on', async () => {
    const captured: string[] = [];
    let ask: (() => void) | null = null;
    const fake = {
      runIds: () => ['r1', 'r2', 'r3'],
      globalStep: 0,
      evalIndices: new Int32Array(4),
      async capture(id: string) {
        captured.push(id);
        if (id === 'r1') ask?.(); // Train pressed while the first run is being embedded
        const snapshot = { runId: id, step: 0, points: new Float32Array(3), dim: 3, predictions: new Uint8Array(1), gradNorms: null, triplets: null };
        return { snapshot, metricsInput: { labels: new Uint8Array(1) } };
      },
    };
    // a structural fake: snapshotAll only captures runs
    const trainer = fake as unknown as Trainer;
    const loop = new TrainLoop(() => trainer, () => undefined, async () => ({}) as RunMetrics);
    ask = () => loop.trainAsked();
    await loop.snapshotAll(false, { yieldToTrain: true });
    expect(captured).toEqual(['r1']);
    // without yieldToTrain (a pause, Step, a rebuilt run) every run is taken
    captured.length = 0;
    await loop.snapshotAll(false);
    expect(captured).toEqual(['r1', 'r2', 'r3']);
  });
});

describe('TrainLoop copies and hangs', () => {
  it('takes the first copy of the runs firstCopyMs after Train, not copyEveryMs', async () => {
    const copies: number[] = [];
    const t0 = performance.now();
    const copyOff = async () => { copies.push(performance.now() - t0); };
    const { loop } = offloadingLoop({ copyOff, copyEveryMs: 5000, firstCopyMs: 100 });
    loop.start();
    await until(() => copies.length === 1);
    await loop.stop();
    expect(copies[0]).toBeGreaterThanOrEqual(90);
    expect(copies[0]).toBeLessThan(1000);
  });

  it('a hung step (debug) stops the steps and nothing else: the loop still counts as running', async () => {
    const { trainer, loop } = offloadingLoop();
    loop.start();
    await until(() => trainer.globalStep >= 3);
    loop.hangOnce();
    await new Promise((r) => setTimeout(r, 30));
    const at = trainer.globalStep;
    await new Promise((r) => setTimeout(r, 100));
    expect(trainer.globalStep).toBe(at);
    expect(loop.running).toBe(true);
  });
});
