/**
 * Temperature schedules for the heated-up softmax (Zhang et al. 2018): pure functions step → α, so the
 * head, the UI's "current α" readout and the tests all agree on the value used at a step.
 */
export type AlphaScheduleKind = 'constant' | 'heatup' | 'linear' | 'cosine' | 'learnable';

export const ALPHA_SCHEDULE_KINDS: readonly AlphaScheduleKind[] = ['constant', 'heatup', 'linear', 'cosine', 'learnable'];

/** The original's heating-up step multiplies α by 0.25 and the learning rate by 0.1. */
export const HEATUP_ALPHA_FACTOR = 0.25;
export const HEATUP_LR_FACTOR = 0.1;

export interface AlphaSchedule {
  kind: AlphaScheduleKind;
  /** α₀ (constant, heat-up, learnable's initial value) or α_start of a ramp */
  alpha: number;
  /** α at the end of a linear / cosine ramp */
  alphaEnd: number;
  /** step at which heat-up multiplies α by 0.25 (and the learning rate by 0.1) */
  heatStep: number;
  /** length of a linear / cosine ramp in steps; α stays at alphaEnd afterwards */
  rampSteps: number;
  /** learning-rate factor from the heat-up step on (the original: HEATUP_LR_FACTOR) */
  heatLr?: number;
}

export interface AlphaAtStep {
  alpha: number;
  /** factor for the run's learning rate from this step on (1 except after the heat-up step) */
  lrMultiplier: number;
}

export function isAlphaScheduleKind(s: string): s is AlphaScheduleKind {
  return (ALPHA_SCHEDULE_KINDS as readonly string[]).includes(s);
}

/**
 * α and the learning-rate multiplier at `step` (0-based optimiser steps). For 'learnable' this is the
 * initial value only: the trained scalar lives in the head.
 */
export function alphaAtStep(s: AlphaSchedule, step: number): AlphaAtStep {
  switch (s.kind) {
    case 'constant':
    case 'learnable':
      return { alpha: s.alpha, lrMultiplier: 1 };
    case 'heatup':
      return step < s.heatStep
        ? { alpha: s.alpha, lrMultiplier: 1 }
        : { alpha: s.alpha * HEATUP_ALPHA_FACTOR, lrMultiplier: s.heatLr ?? HEATUP_LR_FACTOR };
    case 'linear': {
      const t = rampProgress(step, s.rampSteps);
      return { alpha: s.alpha + (s.alphaEnd - s.alpha) * t, lrMultiplier: 1 };
    }
    case 'cosine': {
      const t = rampProgress(step, s.rampSteps);
      return { alpha: s.alphaEnd + (s.alpha - s.alphaEnd) * 0.5 * (1 + Math.cos(Math.PI * t)), lrMultiplier: 1 };
    }
  }
}

function rampProgress(step: number, rampSteps: number): number {
  // a zero-length ramp is a jump to the end value, not a division by zero
  if (rampSteps <= 0) return 1;
  return Math.min(Math.max(step / rampSteps, 0), 1);
}
