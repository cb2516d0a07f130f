import { describe, expect, it } from 'vitest';
import { describeClause, evaluateRule, parseRule, RuleError, ruleRuns, verdict, type Rule, type RunFigures } from './rules';

const runs = ['r1', 'r2', 'r3'];
const gt = (metric: string, run: string, other: string | number, by?: number): unknown => ({ compare: { metric, run, greaterThan: other, ...(by === undefined ? {} : { by }) } });
const fig = (step: number, values: RunFigures['values']): RunFigures => ({ step, values });

describe('parseRule', () => {
  it('accepts compare, all and any, and keeps what it read', () => {
    const rule = parseRule({ all: [gt('recall1', 'r2', 'r1', 0.01), { any: [gt('nmi', 'r3', 0.5), { compare: { metric: 'auroc', run: 'r1', lessThan: 'r2' } }] }] }, runs);
    expect(rule).toEqual({ all: [
      { compare: { metric: 'recall1', run: 'r2', greaterThan: 'r1', by: 0.01 } },
      { any: [{ compare: { metric: 'nmi', run: 'r3', greaterThan: 0.5 } }, { compare: { metric: 'auroc', run: 'r1', lessThan: 'r2' } }] },
    ] });
    expect(ruleRuns(rule).sort()).toEqual(['r1', 'r2', 'r3']);
  });

  it.each([
    [null, 'verdict'],
    [{}, 'exactly one'],
    [{ compare: {}, all: [] }, 'exactly one'],
    [{ every: [] }, 'unknown rule "every"'],
    [{ all: [] }, 'verdict.all: expected a non-empty list'],
    [{ compare: { metric: 'loss', run: 'r1', greaterThan: 'r2' } }, 'verdict.compare.metric'],
    [{ compare: { metric: 'nmi', run: 'r9', greaterThan: 'r2' } }, 'verdict.compare.run'],
    [{ compare: { metric: 'nmi', run: 'r1', greaterThan: 'r7' } }, 'verdict.compare.greaterThan'],
    [{ compare: { metric: 'nmi', run: 'r1' } }, 'exactly one of "greaterThan", "lessThan"'],
    [{ compare: { metric: 'nmi', run: 'r1', greaterThan: 'r2', lessThan: 'r3' } }, 'exactly one of'],
    [{ compare: { metric: 'nmi', run: 'r1', greaterThan: 'r1' } }, 'compared with itself'],
    [{ compare: { metric: 'nmi', run: 'r1', greaterThan: 'r2', by: '0.1' } }, 'verdict.compare.by'],
    [{ compare: { metric: 'nmi', run: 'r1', greaterThan: 'r2', margin: 0.1 } }, 'verdict.compare.margin: unknown field'],
    [{ compare: { metric: 'nmi', run: 'r1', greaterThan: 0.5, otherMetric: 'accuracy' } }, 'otherMetric: only against another run'],
    [{ compare: { metric: 'nmi', run: 'r1', greaterThan: 'r2', otherMetric: 'loss' } }, 'verdict.compare.otherMetric'],
    [{ any: [gt('nmi', 'r1', 'r2'), { compare: { metric: 'nmi', run: 'r1', greaterThan: Infinity } }] }, 'verdict.any[1].compare.greaterThan'],
  ])('refuses %j, naming the spot', (rule, message) => {
    expect(() => parseRule(rule, runs)).toThrow(RuleError);
    expect(() => parseRule(rule, runs)).toThrow(message);
  });
});

