/**
 * The runs' evaluations while training: each runs in the metrics worker, one per run in flight, and
 * training goes on. One asked for meanwhile is kept (the newest replaces an older one) and runs next,
 * so the last snapshot's figures always arrive: the evaluation at the planned length, which the
 * presets' verdict reads, must not be dropped because the previous one was still running. One kept
 * for a session since rebuilt (its `owner` is no longer the current one) is dropped.
 */
import type { EvaluationInput } from '../metrics';
import type { RunMetrics, WorkerEvent } from './protocol';

export class MetricsQueue<Owner> {
  private readonly busy = new Set<string>();
  private readonly next = new Map<string, { owner: Owner; step: number; input: EvaluationInput }>();

  constructor(
    private readonly evaluate: (input: EvaluationInput) => Promise<RunMetrics>,
    private readonly emit: (e: WorkerEvent) => void,
    /** the session now: a kept evaluation of another is dropped */
    private readonly current: () => Owner | null,
  ) {}

  request(owner: Owner, id: string, step: number, input: EvaluationInput): void {
    if (this.busy.has(id)) {
      this.next.set(id, { owner, step, input });
      return;
    }
    this.busy.add(id);
    const points = input.labels.length; // read now: the evaluation transfers the input's buffers
    this.evaluate(input)
      .then((metrics) => this.emit({ type: 'metrics', runId: id, step, points, metrics }))
      .catch((e: unknown) => this.emit({ type: 'error', message: `Metrics failed: ${e instanceof Error ? e.message : String(e)}`, fix: '', fatal: false }))
      .finally(() => {
        this.busy.delete(id);
        const kept = this.next.get(id);
        this.next.delete(id);
        if (kept && kept.owner === this.current()) this.request(kept.owner, id, kept.step, kept.input);
      });
  }
}
