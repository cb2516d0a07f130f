import { describe, expect, it } from 'vitest';
import { runBounded } from './bounded';

// Fixed seeds keep runs reproducible; FUZZ_SEED explores others (`FUZZ_SEED=$RANDOM npx vitest run src/testing/fuzz.test.ts`).
const SEED = Number(process.env.FUZZ_SEED ?? 13);
// Generous for a loaded 2-core machine; a hang is what this catches, not slowness.
const LIMIT_MS = 30_000;

const cases: [string, URL, string, number][] = [
  ['tar reader', new URL('./fuzzParsers.ts', import.meta.url), 'fuzzTar', 3000],
  ['gzip reader', new URL('./fuzzParsers.ts', import.meta.url), 'fuzzGzip', 2000],
  ['idx reader', new URL('./fuzzParsers.ts', import.meta.url), 'fuzzIdx', 3000],
  ['CIFAR-10 reader', new URL('./fuzzParsers.ts', import.meta.url), 'fuzzCifar', 2000],
  ['zip reader', new URL('./fuzzParsers.ts', import.meta.url), 'fuzzZip', 2000],
  ['image header reader', new URL('./fuzzParsers.ts', import.meta.url), 'fuzzImageHeader', 3000],
  ['your images: folders to classes', new URL('./fuzzParsers.ts', import.meta.url), 'fuzzOwnPaths', 2000],
  ['config validation', new URL('./fuzzConfig.ts', import.meta.url), 'fuzzValidate', 3000],
  ['URL codec', new URL('./fuzzConfig.ts', import.meta.url), 'fuzzHash', 3000],
];

describe('fuzzing (fast-check): every input accepted or refused with the module\'s own error, none hangs', () => {
  it.each(cases)('%s', async (_label, module, name, runs) => {
    const t0 = performance.now();
    const r = await runBounded(module, name, [runs, SEED], LIMIT_MS);
    console.log(`[fuzz] ${name}: ${runs} inputs, ${r.kind}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    expect(r).toEqual({ kind: 'returned', value: runs });
  }, LIMIT_MS + 10_000);
});