describe('evaluateRule', () => {
  const values = { r1: { recall1: 0.8, nmi: 0.5, accuracy: 0.9, auroc: null }, r2: { recall1: 0.85, nmi: 0.45, accuracy: 0.895 } };
  const rule = (v: unknown): Rule => parseRule(v, runs);

  it('compares against another run with a margin, and a negative margin is a tolerance', () => {
    expect(evaluateRule(rule(gt('recall1', 'r2', 'r1')), values).holds).toBe(true);
    expect(evaluateRule(rule(gt('recall1', 'r2', 'r1', 0.05)), values).holds).toBe(false); // 0.85 > 0.85 is false
    expect(evaluateRule(rule(gt('recall1', 'r2', 'r1', 0.049)), values).holds).toBe(true);
    expect(evaluateRule(rule(gt('accuracy', 'r2', 'r1')), values).holds).toBe(false);
    expect(evaluateRule(rule(gt('accuracy', 'r2', 'r1', -0.01)), values).holds).toBe(true);
    expect(evaluateRule(rule({ compare: { metric: 'nmi', run: 'r2', lessThan: 'r1', by: 0.04 } }), values).holds).toBe(true);
    expect(evaluateRule(rule({ compare: { metric: 'nmi', run: 'r2', lessThan: 'r1', by: 0.06 } }), values).holds).toBe(false);
    expect(evaluateRule(rule(gt('nmi', 'r1', 0.49)), values).holds).toBe(true);
  });

  it('is unknown (null) where a figure is missing, and all/any combine three-valued', () => {
    expect(evaluateRule(rule(gt('auroc', 'r2', 'r1')), values).holds).toBeNull();
    expect(evaluateRule(rule(gt('nmi', 'r3', 'r1')), values).holds).toBeNull();
    const unknown = gt('nmi', 'r3', 'r1');
    expect(evaluateRule(rule({ all: [gt('recall1', 'r2', 'r1'), unknown] }), values).holds).toBeNull();
    expect(evaluateRule(rule({ all: [gt('nmi', 'r2', 'r1'), unknown] }), values).holds).toBe(false);
    expect(evaluateRule(rule({ any: [gt('nmi', 'r2', 'r1'), unknown] }), values).holds).toBeNull();
    expect(evaluateRule(rule({ any: [gt('recall1', 'r2', 'r1'), unknown] }), values).holds).toBe(true);
    expect(evaluateRule(rule({ any: [gt('nmi', 'r2', 'r1'), gt('accuracy', 'r2', 'r1')] }), values).holds).toBe(false);
  });

  it('reads another metric of the other run with otherMetric, also of the same run', () => {
    const trunk = { r1: { accuracy: 0.9 }, r2: { accuracy: 0.5, trunkAccuracy: 0.92, nmi: 0.6 } };
    const r = evaluateRule(rule({ compare: { metric: 'trunkAccuracy', run: 'r2', greaterThan: 'r1', otherMetric: 'accuracy', by: -0.01 } }), trunk);
    expect(r.clauses[0]).toMatchObject({ left: 0.92, right: 0.9, holds: true });
    expect(describeClause(r.clauses[0], {})).toBe('r2 trunk classifier accuracy 92.0 % > r1 accuracy 90.0 % − 1.0 %');
    expect(evaluateRule(rule({ compare: { metric: 'trunkAccuracy', run: 'r2', greaterThan: 'r2', otherMetric: 'accuracy' } }), trunk).holds).toBe(true);
    expect(evaluateRule(rule({ compare: { metric: 'trunkAccuracy', run: 'r1', greaterThan: 'r2', otherMetric: 'accuracy' } }), trunk).holds).toBeNull();
  });

  it('lists every clause with the figures it read', () => {
    const r = evaluateRule(rule({ all: [gt('recall1', 'r2', 'r1'), gt('nmi', 'r2', 'r1')] }), values);
    expect(r.clauses.map((c) => [c.left, c.right, c.holds])).toEqual([[0.85, 0.8, true], [0.45, 0.5, false]]);
    expect(describeClause(r.clauses[0], { r1: 'Softmax', r2: 'Pair' })).toBe('Pair recall@1 85.0 % > Softmax 80.0 %');
    expect(describeClause(evaluateRule(rule(gt('accuracy', 'r2', 'r1', -0.01)), values).clauses[0], {})).toBe('r2 accuracy 89.5 % > r1 90.0 % − 1.0 %');
  });
});

describe('verdict', () => {
  const rule = parseRule({ all: [gt('recall1', 'r2', 'r1'), gt('accuracy', 'r2', 'r1', -0.01)] }, runs);
  const good = { r1: fig(300, { recall1: 0.8, accuracy: 0.9 }), r2: fig(310, { recall1: 0.82, accuracy: 0.9 }) };
  const bad = { r1: fig(300, { recall1: 0.8, accuracy: 0.9 }), r2: fig(300, { recall1: 0.79, accuracy: 0.9 }) };

  it('waits until every run the rule reads has figures', () => {
    expect(verdict(rule, { r1: good.r1 }, 900)).toMatchObject({ state: 'waiting', step: null });
    expect(verdict(rule, { r1: good.r1, r2: null }, 900).state).toBe('waiting');
  });

  it('holds at the earliest step of the figures read', () => {
    expect(verdict(rule, good, 900)).toMatchObject({ state: 'holds', step: 300, text: 'Holds at step 300' });
    expect(verdict(rule, { ...good, r3: fig(5, {}) }, 900).step).toBe(300); // r3 is not read
    expect(verdict(rule, good, 300).text).toBe('Holds at step 300, the planned length');
  });

  it('is "not yet" before the planned length and "does not hold here" from it on', () => {
    expect(verdict(rule, bad, 900)).toMatchObject({ state: 'not-yet', text: 'Not yet at step 300 of 900' });
    expect(verdict(rule, bad, 300)).toMatchObject({ state: 'does-not-hold', text: 'Does not hold here (step 300 of 300 planned)' });
  });

  it('keeps waiting when a figure the rule needs is not defined for a run', () => {
    const auroc = parseRule(gt('auroc', 'r2', 'r1'), runs);
    expect(verdict(auroc, { r1: fig(10, { auroc: null }), r2: fig(10, { auroc: 0.7 }) }, 5).state).toBe('waiting');
  });
});
