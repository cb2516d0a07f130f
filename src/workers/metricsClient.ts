/**
 * The training worker's handle on the metrics worker. Where a nested worker cannot start, metrics are
 * computed in place (slower, but never missing). A metrics worker that crashes or stops answering
 * is ended and replaced, and the evaluation fails with a message, so the runs' metrics do not freeze
 * silently (the training loop reports the failure and asks again at its next snapshot).
 */
import * as Comlink from 'comlink';
import { evaluateEmbedding, type EvaluationInput } from '../metrics';
import type { MetricsApi } from './metrics.worker';
import type { RunMetrics } from './protocol';

/** Evaluations queue in the one metrics worker (one per run); a healthy one answers in seconds. */
export const METRICS_TIMEOUT_MS = 120_000;
/** After this many failed workers in a row, metrics are computed in place. */
const MAX_FAILURES = 3;

/** What the client needs of a Worker; tests pass a fake. */
export type MetricsWorker = Comlink.Endpoint & { terminate(): void };

function inPlace(input: EvaluationInput): RunMetrics {
  return evaluateEmbedding(input);
}

export function makeMetricsClient(
  makeWorker: () => MetricsWorker | null,
  timeoutMs = METRICS_TIMEOUT_MS,
): (input: EvaluationInput) => Promise<RunMetrics> {
  let current: { worker: MetricsWorker; remote: Comlink.Remote<MetricsApi>; failed: Promise<never> } | null = null;
  let failures = 0;

  const start = () => {
    let worker: MetricsWorker | null;
    try {
      worker = makeWorker();
    } catch {
      worker = null;
    }
    if (!worker) return null;
    const w = worker;
    const failed = new Promise<never>((_, reject) => {
      w.addEventListener('error', (e) => {
        const why = (e as ErrorEvent).message;
        reject(new Error(`the metrics worker crashed${why ? ` (${why})` : ''}; it is restarted for the next evaluation`));
      });
    });
    failed.catch(() => undefined); // observed by each evaluation's race; never unhandled
    return { worker: w, remote: Comlink.wrap<MetricsApi>(w), failed };
  };

  const retire = () => {
    current?.worker.terminate();
    current = null;
    failures++;
  };

  return async (input) => {
    if (!current && failures < MAX_FAILURES) current = start();
    if (!current) return inPlace(input);
    const c = current;
    const buffers = [input.points, input.labels, input.predictions, input.trunkPredictions, input.unknownScores, input.unknownMask]
      .filter((a): a is Float32Array | Uint8Array => ArrayBuffer.isView(a))
      .map((a) => a.buffer);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the metrics worker did not answer within ${Math.round(timeoutMs / 1000)} s; it is restarted for the next evaluation`)), timeoutMs);
    });
    try {
      const metrics = await Promise.race([c.remote.evaluate(Comlink.transfer(input, [...new Set(buffers)] as ArrayBuffer[])), c.failed, timeout]);
      failures = 0;
      return metrics;
    } catch (err) {
      if (current === c) retire();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
}

export const computeMetrics = makeMetricsClient(() => (typeof Worker === 'undefined' ? null : new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module', name: 'metrics' })));
