/**
 * The training worker's handle on the metrics worker. Where a nested worker cannot start, metrics are
 * computed in place (slower, but never missing).
 */
import * as Comlink from 'comlink';
import { evaluateEmbedding, type EvaluationInput } from '../metrics';
import type { MetricsApi } from './metrics.worker';
import type { RunMetrics } from './protocol';

let remote: Comlink.Remote<MetricsApi> | null | undefined;

function metricsWorker(): Comlink.Remote<MetricsApi> | null {
  if (remote !== undefined) return remote;
  try {
    remote = Comlink.wrap<MetricsApi>(new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module', name: 'metrics' }));
  } catch {
    remote = null;
  }
  return remote;
}

export async function computeMetrics(input: EvaluationInput): Promise<RunMetrics> {
  const w = metricsWorker();
  if (w) {
    const buffers = [input.points, input.labels, input.predictions, input.trunkPredictions, input.unknownScores, input.unknownMask]
      .filter((a): a is Float32Array | Uint8Array => ArrayBuffer.isView(a))
      .map((a) => a.buffer);
    return w.evaluate(Comlink.transfer(input, [...new Set(buffers)] as ArrayBuffer[]));
  }
  const m = evaluateEmbedding(input);
  return { accuracy: m.accuracy, trunkAccuracy: m.trunkAccuracy, recall: m.recall, mapAtR: m.mapAtR, nmi: m.nmi, auroc: m.auroc, perClass: m.perClass, confusion: m.confusion };
}
