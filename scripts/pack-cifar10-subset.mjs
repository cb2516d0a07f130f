#!/usr/bin/env -S npx tsx
// Packs the real CIFAR-10 subset (../shared/data/cifar10/{train,test}.bin, see its README) into
// public/cifar10/subset/ as gzip + manifest.json. The output is committed, so a fresh clone has
// CIFAR-10 offline; rerun only if the subset changes:  npx tsx scripts/pack-cifar10-subset.mjs [dir]
// (tsx because it reuses the TypeScript parsers of src/data).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = resolve(process.argv[2] ?? join(root, '..', 'shared', 'data', 'cifar10'));
const outDir = join(root, 'public', 'cifar10', 'subset');

// From the subset's README: a different file is a different subset, and the description would lie.
const KNOWN = {
  train: { sha256: '9350d8ad5e080874998a7bfd36d95b7a52ce8d8c676c0061f7b47361669d6585', records: 5085 },
  test: { sha256: 'c77ad46116beb3508f55d38aa34893560beae9515f9aca4a4dd0ea3617ac289e', records: 1017 },
};
const PER_BATCH = 1017;

let archive;
try {
  archive = await import('./cifar10-archive.ts');
} catch (err) {
  if (err?.code === 'ERR_UNKNOWN_FILE_EXTENSION') {
    console.error('pack-cifar10-subset: run me with tsx: `npx tsx scripts/pack-cifar10-subset.mjs`');
    process.exit(1);
  }
  throw err;
}

const splits = {};
for (const which of ['train', 'test']) {
  const file = join(srcDir, `${which}.bin`);
  const bytes = new Uint8Array(readFileSync(file));
  const sha = archive.sha256HexSync(bytes);
  if (sha !== KNOWN[which].sha256) {
    console.error(`pack-cifar10-subset: ${file} has sha256 ${sha}, expected ${KNOWN[which].sha256} (the README's).`);
    process.exit(1);
  }
  splits[which] = bytes;
}
const manifest = archive.packCifar(
  outDir,
  splits,
  'subset',
  archive.subsetDescription(KNOWN.train.records, KNOWN.test.records, PER_BATCH),
);
for (const which of ['train', 'test']) {
  const size = statSync(join(outDir, manifest[which].file)).size;
  console.log(`pack-cifar10-subset: ${manifest[which].file}: ${manifest[which].records} records, ${(size / 1e6).toFixed(2)} MB`);
}
