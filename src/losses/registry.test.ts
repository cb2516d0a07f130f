import { describe, expect, it } from 'vitest';
import { LOSSES, defaultChoices, defaultParams, getLoss, rebuildingChoices, resolveChoices, resolveParams } from './index';
import type { LossId } from './types';

describe('loss registry', () => {
  it('keeps every help text short enough for a tooltip (300 characters); evidence lives in docs/losses.md', () => {
    const long = LOSSES.flatMap((l) => [...l.params, ...l.choices].filter((p) => p.help.length > 300).map((p) => `${l.id}.${p.key}: ${p.help.length}`));
    expect(long).toEqual([]);
  });

  it('says which loss draws the unit circle and which mines triplets (nothing else asks its id)', () => {
    expect(LOSSES.filter((l) => l.capabilities.unitCircle).map((l) => l.id)).toEqual(['heated', 'cosface']);
    expect(LOSSES.filter((l) => l.capabilities.minesTriplets).map((l) => l.id)).toEqual(['triplet']);
  });

  it('lists the losses with the labels the UI shows', () => {
    expect(LOSSES.map((l) => [l.id, l.label])).toEqual([
      ['softmax', 'Softmax cross-entropy'],
      ['heated', 'Heated-up softmax'],
      ['center', 'Center loss'],
      ['triplet', 'Triplet regularizer'],
      ['pair', 'Category + binary verification'],
      ['simplex', 'Simplex centers (Nirvana)'],
      ['cosface', 'Additive-margin softmax (CosFace)'],
    ]);
  });

  it('uses the fixed accessible names for α, λ and Margin', () => {
    const label = (id: LossId, key: string) => getLoss(id).params.find((p) => p.key === key)?.label;
    expect(label('heated', 'alpha')).toBe('α');
    for (const id of ['center', 'triplet', 'pair'] as const) expect(label(id, 'lambda')).toBe('λ');
    expect(label('triplet', 'margin')).toBe('Margin');
    expect(label('center', 'centerRate')).toBe('Center rate α_c');
    expect(label('simplex', 'u')).toBe('Radius u');
  });

  it('has defaults inside their ranges, and a help line and citation everywhere', () => {
    expect(defaultParams('center')).toEqual({ lambda: 0.1, centerRate: 0.5 });
    expect(defaultParams('triplet')).toEqual({ lambda: 1, margin: 1 });
    expect(defaultParams('pair')).toEqual({ lambda: 0.5 });
    for (const l of LOSSES) {
      expect(l.paper.length).toBeGreaterThan(10);
      for (const p of l.params) {
        expect(p.min).toBeLessThanOrEqual(p.default);
        expect(p.default).toBeLessThanOrEqual(p.max);
        expect(p.step).toBeGreaterThan(0);
        expect(p.help).not.toBe('');
      }
      for (const c of l.choices) expect(c.options.map((o) => o.value)).toContain(c.default);
    }
  });

  it('offers the choices the heads understand', () => {
    const opts = (id: LossId, key: string) => getLoss(id).choices.find((c) => c.key === key)?.options.map((o) => o.value);
    expect(opts('heated', 'schedule')).toEqual(['constant', 'heatup', 'linear', 'cosine', 'learnable']);
    expect(opts('triplet', 'mining')).toEqual(['batch_all', 'batch_hard', 'semi_hard']);
    expect(opts('triplet', 'distance')).toEqual(['euclidean', 'squared']);
    expect(opts('simplex', 'variant')).toEqual(['mse', 'hinge', 'softmax']);
    expect(opts('simplex', 'dam')).toEqual(['on', 'off']);
    expect(opts('center', 'prediction')).toEqual(['argmax', 'nearest']);
  });

  it('knows the minimum embedding of the simplex without DAM', () => {
    expect(getLoss('simplex').minEmbeddingDim(10, { dam: 'off' })).toBe(9);
    expect(getLoss('simplex').minEmbeddingDim(10, { dam: 'on' })).toBe(1);
    expect(getLoss('softmax').minEmbeddingDim(10, {})).toBe(1);
  });

  it('resolves params by clamping and choices by falling back to defaults', () => {
    expect(resolveParams('triplet', { margin: 99, other: 3 })).toEqual({ lambda: 1, margin: 5 });
    expect(resolveChoices('triplet', { mining: 'bogus', distance: 'squared' })).toEqual({ mining: 'semi_hard', distance: 'squared', embedding: 'raw' });
    expect(defaultChoices('simplex')).toEqual({ variant: 'mse', dam: 'on' });
    expect(() => getLoss('nope' as LossId)).toThrow(/unknown loss/);
  });

  it('marks the choices that change no head variable as not rebuilding, and leaves them out of the structural key', () => {
    const flags = Object.fromEntries(LOSSES.flatMap((l) => l.choices.map((c) => [`${l.id}.${c.key}`, c.rebuild !== false])));
    expect(flags).toEqual({
      'heated.schedule': true, // learnable α adds a variable
      'center.prediction': false,
      'triplet.mining': false, 'triplet.distance': false, 'triplet.embedding': false,
      'simplex.variant': false, 'simplex.dam': true, // DAM adds a layer
    });
    expect(rebuildingChoices('triplet', { mining: 'batch_hard', embedding: 'l2' })).toEqual({});
    expect(rebuildingChoices('simplex', { variant: 'hinge', dam: 'off' })).toEqual({ dam: 'off' });
    expect(rebuildingChoices('simplex')).toEqual({ dam: 'on' });
  });
});
