import { describe, expect, it } from 'vitest';
import { plotAnimation } from './plotFrames';

describe('plotAnimation', () => {
  it('counts new steps per figure, the first trained frame and the longest gap', () => {
    const samples: [number, number[]][] = [
      [0, [0, 0]], [100, [0, 0]], [200, [1, 0]], [300, [5, 0]], [400, [5, 3]], [900, [12, 3]], [1000, [12, 3]], [1100, [20, 9]],
    ];
    const [a, b] = plotAnimation({ samples });
    expect(a).toMatchObject({ frames: 4, firstTrainedMs: 300, longestGapMs: 600, lastStep: 20 });
    expect(a.framesPerSec).toBeCloseTo(4 / 1.1);
    expect(b).toMatchObject({ frames: 2, firstTrainedMs: 400, longestGapMs: 700, lastStep: 9 });
  });

  it('a figure that never moves has no frames and no trained frame', () => {
    const [a] = plotAnimation({ samples: [[0, [1]], [100, [1]], [200, [1]]] });
    expect(a.frames).toBe(0);
    expect(a.firstTrainedMs).toBeNaN();
    expect(a.framesPerSec).toBe(0);
  });
});
