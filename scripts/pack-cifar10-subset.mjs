#!/usr/bin/env -S npx tsx
// Cuts the real CIFAR-10 subset the app ships out of the official binary archive: the first 1 017
// records of each training batch and of the test batch, packed into public/cifar10/subset/ as gzip +
// manifest.json. The output is committed, so a fresh clone has CIFAR-10 offline; rerun only to check
// or rebuild it:
//   npx tsx scripts/pack-cifar10-subset.mjs [path/to/cifar-10-binary.tar.gz]
// (default: the archive `npm run data:cifar10` downloaded into node_modules/.cache/cifar10/).
// tsx because it reuses the TypeScript parsers of src/data.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const archivePath = resolve(process.argv[2] ?? join(root, 'node_modules', '.cache', 'cifar10', 'cifar-10-binary.tar.gz'));
const outDir = join(root, 'public', 'cifar10', 'subset');

// The subset's published digests (test-data/README.md): another cut would be another subset, and the
// description in the manifest would lie.
const KNOWN = {
  train: { sha256: '9350d8ad5e080874998a7bfd36d95b7a52ce8d8c676c0061f7b47361669d6585', records: 5085 },
  test: { sha256: 'c77ad46116beb3508f55d38aa34893560beae9515f9aca4a4dd0ea3617ac289e', records: 1017 },
};
const PER_BATCH = 1017;
const RECORD = 3073;
const OFFICIAL_BATCH = 10000;

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

if (!existsSync(archivePath)) {
  console.error(`pack-cifar10-subset: no archive at ${archivePath}: run \`npm run data:cifar10\` (it downloads the official one) or pass its path.`);
  process.exit(1);
}
// the official archive's batches are 10 000 records each; the subset is the head of each
const official = archive.extractOfficialArchive(new Uint8Array(readFileSync(archivePath)), archivePath);
const heads = (bin, batches) => {
  const out = new Uint8Array(batches * PER_BATCH * RECORD);
  for (let k = 0; k < batches; k++) {
    out.set(bin.subarray(k * OFFICIAL_BATCH * RECORD, (k * OFFICIAL_BATCH + PER_BATCH) * RECORD), k * PER_BATCH * RECORD);
  }
  return out;
};
const splits = { train: heads(official.train, 5), test: heads(official.test, 1) };
for (const which of ['train', 'test']) {
  const sha = archive.sha256HexSync(splits[which]);
  if (sha !== KNOWN[which].sha256) {
    console.error(`pack-cifar10-subset: the ${which} records cut from ${archivePath} have sha256 ${sha}, expected ${KNOWN[which].sha256}.`);
    process.exit(1);
  }
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
