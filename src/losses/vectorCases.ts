import * as tf from '@tensorflow/tfjs-core';
import { centerVectors } from './center/vectors';
import { cosfaceVectors } from './cosface/vectors';
import type { Nested, Outputs, VectorCase, VectorEvaluators } from './common/vectorInputs';
import { heatedVectors } from './heated/vectors';
import { pairVectors } from './pair/vectors';
import { simplexVectors } from './simplex/vectors';
import { softmaxVectors } from './softmax/vectors';
import { tripletVectors } from './triplet/vectors';
import type { LossId } from './types';

export type { VectorCase } from './common/vectorInputs';

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

/** Each loss's case kinds (its folder's vectors.ts); a loss without an entry does not compile. */
const EVALUATORS: { [K in LossId]: VectorEvaluators } = {
  softmax: softmaxVectors, heated: heatedVectors, center: centerVectors,
  triplet: tripletVectors, pair: pairVectors, simplex: simplexVectors, cosface: cosfaceVectors,
};

/** The loss whose vectors.ts evaluates cases of this kind (registry.test.ts: its definition names it). */
export function vectorKindOwner(kind: string): LossId | null {
  for (const [id, evaluators] of Object.entries(EVALUATORS)) if (Object.hasOwn(evaluators, kind)) return id as LossId;
  return null;
}

function evaluate(c: VectorCase): Outputs {
  const owner = vectorKindOwner(c.loss);
  if (owner === null) throw new Error(`unknown loss kind "${c.loss}"`);
  return EVALUATORS[owner][c.loss](c);
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
