import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { BackboneSpec } from '../engine/backbone';

/**
 * The benchmark's peer: the network a TF.js user would write for the same job — backbone.ts's LeNet
 * (same layers, sizes and valid convolutions) plus the softmax head's linear classifier (with bias),
 * softmax cross-entropy and Adam at the app's default learning rate — as a tf.layers model, trained
 * with model.fit. Only the training loop differs from ours, which is what the comparison is about.
 */
export interface PeerModel {
  model: tfl.LayersModel;
  /** a weight that Adam rewrites at every batch: reading it waits for the whole update */
  lastWeight(): tf.Tensor;
  dispose(): void;
}

export function createPeerModel(s: BackboneSpec, classes: number, learningRate = 1e-3): PeerModel {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [s.height, s.width, s.channels], filters: s.conv1, kernelSize: 5, activation: 'relu' }));
  m.add(tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  m.add(tfl.layers.conv2d({ filters: s.conv2, kernelSize: 5, activation: 'relu' }));
  m.add(tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  m.add(tfl.layers.flatten());
  m.add(tfl.layers.dense({ units: s.hidden1, activation: 'relu' }));
  m.add(tfl.layers.dense({ units: s.hidden2, activation: 'relu' }));
  m.add(tfl.layers.dense({ units: s.embeddingDim }));
  // softmax + categoricalCrossentropy: the tfjs-examples way of writing softmax cross-entropy
  m.add(tfl.layers.dense({ units: classes, activation: 'softmax' }));
  // an optimizer instance passed to compile is not owned (nor disposed) by the model
  const optimizer = tf.train.adam(learningRate);
  m.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const out = m.layers[m.layers.length - 1];
  return {
    model: m,
    lastWeight: () => out.trainableWeights[out.trainableWeights.length - 1].read(),
    dispose: () => { m.dispose(); optimizer.dispose(); },
  };
}
