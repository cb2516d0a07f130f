/**
 * The verdict rules of the presets: a small declarative language over each run's metrics, checked when
 * a preset file is read and evaluated on every new set of metrics (page) or on the final table
 * (headless). Pure functions of plain data, so the same rule gives the same verdict everywhere.
 *
 *   { "compare": { "metric": "recall1", "run": "r4", "greaterThan": "r1", "by": 0.0 } }
 *   { "compare": { "metric": "accuracy", "run": "r2", "greaterThan": "r1", "by": -0.01 } }   r2 ≥ r1 − 1 point
 *   { "compare": { "metric": "auroc", "run": "r2", "greaterThan": 0.9 } }                      against a number
 *   { "all": [rule, …] }   { "any": [rule, …] }
 *
 * greaterThan: value(run) > value(other) + by; lessThan: value(run) < value(other) − by. A negative `by`
 * is a tolerance ("not worse by more than"). `otherMetric` reads another metric of the other run, for
 * figures that go by different names, e.g. the triplet run's trunk classifier against softmax's accuracy:
 *   { "compare": { "metric": "trunkAccuracy", "run": "r2", "greaterThan": "r1", "otherMetric": "accuracy" } }
 */

export const RULE_METRICS = ['accuracy', 'recall1', 'nmi', 'mapAtR', 'auroc', 'trunkAccuracy', 'unseenRecall1', 'unseenMapAtR'] as const;
export type RuleMetric = (typeof RULE_METRICS)[number];

export const METRIC_LABELS: Record<RuleMetric, string> = {
  accuracy: 'accuracy', recall1: 'recall@1', nmi: 'NMI', mapAtR: 'MAP@R', auroc: 'open-set AUROC', trunkAccuracy: 'trunk classifier accuracy',
  unseenRecall1: 'recall@1 on unseen classes', unseenMapAtR: 'MAP@R on unseen classes',
};

export interface Compare {
  metric: RuleMetric;
  run: string;
  greaterThan?: string | number;
  lessThan?: string | number;
  by?: number;
  /** the metric read from the other run (default: `metric`) */
  otherMetric?: RuleMetric;
}

export type Rule = { compare: Compare } | { all: Rule[] } | { any: Rule[] };

/** One run's figures as the rules read them; null where the run has no such figure (e.g. AUROC without held-out classes). */
export type RuleValues = Partial<Record<RuleMetric, number | null>>;

