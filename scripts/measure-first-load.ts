/**
 * What the built page weighs: every file of dist/ (raw and gzip-compressed bytes), then what a first
 * visit actually fetches, measured in headless Chromium: the default page (MNIST) is opened, Train is
 * pressed once it is enabled, and the visit ends when a plot drawn from training (step > 1) has
 * arrived, so the workers that start with training are counted too.
 *
 *   npm run build && npx tsx scripts/measure-first-load.ts [--dist dist] [--json FILE]
 *
 * Gzip is level 6 (zlib, the level of `gzip -c`); the data files (*.gz) are counted as they are,
 * since a server sends them unchanged. CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../playwright.config';
import { serveStatic } from './staticServer';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const DIST = opt('dist') ?? 'dist';

interface FileSize { file: string; raw: number; gzip: number }

function sizeOf(file: string): FileSize {
  const bytes = readFileSync(join(DIST, file));
  // an already-compressed data file travels as it is
  const gzip = file.endsWith('.gz') ? bytes.length : gzipSync(bytes, { level: 6 }).length;
  return { file, raw: bytes.length, gzip };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(DIST, path)];
  });
}

const kb = (n: number): string => (n / 1024).toFixed(1);

if (!existsSync(join(DIST, 'index.html'))) throw new Error(`no ${DIST}/index.html: run \`npm run build\` first`);

const built = walk(DIST).filter((f) => f === 'index.html' || f.startsWith('assets/')).sort().map(sizeOf);
console.log('| file | raw KiB | gzip KiB |\n| --- | ---: | ---: |');
for (const s of built) console.log(`| ${s.file} | ${kb(s.raw)} | ${kb(s.gzip)} |`);

const server = await serveStatic(DIST, '/');
const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath: existsSync(exe) ? exe : undefined, args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(server.url);
  await page.locator('button:text-is("Train"):not([disabled])').waitFor({ timeout: 180_000 });
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => Number(document.querySelector('[role="figure"][aria-label="Embedding"]')?.getAttribute('data-step') ?? -1) > 1, undefined, { timeout: 180_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
} finally {
  await browser.close();
  await server.close();
}

const fetched = [...new Set(server.requested)].filter((f) => existsSync(join(DIST, f)) && statSync(join(DIST, f)).isFile()).sort().map(sizeOf);
console.log('\nFirst visit (open the page, press Train, until the first plot from training):\n\n| file | raw KiB | gzip KiB |\n| --- | ---: | ---: |');
for (const s of fetched) console.log(`| ${s.file} | ${kb(s.raw)} | ${kb(s.gzip)} |`);
const sum = (xs: FileSize[], k: 'raw' | 'gzip'): number => xs.reduce((a, s) => a + s[k], 0);
const code = fetched.filter((s) => !s.file.endsWith('.gz'));
console.log(`| **code (page + workers + wasm)** | ${kb(sum(code, 'raw'))} | ${kb(sum(code, 'gzip'))} |`);
console.log(`| **everything** | ${kb(sum(fetched, 'raw'))} | ${kb(sum(fetched, 'gzip'))} |`);

const json = opt('json');
if (json) writeFileSync(json, JSON.stringify({ built, fetched }, null, 2) + '\n');
