import * as tf from '@tensorflow/tfjs';
import { ADAM_STEP, type AdamStepAttrs } from './wasm/adamStep';

/** tf.AdamOptimizer's state, private in its typings; the fused path below keeps it exactly as the stock one does. */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  incrementIterations(): void;
}

/**
 * tf.train.adam with one kernel per variable on backends that have ours (wasm: ADAM_STEP), bit for bit
 * the stock update (adamStep.ts), and the stock update elsewhere. Same moments, names, order and
 * iteration count, so getWeights / setWeights (checkpoints) and the learning-rate assignment the
 * trainer does before each step work unchanged.
 */
export class FusedAdam extends tf.AdamOptimizer {
  constructor(learningRate: number) {
    // tf.train.adam's defaults; ε null: the backend's epsilon, as there
    super(learningRate, 0.9, 0.999, null as unknown as number);
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (!tf.getKernel(ADAM_STEP, tf.getBackend())) {
      super.applyGradients(variableGradients);
      return;
    }
    const s = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    const attrs: AdamStepAttrs = { beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon, learningRate: s.learningRate };
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        // created as the stock optimiser creates them (index order, names, not trainable)
        s.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        s.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        const grad = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
        if (grad == null) return;
        const m = s.accumulatedFirstMoment[i]!.variable;
        const v = s.accumulatedSecondMoment[i]!.variable;
        const [x1, m1, v1] = tf.engine().runKernel(ADAM_STEP, { value, m, v, grad, accBeta1: s.accBeta1, accBeta2: s.accBeta2 },
          attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(m1);
        v.assign(v1);
        value.assign(x1);
      });
      s.accBeta1.assign(tf.mul(s.accBeta1, s.beta1));
      s.accBeta2.assign(tf.mul(s.accBeta2, s.beta2));
    });
    s.incrementIterations();
  }
}
