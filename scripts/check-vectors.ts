/**
 * Checks the project's losses against reference vectors (test-data/loss-vectors/SCHEMA.md):
 *   npx tsx scripts/check-vectors.ts <vectors.json>
 * One line per case; exits 1 if any case fails (an unknown loss kind is a failure, never a skip).
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '../src/engine/tfNode';
import { evaluateCase, formatResult, type VectorFile } from '../src/losses/vectorCases';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx scripts/check-vectors.ts <vectors.json>');
    return 2;
  }
  const data = JSON.parse(readFileSync(file, 'utf8')) as VectorFile;
  if (!Array.isArray(data.cases) || data.cases.length === 0) {
    console.error(`FAIL: ${file} has no cases`);
    return 1;
  }
  // the reference is float64; check what the browser computes: float32 on the plain CPU kernels
  await tf.setBackend('cpu');
  const tol = data.tolerance ?? { abs: 1e-4, rel: 1e-3 };
  let failed = 0;
  for (const c of data.cases) {
    const r = evaluateCase(c, tol);
    if (!r.pass) failed++;
    console.log(formatResult(r));
  }
  const summary = `${data.cases.length - failed}/${data.cases.length} cases pass (tolerance abs ${tol.abs}, rel ${tol.rel})`;
  if (failed > 0) {
    console.error(`\n*** ${failed} FAILED *** ${summary}`);
    return 1;
  }
  console.log(`\n${summary}`);
  return 0;
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
