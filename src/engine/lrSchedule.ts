/**
 * The learning-rate schedule every run follows: a short linear warm-up, then a cosine decay to a floor
 * at the planned end of training, then the floor. A pure function step → factor on the run's learning
 * rate, so the trainer, the page's read-out and the tests agree on the value used at a step.
 *
 * Why: with a 2-D bottleneck a constant Adam learning rate keeps the clusters jittering (the papers
 * train 100 epochs and then drop the rate); a decay planned over the session's length gives that
 * final, compacting phase in a session of minutes.
 */
import type { LrScheduleKind } from '../config/config';

export interface LrSchedule {
  kind: LrScheduleKind;
  /** steps of the whole plan (warm-up included) */
  plannedSteps: number;
  /** linear warm-up from WARMUP_START× to 1× over these steps (cosine only) */
  warmupSteps: number;
  /** factor reached at the end of the plan and kept after it */
  floor: number;
}

const WARMUP_START = 0.1;

export function lrFactor(s: LrSchedule, step: number): number {
  if (s.kind === 'constant') return 1;
  if (step < s.warmupSteps) return WARMUP_START + (1 - WARMUP_START) * (step / Math.max(1, s.warmupSteps));
  const span = Math.max(1, s.plannedSteps - s.warmupSteps);
  const t = Math.min(1, (step - s.warmupSteps) / span);
  return s.floor + (1 - s.floor) * 0.5 * (1 + Math.cos(Math.PI * t));
}
