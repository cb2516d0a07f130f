import { describe, expect, it } from 'vitest';
import { assignColours, classColours, CORRECT_COLOUR, WRONG_COLOUR } from './colours';

const names = ['a', 'b', 'c'];

describe('assignColours', () => {
  it('colours by class with a legend entry per class', () => {
    const c = assignColours({ mode: 'class', classNames: names, labels: new Uint8Array([0, 1, 2, 1]), n: 4 });
    expect(Array.from(c.bucket)).toEqual([0, 1, 2, 1]);
    expect(c.palette).toEqual(classColours(3));
    expect(c.legend).toEqual({ kind: 'swatches', items: names.map((label, i) => ({ label, colour: c.palette[i] })) });
  });
  it('draws wrong predictions last (on top)', () => {
    const labels = new Uint8Array([0, 1, 2, 0, 1, 2]);
    const predictions = new Uint8Array([0, 2, 2, 1, 1, 2]);
    const c = assignColours({ mode: 'correct', classNames: names, labels, predictions, n: 6 });
    expect(c.palette).toEqual([CORRECT_COLOUR, WRONG_COLOUR]);
    expect(Array.from(c.order.subarray(4)).sort()).toEqual([1, 3]);
  });
  it('falls back to class colours when predictions or gradients are missing', () => {
    expect(assignColours({ mode: 'correct', classNames: names, labels: new Uint8Array(2), n: 2 }).mode).toBe('class');
    expect(assignColours({ mode: 'gradient', classNames: names, labels: new Uint8Array(2), gradNorms: null, n: 2 }).mode).toBe('class');
  });
  it('ranks gradient norms: larger norm, later bucket, drawn later', () => {
    const g = new Float32Array([0.1, 5, 0, NaN, 1]);
    const c = assignColours({ mode: 'gradient', classNames: names, labels: new Uint8Array(5), gradNorms: g, n: 5 });
    expect(c.bucket[1]).toBeGreaterThan(c.bucket[4]);
    expect(c.bucket[4]).toBeGreaterThan(c.bucket[0]);
    expect(c.bucket[3]).toBe(0);
    expect(c.order[c.order.length - 1]).toBe(1);
  });
});

it('classColours gives distinct colours beyond ten classes', () => {
  const c = classColours(12);
  expect(new Set(c).size).toBe(12);
});
