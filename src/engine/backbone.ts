import * as tf from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';
import { glorotUniform, heUniform } from '../util/initializers';

/**
 * The networks the runs train: a LeNet for the image sets and a small MLP for the toy 2-D sets
 * (MlpSpec below), both ending in the trunk (the layer before the embedding) and the feature f.
 *
 * LeNet-5 style backbone (LeCun et al. 1998, valid convolutions as in tfjs-examples):
 * conv5×5(c1) relu → maxpool2 → conv5×5(c2) relu → maxpool2 → dense(h1) relu → dense(h2) relu
 * → dense(embeddingDim) = the feature f the plot shows. Plain variables and functional ops (not
 * tf.layers) so that several runs can start from identical weights and the WASM path can swap in
 * fused kernels.
 */
export interface BackboneSpec {
  height: number;
  width: number;
  channels: number;
  conv1: number;
  conv2: number;
  hidden1: number;
  hidden2: number;
  embeddingDim: number;
  /**
   * Initialisation of the ReLU layers: 'he' (He et al. 2015, what the heated-up paper's LeNet uses)
   * keeps the activations' scale through ReLU; 'glorot' halves it layer by layer.
   */
  init: 'he' | 'glorot';
}

/**
 * The network the page trains. LeNet-5's 6/16 convolutions were too narrow for a 2-D feature: two
 * MNIST epochs reached ~95 %; 16/32 with He initialisation (and the warm-up + cosine learning rate of
 * lrSchedule.ts) reach ~98 % (measured with `npm run eval`; see docs/results.md).
 */
export function lenetSpec(height: number, width: number, channels: number, embeddingDim: number): BackboneSpec {
  return { height, width, channels, conv1: 16, conv2: 32, hidden1: 120, hidden2: 84, embeddingDim, init: 'he' };
}

/**
 * The network for non-image input (the toy 2-D sets): the input flattened, two ReLU layers, the
 * linear embedding layer. The same trunk / feature split as the LeNet, so every loss head (they see
 * only the trunk and the feature) trains on it unchanged.
 */
export interface MlpSpec {
  kind: 'mlp';
  /** input values per sample (2 for points in the plane) */
  inputSize: number;
  hidden1: number;
  hidden2: number;
  embeddingDim: number;
  init: 'he' | 'glorot';
}

/** Either network; `kind === 'mlp'` tells them apart (the LeNet spec came first and has no kind). */
export type NetworkSpec = BackboneSpec | MlpSpec;

/**
 * The toy sets' network: 2 → 64 → 64 → d. Wide enough to bend the plane around five spiral arms,
 * small enough that six runs train in seconds.
 */
export function mlpSpec(inputSize: number, embeddingDim: number): MlpSpec {
  return { kind: 'mlp', inputSize, hidden1: 64, hidden2: 64, embeddingDim, init: 'he' };
}

export function isMlpSpec(s: NetworkSpec): s is MlpSpec {
  return 'kind' in s && s.kind === 'mlp';
}

export function describeSpec(s: NetworkSpec): string {
  const init = `${s.init === 'he' ? 'He' : 'Glorot'} init`;
  if (isMlpSpec(s)) return `${s.inputSize} inputs → fc${s.hidden1} ReLU → fc${s.hidden2} ReLU → fc${s.embeddingDim} (MLP, ${init})`;
  return `${s.height}×${s.width}×${s.channels} → conv5×5·${s.conv1} ReLU → pool → conv5×5·${s.conv2} ReLU → pool → fc${s.hidden1} ReLU → fc${s.hidden2} ReLU → fc${s.embeddingDim} (${init})`;
}

function flatSize(s: BackboneSpec): number {
  const h = Math.floor((s.height - 4) / 2);
  const h2 = Math.floor((h - 4) / 2);
  const w = Math.floor((s.width - 4) / 2);
  const w2 = Math.floor((w - 4) / 2);
  return h2 * w2 * s.conv2;
}

/** Multiply-adds ×2 of one forward pass per sample (training ≈ 3× this). */
export function forwardFlops(s: NetworkSpec): number {
  if (isMlpSpec(s)) return (s.inputSize * s.hidden1 + s.hidden1 * s.hidden2 + s.hidden2 * s.embeddingDim) * 2;
  const h1 = s.height - 4, w1 = s.width - 4;
  const h2 = Math.floor(h1 / 2) - 4, w2 = Math.floor(w1 / 2) - 4;
  const conv1 = h1 * w1 * s.conv1 * 25 * s.channels * 2;
  const conv2 = h2 * w2 * s.conv2 * 25 * s.conv1 * 2;
  const fc = (flatSize(s) * s.hidden1 + s.hidden1 * s.hidden2 + s.hidden2 * s.embeddingDim) * 2;
  return conv1 + conv2 + fc;
}

/** The MLP's weights; the LeNet has the same dense layers after its convolutions. */
export interface MlpWeights {
  fc1W: tf.Variable<tf.Rank.R2>; fc1B: tf.Variable<tf.Rank.R1>;
  fc2W: tf.Variable<tf.Rank.R2>; fc2B: tf.Variable<tf.Rank.R1>;
  embW: tf.Variable<tf.Rank.R2>; embB: tf.Variable<tf.Rank.R1>;
}

export interface BackboneWeights extends MlpWeights {
  conv1W: tf.Variable<tf.Rank.R4>; conv1B: tf.Variable<tf.Rank.R1>;
  conv2W: tf.Variable<tf.Rank.R4>; conv2B: tf.Variable<tf.Rank.R1>;
}

