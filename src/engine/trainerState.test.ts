import { describe, expect, it } from 'vitest';
import { checkTrainerState, sameLayout, type TrainerState } from './trainerState';

const run = (id = 'r1') => ({
  id, step: 3, loss: NaN,
  variables: [{ shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }],
  optimizer: [{ name: 'iter', shape: [], data: new Float32Array([3]) }],
  head: [{ name: 'centers', shape: [1, 2], data: new Float32Array([0, 0.5]) }],
});
const state = (extra: Record<string, unknown> = {}): TrainerState => ({
  version: 2, globalStep: 3, samplesDrawn: 96, runs: [run()], augment: { i: 0, j: 255, S: Array.from({ length: 256 }, (_, k) => k) }, ...extra,
} as TrainerState);

describe('checkTrainerState', () => {
  it('accepts what exportState writes, and a version-1 state without version, head state or generator', () => {
    expect(checkTrainerState(state())).toEqual(state());
    const v1 = { globalStep: 0, samplesDrawn: 0, runs: [{ ...run(), head: undefined }] };
    expect(checkTrainerState(v1).runs[0].head).toBeUndefined();
    expect(checkTrainerState(v1).version).toBe(1);
  });

  it('names what is wrong', () => {
    const bad: [unknown, string][] = [
      [null, 'the state is not an object'],
      [state({ runs: 'x' }), 'runs is not a list of at most 6 runs'],
      [state({ runs: Array(7).fill(run()) }), 'runs is not a list of at most 6 runs'],
      [state({ runs: [run('a'), run('a')] }), 'runs[1].id repeats the run id "a"'],
      [state({ runs: [{ ...run(), step: -1 }] }), 'runs[0].step is not a whole number'],
      [state({ runs: [{ ...run(), step: 2.5 }] }), 'runs[0].step is not a whole number'],
      [state({ samplesDrawn: Infinity }), 'samplesDrawn is not a finite count'],
      [state({ runs: [{ ...run(), variables: [{ shape: [2, 3], data: new Float32Array(4) }] }] }), 'runs[0].variables[0] has 4 values where its shape [2, 3] needs 6'],
      [state({ runs: [{ ...run(), variables: [{ shape: [1, 1, 1, 1, 1], data: new Float32Array(1) }] }] }), 'runs[0].variables[0] has no valid shape'],
      [state({ runs: [{ ...run(), variables: [{ shape: [4], data: [1, 2, 3, 4] }] }] }), 'runs[0].variables[0] holds no Float32Array'],
      [state({ runs: [{ ...run(), variables: [{ shape: [1 << 13, 1 << 13], data: new Float32Array(1) }] }] }), 'has 67108864 values, more than 16777216'],
      [state({ runs: [{ ...run(), optimizer: [{ shape: [], data: new Float32Array(1) }] }] }), 'runs[0].optimizer[0] has no name'],
      [state({ runs: [{ ...run(), head: undefined }] }), 'runs[0].head is not a list'],
      [state({ augment: { i: 0, j: 0, S: [1, 2] } }), 'augment is not a generator state'],
    ];
    for (const [value, message] of bad) expect(() => checkTrainerState(value), message).toThrow(message);
  });
});

describe('sameLayout', () => {
  it('compares names and shapes in order', () => {
    expect(sameLayout([{ name: 'a', shape: [2, 1] }], [{ name: 'a', shape: [2, 1] }])).toBe(true);
    expect(sameLayout([{ name: 'a', shape: [2, 1] }], [{ name: 'b', shape: [2, 1] }])).toBe(false);
    expect(sameLayout([{ shape: [2, 1] }], [{ shape: [2] }])).toBe(false);
    expect(sameLayout([{ shape: [2] }], [{ shape: [2] }, { shape: [1] }])).toBe(false);
  });
});
