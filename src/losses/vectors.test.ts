import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '../engine/tfNode'; // the CPU backend and every gradient, in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { LOSSES } from './index';
import { evaluateCase, vectorKindOwner, type VectorCase, type VectorFile } from './vectorCases';

const file = fileURLToPath(new URL('../../test-data/loss-vectors/vectors.json', import.meta.url));
const data = JSON.parse(readFileSync(file, 'utf8')) as VectorFile;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('reference vectors (the checker\'s code path)', () => {
  it('has cases of every kind the schema lists', () => {
    const kinds = new Set(data.cases.map((c) => c.loss));
    for (const k of ['softmax', 'heated_softmax', 'center', 'triplet', 'pair_binary', 'simplex_centers', 'simplex', 'simplex_hinge', 'simplex_softmax', 'cosface']) {
      expect(kinds.has(k), k).toBe(true);
    }
  });

  it.each(data.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = evaluateCase(c, data.tolerance);
    expect(r.problems).toEqual([]);
    expect(r.pass).toBe(true);
  });
});

describe('each loss folder points at its references', () => {
  const template = (name: string) => readFileSync(fileURLToPath(new URL(`../export/pytorch/templates/${name}`, import.meta.url)), 'utf8');

  it('every case kind belongs to the loss whose definition names it, and every named kind has cases', () => {
    const kinds = new Set(data.cases.map((c) => c.loss));
    for (const kind of kinds) {
      const owner = vectorKindOwner(kind);
      expect(owner, kind).not.toBeNull();
      expect(LOSSES.find((l) => l.id === owner)?.references.vectors, kind).toContain(kind);
    }
    for (const l of LOSSES) for (const kind of l.references.vectors) expect(kinds.has(kind), `${l.id}: ${kind}`).toBe(true);
  });

  it('the PyTorch functions and head a definition names exist in the export\'s templates', () => {
    const losses = template('losses.py');
    const model = template('model.py');
    for (const l of LOSSES) {
      for (const fn of l.references.pytorch) expect(losses, `${l.id}: ${fn}`).toMatch(new RegExp(`^def ${fn}\\(`, 'm'));
      expect(model, l.id).toMatch(new RegExp(`^class ${l.references.pytorchHead}\\(`, 'm'));
      expect(model, l.id).toMatch(new RegExp(`"${l.id}": ${l.references.pytorchHead}\\b`));
    }
  });
});

describe('the checker fails when it should', () => {
  const first = (kind: string): VectorCase => structuredClone(data.cases.find((c) => c.loss === kind)!);

  it('fails an unknown loss kind', () => {
    const c = { ...first('softmax'), id: 'x/0', loss: 'arcface' };
    const r = evaluateCase(c, data.tolerance);
    expect(r.pass).toBe(false);
    expect(r.problems.join()).toMatch(/unknown loss kind "arcface"/);
  });

  it('fails a perturbed expected loss and gradient', () => {
    const c = first('triplet');
    (c.expected as { loss: number }).loss += 0.01;
    expect(evaluateCase(c, data.tolerance).pass).toBe(false);
    const g = first('heated_softmax');
    const grad = (g.expected.grad as { weights: number[][] }).weights;
    grad[0][0] += 0.01;
    const r = evaluateCase(g, data.tolerance);
    expect(r.pass).toBe(false);
    expect(r.problems.join()).toMatch(/grad\.weights/);
  });

  it('fails a simplex_centers case that should have been refused', () => {
    const c = first('simplex_centers');
    c.expected = { error: 'dim < classes-1' };
    expect(evaluateCase(c, data.tolerance).pass).toBe(false);
  });

  it('fails an expected key it does not compute', () => {
    const c = first('softmax');
    c.expected = { ...c.expected, prediction: [0, 1] };
    expect(evaluateCase(c, data.tolerance).problems.join()).toMatch(/prediction: not computed/);
  });
});
