import { describe, expect, it } from 'vitest';
import { alphaAtStep, type AlphaSchedule } from './alphaSchedule';

const base: AlphaSchedule = { kind: 'constant', alpha: 16, alphaEnd: 4, heatStep: 100, rampSteps: 200 };

describe('α schedules', () => {
  it('constant and learnable start keep α and the learning rate', () => {
    for (const kind of ['constant', 'learnable'] as const) {
      for (const step of [0, 99, 100, 10_000]) expect(alphaAtStep({ ...base, kind }, step)).toEqual({ alpha: 16, lrMultiplier: 1 });
    }
  });

  it('heat-up multiplies α by 0.25 and the learning rate by 0.1 from the heat step on', () => {
    const s = { ...base, kind: 'heatup' as const };
    expect(alphaAtStep(s, 99)).toEqual({ alpha: 16, lrMultiplier: 1 });
    expect(alphaAtStep(s, 100)).toEqual({ alpha: 4, lrMultiplier: 0.1 });
    expect(alphaAtStep(s, 5000)).toEqual({ alpha: 4, lrMultiplier: 0.1 });
  });

  it('linear ramp interpolates and then holds α end', () => {
    const s = { ...base, kind: 'linear' as const };
    expect(alphaAtStep(s, 0).alpha).toBe(16);
    expect(alphaAtStep(s, 100).alpha).toBe(10);
    expect(alphaAtStep(s, 200).alpha).toBe(4);
    expect(alphaAtStep(s, 900).alpha).toBe(4);
  });

  it('cosine ramp starts flat, passes the midpoint halfway and ends at α end', () => {
    const s = { ...base, kind: 'cosine' as const };
    expect(alphaAtStep(s, 0).alpha).toBe(16);
    expect(alphaAtStep(s, 100).alpha).toBeCloseTo(10, 10);
    expect(alphaAtStep(s, 200).alpha).toBeCloseTo(4, 10);
    expect(16 - alphaAtStep(s, 10).alpha).toBeLessThan((16 - 4) * 10 / 200);
    expect(alphaAtStep(s, 1000).alpha).toBeCloseTo(4, 10);
  });

  it('is pure: the same step always gives the same α, whatever was asked before', () => {
    const s = { ...base, kind: 'cosine' as const };
    const a = alphaAtStep(s, 37);
    alphaAtStep(s, 150);
    expect(alphaAtStep(s, 37)).toEqual(a);
  });

  it('a zero-length ramp jumps to α end', () => {
    expect(alphaAtStep({ ...base, kind: 'linear', rampSteps: 0 }, 0).alpha).toBe(4);
  });
});
