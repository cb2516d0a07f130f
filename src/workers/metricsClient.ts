/**
 * The training worker's handle on the metrics worker. Where no helper worker can start, metrics are
 * computed in place (slower, but never missing). A metrics worker that crashes or stops answering
 * is ended and replaced, and the evaluation fails with a message, so the runs' metrics do not freeze
 * silently (the training loop reports the failure and asks again at its next snapshot).
 */
import * as Comlink from 'comlink';
import { evaluateEmbedding, type EvaluationInput } from '../metrics';
import type { MetricsApi } from './metrics.worker';
import type { RunMetrics } from './protocol';
import { requestHelper } from './helperPort';
import { startSupervised, supervise, type NestedWorker, type Supervised } from './supervisedWorker';

/** Evaluations queue in the one metrics worker (one per run); a healthy one answers in seconds. */
export const METRICS_TIMEOUT_MS = 120_000;
/** After this many failed workers in a row, metrics are computed in place. */
const MAX_FAILURES = 3;

/** What the client needs of a Worker; tests pass a fake. */
export type MetricsWorker = NestedWorker;

function inPlace(input: EvaluationInput): RunMetrics {
  return evaluateEmbedding(input);
}

const RESTARTED = '; it is restarted for the next evaluation';

export function makeMetricsClient(
  makeWorker: () => MetricsWorker | null,
  timeoutMs = METRICS_TIMEOUT_MS,
): (input: EvaluationInput) => Promise<RunMetrics> {
  let current: Supervised<MetricsApi> | null = null;
  let failures = 0;

  const retire = () => {
    current?.worker.terminate();
    current = null;
    failures++;
  };

  return async (input) => {
    if (!current && failures < MAX_FAILURES) current = startSupervised<MetricsApi>(makeWorker, 'metrics', RESTARTED);
    if (!current) return inPlace(input);
    const c = current;
    const buffers = [input.points, input.labels, input.predictions, input.trunkPredictions, input.unknownScores, input.unknownMask]
      .filter((a): a is Float32Array | Uint8Array => ArrayBuffer.isView(a))
      .map((a) => a.buffer);
    try {
      const metrics = await supervise(c.remote.evaluate(Comlink.transfer(input, [...new Set(buffers)] as ArrayBuffer[])), c.failed, timeoutMs,
        `the metrics worker did not answer within ${Math.round(timeoutMs / 1000)} s${RESTARTED}`);
      failures = 0;
      return metrics;
    } catch (err) {
      if (current === c) retire();
      throw err;
    }
  };
}

/** The trainer worker's metrics: the worker is started by the page on request (helperPort.ts). */
export const computeMetrics = makeMetricsClient(() => requestHelper('metrics'));
