/**
 * One epoch of MNIST in the real page, headless Chromium: the backend the page picks, its training
 * throughput and the test accuracy (2 000 class-balanced test images) after 469 steps of batch 128.
 *
 *   npm run build && npx tsx scripts/measure-epoch.ts [--embedding 2] [--backend auto]
 *
 * Serves dist/ with `vite preview` itself; CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../playwright.config';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const PORT = 4391;
const STEPS = Math.ceil(60000 / 128);

const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
try {
  await new Promise((r) => setTimeout(r, 2500));
  const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath: existsSync(exe) ? exe : undefined, args: chromiumArgs });
  const page = await browser.newPage();
  const cfg = {
    version: 1, dataset: 'mnist', backend: opt('backend', 'auto'), embeddingDim: Number(opt('embedding', '2')), batchSize: 128,
    seed: 1, evalSize: 2000, augment: false, openSet: [],
    runs: [{ id: 'r1', name: 'Softmax cross-entropy', loss: 'softmax', learningRate: 0.001, params: {}, choices: {} }],
  };
  await page.goto(`http://127.0.0.1:${PORT}/#config=${encodeURIComponent(JSON.stringify(cfg))}`);
  // ready when Train is enabled (data loaded, backend chosen)
  await page.locator('button:text-is("Train"):not([disabled])').waitFor({ timeout: 120_000 });
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Train' }).click();
  // pause as soon as the status bar's step counter passes one epoch
  await page.waitForFunction((n) => Number(document.querySelector('[aria-label="Step"]')?.textContent ?? 0) >= n, STEPS, { timeout: 600_000, polling: 20 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const secs = (Date.now() - t0) / 1000;
  await page.getByRole('button', { name: 'Step' }).click(); // one more step gives a fresh snapshot at the stop
  await page.waitForTimeout(1500);
  const backend = await page.getByTestId('backend-name').textContent();
  const throughput = await page.getByLabel('Throughput').textContent();
  const step = await page.locator('[aria-label="Step"]').textContent();
  const acc = await page.getByLabel('Test accuracy', { exact: true }).first().textContent();
  console.log(`backend ${backend}; ${throughput}; step ${step} (1 epoch = ${STEPS}); test accuracy ${acc} on 2 000 test images; wall ${secs.toFixed(1)} s`);
  await browser.close();
} finally {
  server.kill();
}
