/**
 * What tfjs-core leaves to its users and the workers need, imported by each worker entry before any
 * engine code runs: every op's gradient (training's tf.variableGrads, the gradient colouring's
 * tf.grad) and the chained tensor methods (`x.reshape(…)`, used throughout the engine). The unit
 * tests and scripts in Node get the same from the umbrella package (engine/tfNode.ts), so both run
 * the engine with the same registrations.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
