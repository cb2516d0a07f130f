import * as tf from '@tensorflow/tfjs-core';
import '../engine/tfNode'; // the CPU backend and every gradient, in Node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceValues, LossId } from './types';
import { randn, relErr } from '../testing/wasmTestUtil';
import { initWasmBackendNode } from '../engine/wasm/node';
import { createHead, plottedPredict, plottedUnknownScore } from './heads';

/**
 * Every head computes the same loss, gradients, predictions and plotted points on wasm (the page's
 * usual backend) as on cpu, on a training-sized batch. The loss tests run on cpu; a kernel that
 * behaves differently on wasm escaped them once: tf.where read an int32 operand's bits as float32
 * there, and the pair loss paired every sample with itself in the page.
 */
// 64 samples: above the exact semi-hard miner's batch size, so the training path is what is compared
const CLASSES = 10, TRUNK = 24, DIM = 2, N = 64;

const CONFIGS: { loss: LossId; choices?: ChoiceValues }[] = [
  { loss: 'softmax' },
  { loss: 'heated' },
  { loss: 'center' },
  { loss: 'triplet' },
  { loss: 'triplet', choices: { mining: 'batch_hard', embedding: 'l2', distance: 'squared' } },
  { loss: 'pair' },
  { loss: 'simplex' },
];

/** A P×K-like batch (every class, shuffled): labels i·7 mod 10. */
const LABELS = Array.from({ length: N }, (_, i) => (i * 7) % CLASSES);

function outputs(c: { loss: LossId; choices?: ChoiceValues }): tf.Tensor[] {
  const head = createHead({ loss: c.loss, classes: CLASSES, embeddingDim: DIM, trunkDim: TRUNK, params: {}, choices: c.choices ?? {}, seed: 3 });
  const trunk = tf.tidy(() => tf.variable(tf.relu(tf.tensor2d(randn('trunk', N * TRUNK), [N, TRUNK]))));
  const feature = tf.tidy(() => tf.variable(tf.tensor2d(randn('feature', N * DIM, 3), [N, DIM])));
  const labels = tf.tensor1d(LABELS, 'int32');
  try {
    // state that follows the batches (center loss's centers, the triplet run's class means) starts here
    head.afterStep(trunk, feature, labels, 0);
    const vars = [trunk, feature, ...head.variables];
    const { value, grads } = tf.variableGrads(() => head.loss(trunk, feature, labels, 10), vars);
    return [
      // a loss that does not read the trunk (softmax on f) has no gradient for it
      value, ...vars.map((v) => grads[v.name] ?? tf.zerosLike(v)),
      tf.cast(head.predict(trunk, feature), 'float32'), tf.cast(plottedPredict(head, trunk, feature), 'float32'),
      head.unknownScore(trunk, feature), plottedUnknownScore(head, trunk, feature), head.display(trunk, feature),
    ];
  } finally {
    head.dispose();
    tf.dispose([trunk, feature, labels]);
  }
}

async function on(backend: string, c: { loss: LossId; choices?: ChoiceValues }): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const out = outputs(c);
  const data = await Promise.all(out.map(async (t) => new Float32Array(await t.data())));
  tf.dispose(out);
  return data;
}

describe('heads on wasm match the cpu backend (loss, gradients, predictions, plotted points)', () => {
  beforeAll(async () => { await initWasmBackendNode(); });
  afterAll(async () => { await tf.setBackend('cpu'); });
  const parts = ['loss', 'd/dtrunk', 'd/dfeature'];
  it.each(CONFIGS)('$loss $choices', async (c) => {
    const cpu = await on('cpu', c);
    const wasm = await on('wasm', c);
    expect(wasm.length).toBe(cpu.length);
    expect(cpu[0][0]).toBeGreaterThan(0);
    cpu.forEach((ref, i) => expect(relErr(wasm[i], ref), parts[i] ?? `output ${i}`).toBeLessThan(1e-3));
  });
});
