import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleWat, generatedModule, WASM_SOURCES } from './build-wasm';

/** The committed module must be what its .wat assembles to today: otherwise the .wat is not what runs. */
describe('generated WebAssembly modules are up to date with their .wat sources', () => {
  for (const s of WASM_SOURCES) {
    it(`${s.out} is ${s.wat} assembled (if not: npm run build:wasm)`, async () => {
      const expected = generatedModule(s.wat, s.name, await assembleWat(s.wat));
      expect(readFileSync(new URL(`../${s.out}`, import.meta.url), 'utf8') === expected,
        `${s.out} is not what ${s.wat} assembles to: run npm run build:wasm`).toBe(true);
    });
  }

  it('the kernel module exports convPoolGrad and imports only its memory (TF.js\'s heap, or one of its own)', async () => {
    const mod = new WebAssembly.Module(await assembleWat('src/engine/wasm/convPoolGrad.wat'));
    expect(WebAssembly.Module.exports(mod)).toEqual([{ name: 'convPoolGrad', kind: 'function' }]);
    expect(WebAssembly.Module.imports(mod)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
  });

  it('the forward module exports convReluPool and imports only its memory (TF.js\'s heap)', async () => {
    const mod = new WebAssembly.Module(await assembleWat('src/engine/wasm/convReluPool.wat'));
    expect(WebAssembly.Module.exports(mod)).toEqual([{ name: 'convReluPool', kind: 'function' }]);
    expect(WebAssembly.Module.imports(mod)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
  });
});
