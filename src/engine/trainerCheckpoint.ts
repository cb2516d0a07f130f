/**
 * A run's part of a checkpoint (Trainer.exportState / importState): reading its variables, optimiser
 * slots and head state off the device, checking that a saved run fits it, and putting saved values
 * back. The optimiser keeps its slots in the order applyGradients first saw the variables, a
 * checkpoint in the variables' own order (so that it fits a session built afresh); the reordering
 * between the two lives here. trainerState.ts is the checkpoint's plain data and its checks, with no
 * tensors; this module maps that data onto a run's tensors; the Trainer keeps what spans runs (the
 * batch sequence, step counters, the augmentation generator).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerKind } from '../config/config';
import { optimizerKind, slotsPerVariable } from './optimizer';
import { keepGood, trainables, type RunState } from './runState';
import { sameLayout, type NamedArray, type RunStateExport, type TrainerState } from './trainerState';

/** What importState did: runs restored, runs skipped, and for each skipped run why (same order). */
export interface ImportResult {
  restored: string[];
  skipped: string[];
  why: string[];
}

/**
 * The order in which applyGradients sees a run's variables: the key order of the gradient map
 * tf.variableGrads returns (variable names are numbers, and number-like keys iterate in ascending
 * order, so a head rebuilt after the backbone comes after it). Adam keeps its moments in this order;
 * checkpoints keep them in the order of trainables(), so that they fit a session built afresh.
 */
function momentOrder(vars: tf.Variable[]): number[] {
  const keyed: Record<string, number> = {};
  vars.forEach((v, i) => { keyed[v.name] = i; });
  return Object.values(keyed);
}

async function read(name: string, t: tf.Tensor): Promise<NamedArray> {
  return { name, shape: t.shape.slice(), data: Float32Array.from(await t.data()) };
}

/**
 * A run's state as plain arrays: its variables, its optimiser's slots (left out, as [], without
 * `withOptimizer`) and its head's non-trainable state. Leaves no tensors behind.
 */
export async function exportRun(s: RunState, withOptimizer: boolean): Promise<RunStateExport> {
  const variables = await Promise.all(trainables(s).map(async (v) => ({ shape: v.shape.slice(), data: Float32Array.from(await v.data()) })));
  let optimizer: NamedArray[] = [];
  if (withOptimizer) {
    const named = await s.optimizer.getWeights();
    const inOrder = await Promise.all(named.map((w) => read(w.name, w.tensor)));
    // getWeights makes a new scalar for the iteration count (the moments are the optimiser's own)
    tf.dispose(named.filter((w) => w.name === 'iter').map((w) => w.tensor));
    optimizer = slotsByVariable(s, inOrder);
  }
  const head = await Promise.all(s.head.stateTensors().map((t) => read(t.name, t.tensor)));
  return { id: s.cfg.id, step: s.step, loss: s.loss, variables, optimizer, optimizerKind: optimizerKind(s.optimizer), head };
}

/**
 * The optimiser's weights [iteration, slot 1 per variable, slot 2 per variable…] (Adam: first and
 * second moments; SGD: the momentum buffers) with each slot put in the order of trainables().
 * Before the first step there are none; should a variable ever get no gradient (so no slot), they
 * cannot be matched to variables and are left out (the optimiser restarts them).
 */
function slotsByVariable(s: RunState, weights: NamedArray[]): NamedArray[] {
  const order = momentOrder(trainables(s));
  const n = order.length;
  const slots = slotsPerVariable(optimizerKind(s.optimizer));
  if (weights.length !== 1 + slots * n) return [];
  const out: NamedArray[] = [weights[0]];
  for (let j = 0; j < slots; j++) {
    const slot: NamedArray[] = new Array<NamedArray>(n);
    order.forEach((v, k) => { slot[v] = weights[1 + j * n + k]; });
    out.push(...slot);
  }
  return out;
}

/** The inverse of slotsByVariable: the order this run's optimiser will look its slots up in. */
function slotsInOptimizerOrder(s: RunState, weights: NamedArray[], slots: number): NamedArray[] {
  const order = momentOrder(trainables(s));
  const n = order.length;
  const out: NamedArray[] = [weights[0]];
  for (let j = 0; j < slots; j++) out.push(...order.map((v) => weights[1 + j * n + v]));
  return out;
}

