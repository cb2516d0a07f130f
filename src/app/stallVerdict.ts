/** Whether training looks stalled: the watchdog's rule, apart from its timers (tested alone). */

/** no step for this long while the page believes it is training: stalled */
export const STALL_MS = 10_000;

export interface StallInput {
  /** the page believes it is training (Train pressed, no pause reported) and the session is built */
  training: boolean;
  /** since the last step arrived (or since Train) */
  quietMs: number;
  /** whether the worker answered its last ping (null: no answer due yet) */
  answers: boolean | null;
}

/** Stalled when training and either no step for STALL_MS or the worker stopped answering its ping. */
export function isStalled({ training, quietMs, answers }: StallInput): boolean {
  return training && (quietMs >= STALL_MS || answers === false);
}
