// Test helper (not shipped): property-based fuzzing of config validation and the URL codec, run by
// fuzz.test.ts in a time-bounded worker thread. Every input must be accepted (and then survive a
// round trip unchanged) or refused with a ConfigError, or for the link a JSON error, with a short
// message.
import fc from 'fast-check';
import { LOSSES } from '../losses';
import { defaultRun } from '../store/runs';
import { defaultConfig } from '../store/store';
import { configFromHash, configToHash } from '../store/urlHash';
import { ConfigError, validateConfig } from '../store/validate';

function shortMessage(err: Error): void {
  if (!err.message || err.message.length > 400) throw new Error(`message of ${err.message.length} characters: ${err.message.slice(0, 200)}`);
}

const anyValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom('constructor', '__proto__', 'toString', NaN, Infinity, -1, 1e308, 2 ** 31, '', null),
  fc.string({ minLength: 500, maxLength: 2000 }),
);

const field = fc.constantFrom('version', 'dataset', 'backend', 'embeddingDim', 'batchSize', 'seed', 'evalSize', 'augment', 'openSet', 'imageSet', 'runs', '__proto__');
const runField = fc.constantFrom('id', 'name', 'loss', 'learningRate', 'params', 'choices');

/** The default config with a few fields (top-level or in a run) replaced by arbitrary values. */
const nearlyValid = fc.record({
  loss: fc.constantFrom(...LOSSES.map((l) => l.id)),
  top: fc.array(fc.tuple(field, anyValue), { maxLength: 2 }),
  run: fc.array(fc.tuple(runField, anyValue), { maxLength: 2 }),
  param: fc.option(fc.tuple(fc.string({ maxLength: 12 }), anyValue), { nil: undefined }),
}).map(({ loss, top, run, param }) => {
  const r: Record<string, unknown> = { ...defaultRun(loss, 'r1') };
  for (const [k, v] of run) r[k] = v;
  if (param && typeof r.params === 'object' && r.params !== null) r.params = { ...(r.params as object), [param[0]]: param[1] };
  const c: Record<string, unknown> = { ...defaultConfig(), runs: [r] };
  for (const [k, v] of top) c[k] = v;
  // through JSON, as a link or a file delivers it (undefined, functions, NaN do not survive)
  try { return JSON.parse(JSON.stringify(c)) as unknown; } catch { return c; }
});

export function fuzzValidate(numRuns: number, seed: number): number {
  fc.assert(fc.property(fc.oneof(nearlyValid, anyValue), (input) => {
    let c;
    try {
      c = validateConfig(input);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw new Error(`threw ${String(err)} instead of a ConfigError`, { cause: err });
      shortMessage(err);
      return;
    }
    const again = validateConfig(JSON.parse(JSON.stringify(c)));
    if (JSON.stringify(again) !== JSON.stringify(c)) throw new Error('an accepted config changed on a second validation');
  }), { numRuns, seed });
  return numRuns;
}

export function fuzzHash(numRuns: number, seed: number): number {
  const hash = fc.oneof(
    fc.string({ maxLength: 200 }).map((s) => `#config=${s}`),
    fc.string({ maxLength: 200 }).map((s) => `#config=${encodeURIComponent(s)}`),
    nearlyValid.map((c) => `#config=${encodeURIComponent(JSON.stringify(c))}`),
    fc.string({ maxLength: 50 }),
  );
  fc.assert(fc.property(hash, (h) => {
    let c;
    try {
      c = configFromHash(h);
    } catch (err) {
      if (!(err instanceof Error)) throw new Error(`threw a non-Error ${String(err)}`, { cause: err });
      const expected = err instanceof ConfigError || /^The link's config is not valid JSON \(/.test(err.message);
      if (!expected) throw new Error(`unexpected ${err.name}: ${err.message}`, { cause: err });
      shortMessage(err);
      return;
    }
    if (c === null) {
      if (h.startsWith('#config=')) throw new Error('a #config= link read as no config');
      return;
    }
    const back = configFromHash(configToHash(c));
    if (JSON.stringify(back) !== JSON.stringify(c)) throw new Error('round trip through the link changed the config');
  }), { numRuns, seed });
  return numRuns;
}
