import { describe, expect, it } from 'vitest';
import type { EmbeddingSnapshot } from './plotTypes';
import { sameFrame } from './sameFrame';

const frame = (): EmbeddingSnapshot => ({
  step: 40, points: new Float32Array([0, 1, 2, 3]), labels: new Uint8Array([0, 1]), predictions: new Uint8Array([0, 1]),
  marks: [{ step: 10, text: 'α 8 → 16' }],
});

describe('sameFrame', () => {
  it('the same data with other marks is the same frame', () => {
    const a = frame();
    expect(sameFrame(a, { ...a, marks: [...(a.marks ?? []), { step: 40, text: 'α 16 → 32' }] })).toBe(true);
    expect(sameFrame(a, { ...a, marks: undefined })).toBe(true);
  });

  it('a new step, equal but new arrays, or a field only one has: another frame', () => {
    const a = frame();
    expect(sameFrame(a, { ...a, step: 41 })).toBe(false);
    expect(sameFrame(a, { ...a, points: a.points.slice() })).toBe(false);
    expect(sameFrame(a, { ...a, regions: null })).toBe(false);
  });
});
