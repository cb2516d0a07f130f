/**
 * The trainer's state off the device (Trainer.exportState / importState): what a checkpoint keeps in
 * IndexedDB and what a session rebuilt on another backend continues from. A checkpoint comes back from
 * storage written by this page or an earlier version of it, perhaps damaged: `checkTrainerState`
 * checks its structure before any of it reaches a tensor (bounded sizes and step counts, finite
 * numbers), with a message that names the field.
 */
import { MAX_RUNS, type OptimizerKind } from '../config/config';

/**
 * 1: trainable variables and Adam's weights only. 2: also each head's non-trainable state (center-loss
 * centers and their mask, the triplet run's class means) and the augmentation generator's state.
 */
export const TRAINER_STATE_VERSION = 2;

/** A tensor's values by name, as read off the device. */
export interface NamedArray {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** One run's state: trainable variables in order, Adam's weights, the head's other state. */
export interface RunStateExport {
  id: string;
  step: number;
  loss: number;
  variables: { shape: number[]; data: Float32Array }[];
  optimizer: NamedArray[];
  /**
   * Whose state `optimizer` is: Adam's [iteration, first moments, second moments] or SGD's
   * [iteration, momentum buffers], each in the variables' order. Absent (states written before the
   * Optimizer setting): Adam's.
   */
  optimizerKind?: OptimizerKind;
  /** version 2: the head's non-trainable state ([] for heads that have none) */
  head?: NamedArray[];
}

/** The ARC4 generator's state (seedrandom's `state()`): augmentation draws go on where they were. */
export interface RngState {
  i: number;
  j: number;
  S: number[];
}

export interface TrainerState {
  /** absent in states written before version 2 */
  version?: number;
  globalStep: number;
  samplesDrawn: number;
  runs: RunStateExport[];
  /** version 2: the augmentation generator (CIFAR-10 with augmentation) */
  augment?: RngState;
}

/**
 * A step count no real session reaches (a month of training at 4 steps per second): importing replays
 * the batch sequence up to the saved step, so a corrupt count must not make that loop endless.
 */
export const MAX_STEPS = 10_000_000;
/** more variables or Adam weights than any head and backbone here have */
const MAX_TENSORS = 256;
const MAX_RANK = 4;
/** the largest layer's values (a 64-D CIFAR-10 network's widest layer is far below) */
const MAX_VALUES = 1 << 24;
const MAX_ID = 200;

class StateError extends Error {}

function fail(where: string, what: string): never {
  throw new StateError(`The saved state is damaged: ${where} ${what}.`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;

function checkShape(v: unknown, where: string): number[] {
  if (!Array.isArray(v) || v.length > MAX_RANK || !v.every((d) => isCount(d, MAX_VALUES))) fail(where, `has no valid shape (at most ${MAX_RANK} whole sizes)`);
  return v as number[];
}

function checkValues(data: unknown, shape: number[], where: string): Float32Array {
  if (!(data instanceof Float32Array)) fail(where, 'holds no Float32Array');
  const size = shape.reduce((a, b) => a * b, 1);
  if (size > MAX_VALUES) fail(where, `has ${size} values, more than ${MAX_VALUES}`);
  if (data.length !== size) fail(where, `has ${data.length} values where its shape [${shape.join(', ')}] needs ${size}`);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) fail(where, `holds ${data[i]} at position ${i} (only finite numbers are kept)`);
  }
  return data;
}

function checkTensors<T>(v: unknown, where: string, named: boolean): T[] {
  if (!Array.isArray(v) || v.length > MAX_TENSORS) fail(where, `is not a list of at most ${MAX_TENSORS} tensors`);
  return v.map((t, k) => {
    const at = `${where}[${k}]`;
    if (!isRecord(t)) fail(at, 'is not a tensor');
    if (named && (typeof t.name !== 'string' || t.name.length > MAX_ID)) fail(at, 'has no name');
    const shape = checkShape(t.shape, at);
    return { ...(named ? { name: t.name } : {}), shape, data: checkValues(t.data, shape, at) } as T;
  });
}

function checkRng(v: unknown): RngState | undefined {
  if (v === undefined) return undefined;
  const ok = isRecord(v) && isCount(v.i, 255) && isCount(v.j, 255) && Array.isArray(v.S) && v.S.length === 256 && v.S.every((x) => isCount(x, 255));
  if (!ok) fail('augment', 'is not a generator state (i, j and 256 bytes S)');
  return { i: v.i as number, j: v.j as number, S: (v.S as number[]).slice() };
}

function checkOptimizerKind(v: unknown, where: string): OptimizerKind {
  if (v !== 'adam' && v !== 'sgd') fail(where, 'is neither "adam" nor "sgd"');
  return v;
}

/**
 * The state if it is one this version can read, else a StateError naming what is wrong. Whether its
 * runs fit the current runs (ids, shapes) is the trainer's question; this is only about the data.
 */
export function checkTrainerState(v: unknown): TrainerState {
  if (!isRecord(v)) fail('the state', 'is not an object');
  const version = v.version ?? 1;
  if (version !== 1 && version !== TRAINER_STATE_VERSION) {
    throw new StateError(`The saved state has version ${String(version)}; this page reads versions 1 and ${TRAINER_STATE_VERSION}.`);
  }
  if (!isCount(v.globalStep, MAX_STEPS)) fail('globalStep', `is not a whole number from 0 to ${MAX_STEPS}`);
  if (typeof v.samplesDrawn !== 'number' || !(v.samplesDrawn >= 0) || !Number.isFinite(v.samplesDrawn)) fail('samplesDrawn', 'is not a finite count');
  if (!Array.isArray(v.runs) || v.runs.length > MAX_RUNS) fail('runs', `is not a list of at most ${MAX_RUNS} runs`);
  const ids = new Set<string>();
  const runs = v.runs.map((r, k): RunStateExport => {
    const at = `runs[${k}]`;
    if (!isRecord(r)) fail(at, 'is not a run');
    if (typeof r.id !== 'string' || r.id.length === 0 || r.id.length > MAX_ID) fail(`${at}.id`, 'is not a run id');
    if (ids.has(r.id)) fail(`${at}.id`, `repeats the run id "${r.id}"`);
    ids.add(r.id);
    if (!isCount(r.step, MAX_STEPS)) fail(`${at}.step`, `is not a whole number from 0 to ${MAX_STEPS}`);
    // NaN is a run's loss before its first step
    if (typeof r.loss !== 'number') fail(`${at}.loss`, 'is not a number');
    return {
      id: r.id, step: r.step, loss: r.loss,
      variables: checkTensors(r.variables, `${at}.variables`, false),
      optimizer: checkTensors(r.optimizer, `${at}.optimizer`, true),
      ...(r.optimizerKind === undefined ? {} : { optimizerKind: checkOptimizerKind(r.optimizerKind, `${at}.optimizerKind`) }),
      ...(version === 1 ? {} : { head: checkTensors<NamedArray>(r.head, `${at}.head`, true) }),
    };
  });
  const augment = version === 1 ? undefined : checkRng(v.augment);
  return { version, globalStep: v.globalStep, samplesDrawn: v.samplesDrawn, runs, ...(augment ? { augment } : {}) };
}

/** Same names and shapes, in order: what a run's current tensors must match to take saved values. */
export function sameLayout(saved: { name?: string; shape: number[] }[], current: { name?: string; shape: readonly number[] }[]): boolean {
  return saved.length === current.length
    && saved.every((s, i) => s.name === current[i].name && s.shape.length === current[i].shape.length && s.shape.every((d, k) => d === current[i].shape[k]));
}
