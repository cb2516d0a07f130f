/**
 * Headless Export → PyTorch script:
 *   npm run export:pytorch -- --config FILE --out DIR [--data DIR]
 * FILE is a config file (Export → Config) or an embeddings JSON (it carries its config). Writes the
 * project into DIR; train.py reads the dataset from --data (default: this checkout's public/ files).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../src/export/configFile';
import { pytorchProject } from '../src/export/pytorch/generate';
import { readTemplates } from '../src/export/pytorch/nodeTemplates';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The files the page itself serves for the dataset (the full CIFAR-10 when downloaded, else the subset). */
export function pageDataDir(dataset: string): string {
  if (dataset === 'mnist') return join(root, 'public', 'mnist');
  const full = join(root, 'public', 'cifar10', 'full');
  return existsSync(join(full, 'train.bin.gz')) ? full : join(root, 'public', 'cifar10', 'subset');
}

function main(): number {
  const configPath = arg('config');
  const out = arg('out');
  if (!configPath || !out) {
    console.error('usage: npm run export:pytorch -- --config FILE --out DIR [--data DIR]');
    return 2;
  }
  const config = parseConfigText(readFileSync(configPath, 'utf8'));
  const dataDir = resolve(arg('data') ?? pageDataDir(config.dataset));
  mkdirSync(out, { recursive: true });
  for (const f of pytorchProject(config, readTemplates(), dataDir)) writeFileSync(join(out, f.path), f.text);
  console.log(`wrote ${out}: ${config.runs.length} run(s) on ${config.dataset}; run: /usr/bin/python3 ${join(out, 'train.py')} --steps N [--procs N]`);
  return 0;
}

process.exitCode = main();
