import * as tf from '@tensorflow/tfjs-core';
import './tfNode';
import { describe, expect, it } from 'vitest';
import { createOptimizer, optimizerKind, optimizerSettings, setLearningRate, slotsPerVariable, withWeightDecay } from './optimizer';

/** Steps of loss w² (gradient 2w) on one scalar weight, with the given optimiser settings. */
function descend(settings: Parameters<typeof createOptimizer>[0], lrs: number[], w0 = 1): number[] {
  const init = tf.scalar(w0);
  const w = tf.variable(init);
  init.dispose();
  const opt = createOptimizer(settings, lrs[0]);
  const out: number[] = [];
  try {
    for (const lr of lrs) {
      setLearningRate(opt, lr);
      const { grads, value } = tf.variableGrads(() => tf.square(w).asScalar(), [w]);
      const decayed = withWeightDecay(grads, [w], settings.weightDecay);
      opt.applyGradients(decayed);
      tf.dispose([value, ...Object.values(grads)]);
      if (decayed !== grads) tf.dispose(Object.values(decayed));
      out.push(w.dataSync()[0]);
    }
  } finally {
    opt.dispose();
    w.dispose();
  }
  return out;
}

describe('the Optimizer setting', () => {
  it('SGD with momentum and weight decay follows PyTorch\'s rule (hand-computed steps)', () => {
    // w0 = 1, lr 0.1, μ 0.9, wd 0.5:
    //   g1 = 2·1 + 0.5·1 = 2.5,          buf1 = 2.5,                     w1 = 1 − 0.25 = 0.75
    //   g2 = 2·0.75 + 0.5·0.75 = 1.875,  buf2 = 0.9·2.5 + 1.875 = 4.125, w2 = 0.75 − 0.4125 = 0.3375
    const w = descend({ optimizer: 'sgd', momentum: 0.9, weightDecay: 0.5 }, [0.1, 0.1]);
    expect(w[0]).toBeCloseTo(0.75, 6);
    expect(w[1]).toBeCloseTo(0.3375, 6);
  });

  it('SGD takes a new learning rate at the next step', () => {
    // lr 0.1 then 0.01, μ 0, no decay: w1 = 1 − 0.1·2 = 0.8, w2 = 0.8 − 0.01·1.6 = 0.784
    const w = descend({ optimizer: 'sgd', momentum: 0, weightDecay: 0 }, [0.1, 0.01]);
    expect(w[0]).toBeCloseTo(0.8, 6);
    expect(w[1]).toBeCloseTo(0.784, 6);
  });

  it('Adam\'s first step moves each weight by about the learning rate, weight decay or not', () => {
    // Adam's first update is lr·m̂/(√v̂ + ε) = lr·sign(g) for any g ≠ 0
    expect(descend({ optimizer: 'adam', momentum: 0.9, weightDecay: 0 }, [0.01])[0]).toBeCloseTo(0.99, 5);
    expect(descend({ optimizer: 'adam', momentum: 0.9, weightDecay: 0.1 }, [0.01])[0]).toBeCloseTo(0.99, 5);
  });

  it('weight decay adds wd·w to each gradient, and nothing at 0', () => {
    const w = tf.variable(tf.tensor1d([1, -2]));
    const g = { [w.name]: tf.tensor1d([0.5, 0.5]) };
    expect(withWeightDecay(g, [w], 0)).toBe(g);
    const d = withWeightDecay(g, [w], 0.1);
    expect(Array.from(d[w.name].dataSync())).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.3, 6)]);
    tf.dispose([w, ...Object.values(g), ...Object.values(d)]);
  });

  it('leaves no tensor behind, and tells the kinds apart', () => {
    let before = tf.memory().numTensors;
    descend({ optimizer: 'sgd', momentum: 0.9, weightDecay: 0.01 }, [0.1, 0.05, 0.02]);
    expect(tf.memory().numTensors).toBe(before);
    before = tf.memory().numTensors;
    descend({ optimizer: 'adam', momentum: 0.9, weightDecay: 0.01 }, [0.1, 0.05]);
    expect(tf.memory().numTensors).toBe(before);
    const [a, s] = [createOptimizer(optimizerSettings({}), 0.1), createOptimizer(optimizerSettings({ optimizer: 'sgd' }), 0.1)];
    expect([optimizerKind(a), optimizerKind(s)]).toEqual(['adam', 'sgd']);
    expect([slotsPerVariable('adam'), slotsPerVariable('sgd')]).toEqual([2, 1]);
    a.dispose();
    s.dispose();
  });
});
