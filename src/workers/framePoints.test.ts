import { describe, expect, it } from 'vitest';
import { framePoints } from './framePoints';

describe('framePoints', () => {
  it('auto: 1000 points a plot for one or two runs, 500 for more, all of a toy set', () => {
    expect(framePoints('auto', 1, 2000, false)).toBe(1000);
    expect(framePoints('auto', 2, 2000, false)).toBe(1000);
    expect(framePoints('auto', 3, 2000, false)).toBe(500);
    expect(framePoints('auto', 6, 2000, false)).toBe(500);
    expect(framePoints('auto', 6, 1000, true)).toBe(1000);
  });

  it('never more than are shown, never under 500 unless fewer are shown', () => {
    expect(framePoints('1000', 1, 800, false)).toBe(800);
    expect(framePoints('500', 6, 300, false)).toBe(300);
    expect(framePoints('all', 6, 2000, false)).toBe(2000);
    expect(framePoints('500', 1, 10000, false)).toBe(500);
  });
});