/** Either network's weights; `hasConv` tells them apart. */
export type NetworkWeights = BackboneWeights | MlpWeights;

export function hasConv(w: NetworkWeights): w is BackboneWeights {
  return 'conv1W' in w;
}

export function createBackbone(s: BackboneSpec, seed: number): BackboneWeights;
export function createBackbone(s: MlpSpec, seed: number): MlpWeights;
export function createBackbone(s: NetworkSpec, seed: number): NetworkWeights;
export function createBackbone(s: NetworkSpec, seed: number): NetworkWeights {
  const rng = seedrandom(`backbone:${seed}`);
  // a variable shares its initial tensor's data; disposing that tensor keeps the variable and frees
  // the tensor's own count (otherwise every Trainer left 10 tensors behind)
  const own = <R extends tf.Rank>(t: tf.Tensor<R>): tf.Variable<R> => {
    const v = tf.variable(t);
    t.dispose();
    return v;
  };
  const init = (shape: number[], fanIn: number, fanOut: number) =>
    (s.init === 'he' ? heUniform(rng, shape, fanIn) : glorotUniform(rng, shape, fanIn, fanOut));
  const conv = (k: number, cin: number, cout: number) =>
    own(tf.tensor4d(init([k, k, cin, cout], k * k * cin, k * k * cout), [k, k, cin, cout]));
  const dense = (nin: number, nout: number) => own(tf.tensor2d(init([nin, nout], nin, nout), [nin, nout]));
  // the embedding layer is linear (no ReLU after it): Glorot either way
  const linear = (nin: number, nout: number) => own(tf.tensor2d(glorotUniform(rng, [nin, nout], nin, nout), [nin, nout]));
  const bias = (n: number) => own(tf.zeros([n]) as tf.Tensor1D);
  if (isMlpSpec(s)) {
    return {
      fc1W: dense(s.inputSize, s.hidden1), fc1B: bias(s.hidden1),
      fc2W: dense(s.hidden1, s.hidden2), fc2B: bias(s.hidden2),
      embW: linear(s.hidden2, s.embeddingDim), embB: bias(s.embeddingDim),
    };
  }
  const flat = flatSize(s);
  return {
    conv1W: conv(5, s.channels, s.conv1), conv1B: bias(s.conv1),
    conv2W: conv(5, s.conv1, s.conv2), conv2B: bias(s.conv2),
    fc1W: dense(flat, s.hidden1), fc1B: bias(s.hidden1),
    fc2W: dense(s.hidden1, s.hidden2), fc2B: bias(s.hidden2),
    embW: linear(s.hidden2, s.embeddingDim), embB: bias(s.embeddingDim),
  };
}

/** Every trainable variable in a fixed order (checkpoints and exported state rely on it). */
export function backboneVariables(w: NetworkWeights): tf.Variable[] {
  const dense = [w.fc1W, w.fc1B, w.fc2W, w.fc2B, w.embW, w.embB];
  return hasConv(w) ? [w.conv1W, w.conv1B, w.conv2W, w.conv2B, ...dense] : dense;
}

/**
 * trunk = fc2 output (the layer before the embedding), feature = embedding f. x is NHWC float32; the
 * MLP reads it flattened (a toy point is a 1×1×2 "image").
 */
export function backboneForward(w: NetworkWeights, x: tf.Tensor4D): { trunk: tf.Tensor2D; feature: tf.Tensor2D } {
  if (!hasConv(w)) {
    const flat = tf.reshape(x, [x.shape[0], -1]) as tf.Tensor2D;
    const h1 = tf.fused.matMul({ a: flat, b: w.fc1W, bias: w.fc1B, activation: 'relu' });
    const trunk = tf.fused.matMul({ a: h1, b: w.fc2W, bias: w.fc2B, activation: 'relu' }) as tf.Tensor2D;
    const feature = tf.fused.matMul({ a: trunk, b: w.embW, bias: w.embB }) as tf.Tensor2D;
    return { trunk, feature };
  }
  const c1 = tf.fused.conv2d({ x, filter: w.conv1W, strides: 1, pad: 'valid', bias: w.conv1B, activation: 'relu' });
  const p1 = tf.maxPool(c1, 2, 2, 'valid');
  const c2 = tf.fused.conv2d({ x: p1, filter: w.conv2W, strides: 1, pad: 'valid', bias: w.conv2B, activation: 'relu' });
  const p2 = tf.maxPool(c2, 2, 2, 'valid');
  const flat = tf.reshape(p2, [p2.shape[0], -1]) as tf.Tensor2D;
  const h1 = tf.fused.matMul({ a: flat, b: w.fc1W, bias: w.fc1B, activation: 'relu' });
  const trunk = tf.fused.matMul({ a: h1, b: w.fc2W, bias: w.fc2B, activation: 'relu' }) as tf.Tensor2D;
  const feature = tf.fused.matMul({ a: trunk, b: w.embW, bias: w.embB }) as tf.Tensor2D;
  return { trunk, feature };
}

/** Copies every weight into fresh variables, for runs that start from identical initial weights. */
export function cloneBackbone<W extends NetworkWeights>(w: W): W {
  const out: Record<string, tf.Variable> = {};
  for (const [k, v] of Object.entries(w) as [string, tf.Variable][]) {
    const copy = v.clone();
    out[k] = tf.variable(copy);
    copy.dispose(); // the variable holds its own reference to the data
  }
  // the same keys with variables of the same shapes: the type W describes it
  return out as unknown as W;
}

export function disposeBackbone(w: NetworkWeights): void {
  for (const v of Object.values(w) as tf.Variable[]) v.dispose();
}
