import type { ExperimentConfig, RunConfig } from '../config/config';

/**
 * Slider changes that must survive a session rebuild. A change that reaches the worker while a
 * configure is queued or running would otherwise go to the old trainer (or to none) and the rebuilt
 * session would train with the value the page no longer shows. Every change is kept until the page
 * sends a config that already holds it (the port keeps messages in order, so any config received
 * after a change carries it); a rebuilt session gets the kept changes on top of its config.
 */
export class RunUpdates {
  private readonly latest = new Map<string, RunConfig>();
  private configuring = 0;

  /** The page sent a whole config: it holds every change sent before it. */
  configReceived(): void {
    this.latest.clear();
  }

  /** A session (re)build starts: until `buildDone`, changes are only kept. */
  buildStarted(): void {
    this.configuring++;
  }

  buildDone(): void {
    this.configuring = Math.max(0, this.configuring - 1);
  }

  /** Keeps a change; true when it can be applied to the current trainer at once. */
  record(run: RunConfig): boolean {
    this.latest.set(run.id, run);
    return this.configuring === 0;
  }

  /** `config` with the kept changes of its runs (same id and loss) applied. */
  over(config: ExperimentConfig): ExperimentConfig {
    if (this.latest.size === 0) return config;
    const runs = config.runs.map((r) => {
      const u = this.latest.get(r.id);
      return u && u.loss === r.loss ? u : r;
    });
    return { ...config, runs };
  }
}