export class RuleError extends Error {
  constructor(readonly path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'RuleError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a rule from a preset file; run ids must be among `runIds`. Throws RuleError naming the spot. */
export function parseRule(v: unknown, runIds: readonly string[], path = 'verdict'): Rule {
  if (!isObject(v)) throw new RuleError(path, 'expected an object with "compare", "all" or "any"');
  const keys = Object.keys(v);
  if (keys.length !== 1) throw new RuleError(path, `expected exactly one of "compare", "all", "any", got ${keys.join(', ') || 'none'}`);
  if ('all' in v || 'any' in v) {
    const kind = 'all' in v ? 'all' : 'any';
    const list = v[kind];
    if (!Array.isArray(list) || list.length === 0) throw new RuleError(`${path}.${kind}`, 'expected a non-empty list of rules');
    const rules = list.map((r, i) => parseRule(r, runIds, `${path}.${kind}[${i}]`));
    return kind === 'all' ? { all: rules } : { any: rules };
  }
  if (!('compare' in v)) throw new RuleError(path, `unknown rule "${keys[0]}"; expected "compare", "all" or "any"`);
  const c = v.compare;
  const at = `${path}.compare`;
  if (!isObject(c)) throw new RuleError(at, 'expected an object');
  for (const k of Object.keys(c)) {
    if (!['metric', 'run', 'greaterThan', 'lessThan', 'by', 'otherMetric'].includes(k)) throw new RuleError(`${at}.${k}`, 'unknown field');
  }
  if (!RULE_METRICS.includes(c.metric as RuleMetric)) throw new RuleError(`${at}.metric`, `expected one of ${RULE_METRICS.join(', ')}`);
  const run = (field: string, r: unknown): string => {
    if (typeof r !== 'string' || !runIds.includes(r)) throw new RuleError(`${at}.${field}`, `expected a run id of this preset (${runIds.join(', ')})`);
    return r;
  };
  const other = (field: string, o: unknown): string | number => {
    if (typeof o === 'number') {
      if (!Number.isFinite(o)) throw new RuleError(`${at}.${field}`, 'expected a finite number');
      return o;
    }
    return run(field, o);
  };
  const out: Compare = { metric: c.metric as RuleMetric, run: run('run', c.run) };
  const hasGt = c.greaterThan !== undefined;
  const hasLt = c.lessThan !== undefined;
  if (hasGt === hasLt) throw new RuleError(at, 'expected exactly one of "greaterThan", "lessThan"');
  if (hasGt) out.greaterThan = other('greaterThan', c.greaterThan);
  else out.lessThan = other('lessThan', c.lessThan);
  if (c.by !== undefined) {
    if (typeof c.by !== 'number' || !Number.isFinite(c.by) || Math.abs(c.by) > 1) throw new RuleError(`${at}.by`, 'expected a number in [-1, 1]');
    out.by = c.by;
  }
  if (c.otherMetric !== undefined) {
    if (!RULE_METRICS.includes(c.otherMetric as RuleMetric)) throw new RuleError(`${at}.otherMetric`, `expected one of ${RULE_METRICS.join(', ')}`);
    if (typeof (out.greaterThan ?? out.lessThan) !== 'string') throw new RuleError(`${at}.otherMetric`, 'only against another run');
    out.otherMetric = c.otherMetric as RuleMetric;
  }
  if ((out.run === out.greaterThan || out.run === out.lessThan) && (out.otherMetric ?? out.metric) === out.metric) {
    throw new RuleError(at, 'a run compared with itself');
  }
  return { compare: out };
}

/** The run ids a rule reads (its verdict waits for all of them). */
export function ruleRuns(rule: Rule): string[] {
  if ('all' in rule) return [...new Set(rule.all.flatMap(ruleRuns))];
  if ('any' in rule) return [...new Set(rule.any.flatMap(ruleRuns))];
  const c = rule.compare;
  const other = c.greaterThan ?? c.lessThan;
  return typeof other === 'string' ? [c.run, other] : [c.run];
}

/** true / false, or null where a figure is missing (not measured yet, or not defined for the run). */
export type Truth = boolean | null;

export interface ClauseResult {
  compare: Compare;
  holds: Truth;
  left: number | null;
  right: number | null;
}

function value(values: Readonly<Record<string, RuleValues>>, run: string, metric: RuleMetric): number | null {
  const v = Object.prototype.hasOwnProperty.call(values, run) ? values[run][metric] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Evaluates a rule; `clauses` lists every comparison (in the rule's order) with the figures it used. */
export function evaluateRule(rule: Rule, values: Readonly<Record<string, RuleValues>>): { holds: Truth; clauses: ClauseResult[] } {
  if ('all' in rule || 'any' in rule) {
    const parts = ('all' in rule ? rule.all : rule.any).map((r) => evaluateRule(r, values));
    const clauses = parts.flatMap((p) => p.clauses);
    const truths = parts.map((p) => p.holds);
    let holds: Truth;
    if ('all' in rule) holds = truths.includes(false) ? false : truths.includes(null) ? null : true;
    else holds = truths.includes(true) ? true : truths.includes(null) ? null : false;
    return { holds, clauses };
  }
  const c = rule.compare;
  const by = c.by ?? 0;
  const left = value(values, c.run, c.metric);
  const target = c.greaterThan ?? c.lessThan;
  const right = typeof target === 'number' ? target : target === undefined ? null : value(values, target, c.otherMetric ?? c.metric);
  let holds: Truth = null;
  if (left !== null && right !== null) holds = c.greaterThan !== undefined ? left > right + by : left < right - by;
  return { holds, clauses: [{ compare: c, holds, left, right }] };
}

export type VerdictState = 'waiting' | 'holds' | 'not-yet' | 'does-not-hold';

export interface Verdict {
  state: VerdictState;
  /** the training step of the figures the verdict read (the earliest of the runs involved) */
  step: number | null;
  text: string;
  clauses: ClauseResult[];
}

export interface RunFigures {
  /** the step at which these figures were measured */
  step: number;
  values: RuleValues;
}

/**
 * The live verdict: the rule on the latest figures of the runs it reads. Before the planned length a
 * rule that fails is "not yet"; from the planned step on it "does not hold here". Figures of runs at
 * different steps are read at the earliest of those steps.
 */
export function verdict(rule: Rule, figures: Readonly<Record<string, RunFigures | null | undefined>>, plannedSteps: number): Verdict {
  const runs = ruleRuns(rule);
  const have = runs.map((r) => (Object.prototype.hasOwnProperty.call(figures, r) ? figures[r] : null));
  const values: Record<string, RuleValues> = {};
  runs.forEach((r, i) => { const f = have[i]; if (f) values[r] = f.values; });
  const { holds, clauses } = evaluateRule(rule, values);
  if (have.some((f) => !f)) return { state: 'waiting', step: null, text: 'Waiting for the first metrics', clauses };
  const step = Math.min(...have.map((f) => (f as RunFigures).step));
  const done = step >= plannedSteps;
  if (holds === true) return { state: 'holds', step, text: `Holds at step ${step}${done ? ', the planned length' : ''}`, clauses };
  if (holds === null) return { state: 'waiting', step, text: `Waiting for the metrics the claim needs (step ${step})`, clauses };
  if (done) return { state: 'does-not-hold', step, text: `Does not hold here (step ${step} of ${plannedSteps} planned)`, clauses };
  return { state: 'not-yet', step, text: `Not yet at step ${step} of ${plannedSteps}`, clauses };
}

const pct = (v: number | null, metric: RuleMetric): string => {
  if (v === null) return '–';
  return metric === 'nmi' || metric === 'mapAtR' || metric === 'auroc' || metric === 'unseenMapAtR' ? v.toFixed(3) : `${(100 * v).toFixed(1)} %`;
};

/** One clause in words with its figures, e.g. "Heat-up recall@1 93.1 % > α = 64 90.2 %". */
export function describeClause(c: ClauseResult, names: Readonly<Record<string, string>>): string {
  const name = (id: string) => (Object.prototype.hasOwnProperty.call(names, id) ? names[id] : id);
  const cmp = c.compare;
  const target = cmp.greaterThan ?? cmp.lessThan;
  const by = cmp.by ?? 0;
  const op = cmp.greaterThan !== undefined ? '>' : '<';
  const slack = by === 0 ? '' : cmp.greaterThan !== undefined ? ` ${by > 0 ? '+' : '−'} ${pct(Math.abs(by), cmp.metric)}` : ` ${by > 0 ? '−' : '+'} ${pct(Math.abs(by), cmp.metric)}`;
  const otherLabel = cmp.otherMetric && cmp.otherMetric !== cmp.metric ? ` ${METRIC_LABELS[cmp.otherMetric]}` : '';
  const right = typeof target === 'number' ? pct(target, cmp.metric) : `${name(String(target))}${otherLabel} ${pct(c.right, cmp.otherMetric ?? cmp.metric)}`;
  return `${name(cmp.run)} ${METRIC_LABELS[cmp.metric]} ${pct(c.left, cmp.metric)} ${op} ${right}${slack}`;
}
