import { describe, expect, it } from 'vitest';
import { LOSSES } from '../losses';
import { RUN_SETTINGS } from '../config/config';
import { keyStep, logLadder, snapLinear, type SliderKey, type SliderScale } from './sliderSteps';

const lr = { min: RUN_SETTINGS.learningRate.min, max: RUN_SETTINGS.learningRate.max, step: 0, log: true, default: RUN_SETTINGS.learningRate.default };
const press = (s: SliderScale, v: number, key: SliderKey, n = 1) => {
  for (let i = 0; i < n; i++) v = keyStep(s, v, key);
  return v;
};

describe('slider keys', () => {
  it('arrow keys move a log slider along round values', () => {
    expect(press(lr, 0.001, 'ArrowRight')).toBe(0.0012);
    expect(press(lr, 0.001, 'ArrowRight', 2)).toBe(0.0015);
    expect(press(lr, 0.001, 'ArrowUp')).toBe(0.0012);
    expect(press(lr, 0.001, 'ArrowLeft')).toBe(0.0008);
    expect([1, 2, 3, 4].map((n) => press(lr, 0.001, 'ArrowDown', n))).toEqual([0.0008, 0.00064, 0.0006, 0.0005]);
    expect(press(lr, 0.001, 'PageUp')).toBe(0.01);
    expect(press(lr, 0.001, 'PageDown')).toBe(0.0001);
    expect(press(lr, 0.001, 'Home')).toBe(RUN_SETTINGS.learningRate.min);
    expect(press(lr, 0.001, 'End')).toBe(RUN_SETTINGS.learningRate.max);
    // the ends stop, and every step in between moves
    expect(press(lr, RUN_SETTINGS.learningRate.max, 'ArrowRight')).toBe(RUN_SETTINGS.learningRate.max);
    expect(press(lr, RUN_SETTINGS.learningRate.min, 'PageDown')).toBe(RUN_SETTINGS.learningRate.min);
    expect(press(lr, 0.05, 'PageUp')).toBe(RUN_SETTINGS.learningRate.max);
  });

  it('values off the ladder (typed ones) move to the neighbouring round value', () => {
    expect(press(lr, 0.0007, 'ArrowRight')).toBe(0.0008);
    expect(press(lr, 0.0007, 'ArrowLeft')).toBe(0.00064);
    expect(press(lr, 0.0007, 'PageUp')).toBe(0.0064);
    expect(press(lr, 0.0007, 'PageDown')).toBe(0.00008);
  });

  it('every log parameter of every loss has a ladder with its default and paper values, walked by keys from end to end', () => {
    const specs = [lr, ...LOSSES.flatMap((l) => l.params).filter((p) => p.scale === 'log').map((p) => ({ ...p, log: true }))];
    for (const s of specs) {
      const ladder = logLadder(s.min, s.max);
      expect(ladder[0]).toBe(s.min);
      expect(ladder.at(-1)).toBe(s.max);
      let v = s.min;
      const walked = [v];
      while (v < s.max) { v = press(s, v, 'ArrowRight'); walked.push(v); }
      expect(walked).toEqual(ladder);
      for (let i = 1; i < ladder.length; i++) expect(ladder[i] / ladder[i - 1]).toBeLessThan(1.3);
      // a default is a value the keys come back to
      if ('default' in s) expect(ladder).toContain(s.default);
    }
    for (const v of [1e-4, 3e-4, 5e-4, 1e-3]) expect(logLadder(lr.min, lr.max)).toContain(v);
    for (const v of [0.001, 0.003, 0.01, 0.1]) expect(logLadder(1e-4, 1)).toContain(v);
    for (const v of [0.25, 4, 16, 32, 64, 10, 100]) expect(logLadder(0.1, 1000)).toContain(v);
  });

  it('linear sliders step on multiples of their step, a page being a tenth of the range', () => {
    const ramp: SliderScale = { min: 1, max: 100000, step: 100, log: false };
    expect(press(ramp, 3000, 'ArrowRight')).toBe(3100);
    expect(press(ramp, 3000, 'ArrowLeft')).toBe(2900);
    expect(press(ramp, 3001, 'ArrowLeft')).toBe(3000);
    expect(press(ramp, 100, 'ArrowDown')).toBe(1);
    expect(press(ramp, 1, 'ArrowUp')).toBe(100);
    expect(press(ramp, 3000, 'PageUp')).toBe(13000);
    expect(press(ramp, 3000, 'End')).toBe(100000);
    const margin: SliderScale = { min: 0.05, max: 5, step: 0.05, log: false };
    expect(press(margin, 1, 'ArrowRight', 3)).toBe(1.15);
    expect(press(margin, 1, 'ArrowLeft', 3)).toBe(0.85);
    expect(press(margin, 0.05, 'ArrowLeft')).toBe(0.05);
    expect(press(margin, 1, 'Home')).toBe(0.05);
    expect(snapLinear(ramp, 3001)).toBe(3000);
    expect(snapLinear(ramp, 0)).toBe(1);
    expect(snapLinear(margin, 0.15000000000000002)).toBe(0.15);
  });
});
