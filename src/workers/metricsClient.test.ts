import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../metrics';
import { makeMetricsClient, type MetricsWorker } from './metricsClient';

/** A worker that never answers (hung), and can be made to crash. */
class SilentWorker extends EventTarget implements MetricsWorker {
  terminated = false;
  postMessage(): void { /* hung: no answer */ }
  terminate(): void { this.terminated = true; }
  crash(message: string): void {
    const e = new Event('error') as Event & { message: string };
    e.message = message;
    this.dispatchEvent(e);
  }
}

function input(): EvaluationInput {
  const n = 8;
  return { points: new Float32Array(2 * n).map((_, i) => i % 5), dim: 2, labels: new Uint8Array(n).map((_, i) => i % 2), predictions: new Uint8Array(n).map((_, i) => i % 2), classes: 2, seed: 1 } as EvaluationInput;
}

describe('metrics client', () => {
  it('a hung metrics worker fails the evaluation with a message and is replaced', async () => {
    const made: SilentWorker[] = [];
    const compute = makeMetricsClient(() => { const w = new SilentWorker(); made.push(w); return w; }, 50);
    await expect(compute(input())).rejects.toThrow('the metrics worker did not answer within 0 s; it is restarted for the next evaluation');
    expect(made[0].terminated).toBe(true);
    await expect(compute(input())).rejects.toThrow(/did not answer/);
    expect(made).toHaveLength(2);
  });

  it('a crashed metrics worker fails the evaluation at once, naming the crash', async () => {
    const made: SilentWorker[] = [];
    const compute = makeMetricsClient(() => { const w = new SilentWorker(); made.push(w); return w; }, 60_000);
    const pending = compute(input());
    made[0].crash('out of memory');
    await expect(pending).rejects.toThrow('the metrics worker crashed (out of memory); it is restarted for the next evaluation');
    expect(made[0].terminated).toBe(true);
  });

  it('after repeated failures, metrics are computed in place', async () => {
    const compute = makeMetricsClient(() => new SilentWorker(), 10);
    for (let i = 0; i < 3; i++) await expect(compute(input())).rejects.toThrow();
    const m = await compute(input());
    expect(m.accuracy).toBeGreaterThanOrEqual(0);
  });

  it('without workers, metrics are computed in place', async () => {
    const m = await makeMetricsClient(() => null)(input());
    expect(m.accuracy).toBeGreaterThanOrEqual(0);
  });
});
