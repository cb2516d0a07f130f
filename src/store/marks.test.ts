import { describe, expect, it } from 'vitest';
import { withMark } from './store';

describe('parameter-change marks', () => {
  it('one slider drag is one mark, at the step where it began', () => {
    let m = withMark([], { step: 10, text: 'α=8' }, 0);
    m = withMark(m, { step: 11, text: 'α=6' }, 200);
    m = withMark(m, { step: 12, text: 'α=4' }, 400);
    expect(m).toEqual([{ step: 10, text: 'α=4' }]);
  });

  it('another parameter, or the same one later, adds a mark', () => {
    let m = withMark([], { step: 10, text: 'α=8' }, 0);
    m = withMark(m, { step: 11, text: 'λ=0.1' }, 100);
    m = withMark(m, { step: 40, text: 'λ=0.2' }, 3000);
    expect(m.map((x) => x.text)).toEqual(['α=8', 'λ=0.1', 'λ=0.2']);
  });
});
