import { describe, expect, it } from 'vitest';
import { assignColours, classColours, CORRECT_COLOUR, UNKNOWN_COLOUR, WRONG_COLOUR } from './colours';

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

describe('held-out (unknown) classes', () => {
  // classes 0 and 1 known, class 2 held out: its points are the unknown ones
  const labels = new Uint8Array([0, 1, 2, 2, 0]);
  const unknown = new Uint8Array([0, 0, 1, 1, 0]);
  const colourOf = (c: ReturnType<typeof assignColours>, i: number) => c.palette[c.bucket[i]];

  it('are grey by class, and the legend lists the known classes and "unknown"', () => {
    const c = assignColours({ mode: 'class', classNames: names, labels, unknown, n: 5 });
    expect([0, 1, 2, 3, 4].map((i) => colourOf(c, i))).toEqual([classColours(3)[0], classColours(3)[1], UNKNOWN_COLOUR, UNKNOWN_COLOUR, classColours(3)[0]]);
    expect(c.legend).toEqual({ kind: 'swatches', items: [{ label: 'a', colour: classColours(3)[0] }, { label: 'b', colour: classColours(3)[1] }, { label: 'unknown', colour: UNKNOWN_COLOUR }] });
  });

  it('are neither right nor wrong: grey under the errors', () => {
    const predictions = new Uint8Array([0, 0, 1, 0, 0]);
    const c = assignColours({ mode: 'correct', classNames: names, labels, predictions, unknown, n: 5 });
    expect([0, 1, 2, 3, 4].map((i) => colourOf(c, i))).toEqual([CORRECT_COLOUR, WRONG_COLOUR, UNKNOWN_COLOUR, UNKNOWN_COLOUR, CORRECT_COLOUR]);
    expect(Array.from(c.order.subarray(0, 2)).sort()).toEqual([2, 3]);
    expect(c.legend.kind === 'swatches' && c.legend.items.map((i) => i.label)).toEqual(['correct', 'wrong', 'unknown']);
  });

  it('are grey by gradient too, and do not set the ramp\'s top', () => {
    const gradNorms = new Float32Array([1, 2, 50, 60, 0.5]);
    const c = assignColours({ mode: 'gradient', classNames: names, labels, gradNorms, unknown, n: 5 });
    expect([colourOf(c, 2), colourOf(c, 3)]).toEqual([UNKNOWN_COLOUR, UNKNOWN_COLOUR]);
    expect(c.legend).toMatchObject({ kind: 'ramp', domain: [0, 2], items: [{ label: 'unknown', colour: UNKNOWN_COLOUR }] });
  });

  it('change nothing where no point is unknown', () => {
    const plain = assignColours({ mode: 'class', classNames: names, labels, n: 5 });
    const none = assignColours({ mode: 'class', classNames: names, labels, unknown: new Uint8Array(5), n: 5 });
    expect([none.palette, Array.from(none.bucket), none.legend]).toEqual([plain.palette, Array.from(plain.bucket), plain.legend]);
  });
});

it('classColours gives distinct colours beyond ten classes', () => {
  const c = classColours(12);
  expect(new Set(c).size).toBe(12);
});
