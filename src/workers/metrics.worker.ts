/// <reference lib="webworker" />
/**
 * Computes a snapshot's metrics (recall@K, MAP@R, k-means NMI, AUROC) off the training worker, so
 * training never waits for them: on a two-core machine they run beside the training step.
 */
import { exposeHelper } from './helperPort';
import { evaluateEmbedding, type EvaluationInput } from '../metrics';
import type { RunMetrics } from './protocol';

const api = {
  evaluate(input: EvaluationInput): RunMetrics {
    return evaluateEmbedding(input);
  },
};

export type MetricsApi = typeof api;
// served on the port the page connects (the page starts this worker for the trainer: helperPort.ts)
exposeHelper(api);
