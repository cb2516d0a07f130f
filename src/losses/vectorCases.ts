import * as tf from '@tensorflow/tfjs-core';
import { centerLoss, updateCenters } from './center';
import { heatedSoftmaxLoss } from './heated';
import { MINING_STRATEGIES, type MiningStrategy } from './miners';
import { pairBinaryLoss } from './pair';
import { nearestCenter, simplexCenters, simplexCentersTensor, simplexHingeLoss, simplexHingeTau, simplexMseLoss, simplexSoftmaxLoss } from './simplex';
import { softmaxCrossEntropy } from './softmax';
import { tripletLoss } from './triplet';

/**
 * Evaluates reference cases (test-data/loss-vectors/SCHEMA.md) with the project's own loss functions.
 * Shared by scripts/check-vectors.ts and the unit tests, so both exercise one code path.
 */
export interface VectorFile {
  version: number;
  tolerance: { abs: number; rel: number };
  seed?: number;
  cases: VectorCase[];
}

export interface VectorCase {
  id: string;
  loss: string;
  params: Record<string, unknown>;
  inputs: Record<string, unknown>;
  expected: Record<string, unknown>;
  note?: string;
}

export interface CaseResult {
  id: string;
  pass: boolean;
  /** largest |value − expected| over every compared element */
  worstAbs: number;
  /** largest |value − expected| / (abs + rel·|expected|): ≤ 1 passes */
  worstRatio: number;
  /** what failed, empty when the case passes */
  problems: string[];
}

type Nested = number | Nested[];

/** Result of running one loss: the values to compare, keyed like `expected` ('grad.embeddings'). */
type Outputs = Record<string, Nested>;

class Comparison {
  worstAbs = 0;
  worstRatio = 0;
  problems: string[] = [];
  constructor(private readonly tol: { abs: number; rel: number }) {}

  compare(name: string, actual: Nested | undefined, expected: unknown): void {
    if (actual === undefined) { this.problems.push(`${name}: not computed`); return; }
    const a = flatten(actual);
    const e = flatten(expected as Nested);
    if (a.length !== e.length) { this.problems.push(`${name}: ${a.length} values, expected ${e.length}`); return; }
    let bad = 0;
    for (let i = 0; i < a.length; i++) {
      const diff = Math.abs(a[i] - e[i]);
      const allowed = this.tol.abs + this.tol.rel * Math.abs(e[i]);
      const ratio = Number.isFinite(diff) ? diff / allowed : Infinity;
      this.worstAbs = Math.max(this.worstAbs, Number.isFinite(diff) ? diff : Infinity);
      this.worstRatio = Math.max(this.worstRatio, ratio);
      if (!(ratio <= 1)) bad++;
    }
    if (bad > 0) this.problems.push(`${name}: ${bad} of ${a.length} values outside tolerance`);
  }
}

function flatten(x: Nested): number[] {
  return Array.isArray(x) ? x.flatMap(flatten) : [x];
}

function num(params: Record<string, unknown>, key: string): number {
  const v = params[key];
  if (typeof v !== 'number') throw new Error(`param ${key} missing or not a number`);
  return v;
}

function matrix(inputs: Record<string, unknown>, key: string): tf.Tensor2D {
  const v = inputs[key];
  if (!Array.isArray(v)) throw new Error(`input ${key} missing`);
  return tf.tensor2d(v as number[][], undefined, 'float32');
}

function intVector(inputs: Record<string, unknown>, key: string): tf.Tensor1D {
  const v = inputs[key];
  if (!Array.isArray(v)) throw new Error(`input ${key} missing`);
  return tf.tensor1d(v as number[], 'int32');
}

/** Loss value and gradients w.r.t. the named inputs, as plain arrays. */
function lossAndGrads(
  xs: Record<string, tf.Tensor>, f: (...args: tf.Tensor[]) => tf.Scalar,
): Outputs {
  return tf.tidy(() => {
    const names = Object.keys(xs);
    const tensors = names.map((n) => xs[n]);
    const grads = tf.grads((...args: tf.Tensor[]) => f(...args))(tensors);
    const out: Outputs = { loss: f(...tensors).arraySync() };
    names.forEach((n, i) => { out[`grad.${n}`] = grads[i].arraySync() as Nested; });
    return out;
  });
}

