import { describe, expect, it } from 'vitest';
import { framePoints } from './framePoints';

describe('framePoints', () => {
  it('auto: 1000 MNIST points a plot for one or two runs, 500 for more', () => {
    expect(framePoints('auto', 1, 2000, 1)).toBe(1000);
    expect(framePoints('auto', 2, 2000, 1)).toBe(1000);
    expect(framePoints('auto', 3, 2000, 1)).toBe(500);
    expect(framePoints('auto', 6, 2000, 1)).toBe(500);
  });

  it('auto follows the cost of a sample: fewer CIFAR-10 images, every toy point', () => {
    expect(framePoints('auto', 1, 1017, 2.07)).toBe(500);
    expect(framePoints('auto', 6, 1000, 0.002)).toBe(1000);
  });

  it('never more than are shown, never under 500 unless fewer are shown', () => {
    expect(framePoints('1000', 1, 800, 1)).toBe(800);
    expect(framePoints('500', 6, 300, 1)).toBe(300);
    expect(framePoints('all', 6, 2000, 1)).toBe(2000);
    expect(framePoints('500', 1, 10000, 1)).toBe(500);
  });
});
