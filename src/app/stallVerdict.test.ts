import { describe, expect, it } from 'vitest';
import { isStalled, STALL_MS } from './stallVerdict';

describe('the watchdog rule', () => {
  it('is quiet while steps arrive and the worker answers', () => {
    expect(isStalled({ training: true, quietMs: 200, answers: true })).toBe(false);
    expect(isStalled({ training: true, quietMs: STALL_MS - 1, answers: null })).toBe(false);
  });
  it('speaks after STALL_MS without a step, even when the worker answers', () => {
    expect(isStalled({ training: true, quietMs: STALL_MS, answers: true })).toBe(true);
  });
  it('speaks at once when the worker stops answering', () => {
    expect(isStalled({ training: true, quietMs: 0, answers: false })).toBe(true);
  });
  it('never speaks when not training (paused, building)', () => {
    expect(isStalled({ training: false, quietMs: 10 * STALL_MS, answers: false })).toBe(false);
  });
});