/**
 * Why a saved run cannot go into this run, or null when every tensor's layout matches. `optimizer`:
 * the optimiser the run trains with; `legacy`: a version-1 state.
 */
function misfit(s: RunState, r: RunStateExport, legacy: boolean, optimizer: OptimizerKind): string | null {
  const vars = trainables(s).map((v) => ({ shape: v.shape }));
  if (!sameLayout(r.variables, vars)) return `its ${r.variables.length} trainable tensors do not match the run's ${vars.length}`;
  if (r.optimizer.length) {
    // a state without a kind was written before the Optimizer setting: Adam's
    const saved = r.optimizerKind ?? 'adam';
    if (saved !== optimizer) return `its optimiser state is ${saved === 'sgd' ? 'SGD\'s' : 'Adam\'s'}, the run trains with ${optimizer === 'sgd' ? 'SGD' : 'Adam'}`;
    // the iteration count, then each slot per variable (version 1: in Adam's own order, which a
    // session built the same way shares)
    const perVar = legacy ? momentOrder(trainables(s)).map((i) => vars[i]) : vars;
    const expected = [{ shape: [] as number[] }];
    for (let j = 0; j < slotsPerVariable(saved); j++) expected.push(...perVar);
    if (!sameLayout(r.optimizer.map((w) => ({ shape: w.shape })), expected)) return 'its optimiser state does not match the run\'s variables';
  }
  const head = s.head.stateTensors().map((t) => ({ name: t.name, shape: t.tensor.shape }));
  if (r.head && !sameLayout(r.head, head)) {
    return `its ${s.cfg.loss} state (${r.head.map((h) => h.name).join(', ') || 'none'}) does not match the run's (${head.map((h) => h.name).join(', ') || 'none'})`;
  }
  return null;
}

/**
 * Puts a saved run's variables, head state (restarted when the state holds none: version 1), step
 * and loss into a run that `misfit` accepted. The optimiser is restoreOptimizer's.
 */
function restoreRun(s: RunState, r: RunStateExport): void {
  trainables(s).forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(r.variables[i].data, v.shape))));
  if (r.head) for (const h of r.head) s.head.setStateTensor(h.name, tf.tensor(h.data, h.shape));
  else s.head.resetState?.();
  s.step = r.step;
  s.loss = r.loss;
}

/** Loads a saved run's optimiser slots (if it has any) into the run's fresh optimiser. */
async function restoreOptimizer(s: RunState, r: RunStateExport, legacy: boolean): Promise<void> {
  if (!r.optimizer.length) return;
  const slots = slotsPerVariable(r.optimizerKind ?? 'adam');
  const named = (legacy ? r.optimizer : slotsInOptimizerOrder(s, r.optimizer, slots)).map((w) => ({ name: w.name, tensor: tf.tensor(w.data, w.shape) }));
  await s.optimizer.setWeights(named);
  // setWeights makes variables of its own (Tensor.variable copies), for Adam and SGD alike
  tf.dispose(named.map((w) => w.tensor));
}

/**
 * Puts a checked state's runs into the runs of the same ids whose tensors they fit (`optimizer`: the
 * optimiser the runs train with); the others are skipped and named in the result. `renew` gives a
 * restored run a fresh optimiser and train step, into which the saved slots then go; without it
 * (runs that are only evaluated) the optimisers and copies of last good weights are left alone.
 */
export async function importRuns(
  runs: ReadonlyMap<string, RunState>, state: TrainerState, optimizer: OptimizerKind, renew: ((s: RunState) => void) | null,
): Promise<ImportResult> {
  const restored: string[] = [];
  const skipped: string[] = [];
  const why: string[] = [];
  const legacy = state.version === 1;
  for (const r of state.runs) {
    const s = runs.get(r.id);
    const wrong = s ? misfit(s, r, legacy, optimizer) : 'there is no such run now';
    if (!s || wrong) { skipped.push(r.id); why.push(`${r.id}: ${wrong}`); continue; }
    restoreRun(s, r);
    restored.push(r.id);
    if (!renew) continue;
    renew(s);
    await restoreOptimizer(s, r, legacy);
    s.diverged = null;
    keepGood(s);
  }
  return { restored, skipped, why };
}