function evaluate(c: VectorCase): Outputs {
  const p = c.params;
  const inp = c.inputs;
  switch (c.loss) {
    case 'softmax': {
      const labels = intVector(inp, 'labels');
      return lossAndGrads({ logits: matrix(inp, 'logits') }, (z) => softmaxCrossEntropy(z as tf.Tensor2D, labels));
    }
    case 'heated_softmax': {
      const labels = intVector(inp, 'labels');
      return lossAndGrads({ embeddings: matrix(inp, 'embeddings'), weights: matrix(inp, 'weights') },
        (f, w) => heatedSoftmaxLoss(f as tf.Tensor2D, w as tf.Tensor2D, labels, num(p, 'alpha'), num(p, 'eps')));
    }
    case 'center': {
      const labels = intVector(inp, 'labels');
      const centers = matrix(inp, 'centers');
      const f = matrix(inp, 'embeddings');
      const out = lossAndGrads({ embeddings: f }, (x) => centerLoss(x as tf.Tensor2D, centers, labels));
      out.centers_after_update = tf.tidy(() => updateCenters(centers, f, labels, num(p, 'alpha_c')).arraySync());
      return out;
    }
    case 'triplet': {
      const labels = intVector(inp, 'labels');
      const mining = p.mining as MiningStrategy;
      if (!MINING_STRATEGIES.includes(mining)) throw new Error(`unknown mining ${String(p.mining)}`);
      if (typeof p.squared !== 'boolean') throw new Error('param squared missing');
      const opts = { margin: num(p, 'margin'), mining, squared: p.squared, eps: num(p, 'eps') };
      return lossAndGrads({ embeddings: matrix(inp, 'embeddings') }, (f) => tripletLoss(f as tf.Tensor2D, labels, opts));
    }
    case 'pair_binary': {
      const labels = intVector(inp, 'labels');
      const pairs = tf.tensor2d(inp.pairs as number[][], undefined, 'int32');
      const w = tf.tensor1d(inp.head_weight as number[], 'float32');
      const b = tf.scalar(inp.head_bias as number, 'float32');
      return lossAndGrads({ embeddings: matrix(inp, 'embeddings') }, (f) => pairBinaryLoss(f as tf.Tensor2D, labels, pairs, w, b));
    }
    case 'simplex_centers':
      return { centers: simplexCenters(num(p, 'classes'), num(p, 'dim'), num(p, 'u')) };
    case 'simplex':
    case 'simplex_hinge':
    case 'simplex_softmax': {
      const labels = intVector(inp, 'labels');
      const f = matrix(inp, 'embeddings');
      const classes = inp.classes as number;
      const dim = f.shape[1];
      const u = num(p, 'u');
      const v = simplexCentersTensor(classes, dim, u);
      if (c.loss === 'simplex') {
        const out = lossAndGrads({ embeddings: f }, (x) => simplexMseLoss(x as tf.Tensor2D, v, labels));
        out.prediction = tf.tidy(() => nearestCenter(f, v).index.arraySync());
        return out;
      }
      if (c.loss === 'simplex_hinge') {
        const tau = simplexHingeTau(classes, dim, u);
        return lossAndGrads({ embeddings: f }, (x) => simplexHingeLoss(x as tf.Tensor2D, v, labels, tau));
      }
      return lossAndGrads({ embeddings: f }, (x) => simplexSoftmaxLoss(x as tf.Tensor2D, v, labels));
    }
    default:
      throw new Error(`unknown loss kind "${c.loss}"`);
  }
}

/** Flattens expected {loss, grad: {embeddings}} into the Outputs keys ('grad.embeddings'). */
function expectedEntries(expected: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(expected)) {
    if (k === 'grad' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [g, gv] of Object.entries(v as Record<string, unknown>)) out.push([`grad.${g}`, gv]);
    } else out.push([k, v]);
  }
  return out;
}

export function evaluateCase(c: VectorCase, tol: { abs: number; rel: number }): CaseResult {
  const cmp = new Comparison(tol);
  const expectsError = typeof c.expected.error === 'string';
  const scope = tf.engine().startScope.bind(tf.engine());
  scope();
  try {
    let outputs: Outputs | null = null;
    try {
      outputs = evaluate(c);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (!expectsError) cmp.problems.push(`threw: ${msg}`);
    }
    if (outputs !== null) {
      if (expectsError) cmp.problems.push(`expected an error (${String(c.expected.error)}) but none was thrown`);
      else for (const [k, v] of expectedEntries(c.expected)) cmp.compare(k, outputs[k], v);
    }
  } finally {
    tf.engine().endScope();
  }
  return { id: c.id, pass: cmp.problems.length === 0, worstAbs: cmp.worstAbs, worstRatio: cmp.worstRatio, problems: cmp.problems };
}

export function formatResult(r: CaseResult): string {
  const dev = `worst |Δ| ${r.worstAbs.toExponential(2)} (${(r.worstRatio * 100).toFixed(1)}% of tolerance)`;
  return r.pass ? `PASS ${r.id}  ${dev}` : `FAIL ${r.id}  ${dev}  — ${r.problems.join('; ')}`;
}
