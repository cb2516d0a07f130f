/**
 * `npm run docs:pictures`: regenerates the pictures of README.md and docs/guide.md from the built page
 * (dist/), driven in headless Chromium like a user would:
 *
 *   docs/embedding.png       an animated PNG: the "Embedding" figure of the default page (softmax on
 *                            MNIST) as it forms: Step pressed for the first ten steps, then Train
 *                            and Pause at growing intervals, up to one epoch
 *   docs/screenshot.png      the default page after training to 80 % test accuracy
 *   docs/compare.png         three losses side by side (Add run ×2), trained for a while
 *   docs/export-example.svg  Export → SVG of a two-run grid
 *
 *   npm run docs:pictures [-- --only animation,screenshot,compare,export]
 *
 * Nothing else writes these files (the browser tests write what they check under test-results/).
 * CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { configHash } from '../e2e/helpers';
import { chromiumArgs } from '../playwright.config';
import { assembleApng, type ApngFrame } from './docs/apng';
import { serveStatic } from './staticServer';

const PICTURES = ['animation', 'screenshot', 'compare', 'export'] as const;
type Picture = (typeof PICTURES)[number];

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1].split(',') : [...PICTURES];
for (const o of only) if (!(PICTURES as readonly string[]).includes(o)) throw new Error(`--only: unknown picture ${o} (one of ${PICTURES.join(', ')})`);

if (!existsSync('dist/index.html')) throw new Error('no dist/index.html: run `npm run build` first (npm run docs:pictures does)');

/** The first steps, where the embedding changes fastest, one Step press each (each takes seconds: it draws a fresh plot). */
const STEPPED = [0, 1, 2, 3, 4, 6, 8, 10];
/**
 * Then Train, and Pause once the status bar has passed each of these steps, up to one MNIST epoch (469
 * steps of 128): Pause draws the plot at the step it stopped at, which lands a few steps past the mark.
 */
const TRAINED = [14, 18, 24, 30, 38, 48, 60, 75, 95, 120, 150, 190, 240, 300, 380, 469];
const FRAME_MS = 250;
const LAST_FRAME_MS = 2500;

const figure = (page: Page) => page.getByRole('figure', { name: 'Embedding' }).first();
const shownStep = async (page: Page): Promise<number> => Number((await figure(page).getAttribute('data-step')) ?? -1);

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function open(browser: Browser, url: string, hash = ''): Promise<Page> {
  // reduced motion: the plot jumps to each snapshot instead of gliding, so a picture never catches it mid-way
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${String(e)}`));
  // tsx compiles functions handed to the page with esbuild's keepNames, whose __name helper exists only in Node
  await page.addInitScript('globalThis.__name = (f) => f');
  await page.goto(url + hash);
  await page.locator('button:text-is("Train"):not([disabled])').waitFor({ timeout: 180_000 });
  return page;
}

async function testAccuracy(page: Page): Promise<number> {
  const text = (await page.getByLabel('Test accuracy', { exact: true }).first().textContent()) ?? '';
  const m = text.match(/([\d.]+)\s*%/);
  return m ? Number(m[1]) / 100 : NaN;
}

async function pause(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.locator('button:text-is("Train"):not([disabled])').waitFor({ timeout: 60_000 });
}

async function animation(browser: Browser, url: string): Promise<void> {
  const page = await open(browser, url);
  const frames: ApngFrame[] = [];
  const capture = async (step: number): Promise<void> => {
    await page.waitForTimeout(100); // the canvas is painted on the next animation frame
    frames.push({ png: await figure(page).screenshot(), delayMs: FRAME_MS });
    process.stdout.write(`\r  animation: step ${step}, ${frames.length} frames`);
  };
  const stepButton = page.getByRole('button', { name: 'Step', exact: true });
  let at = 0;
  for (const target of STEPPED) {
    while (at < target) {
      await stepButton.click();
      at++;
      await waitFor(`step ${at}`, async () => (await shownStep(page)) === at && (await stepButton.isEnabled()), 60_000);
    }
    await waitFor(`the plot at step ${target}`, async () => (await shownStep(page)) === target, 60_000);
    await capture(target);
  }
  const statusStep = page.getByLabel('Step', { exact: true });
  for (const target of TRAINED) {
    await page.getByRole('button', { name: 'Train' }).click();
    await waitFor(`step ${target}`, async () => Number(await statusStep.textContent()) >= target, 120_000);
    await pause(page);
    const stopped = Number(await statusStep.textContent());
    await waitFor(`the plot at step ${stopped}`, async () => (await shownStep(page)) === stopped, 60_000);
    await capture(stopped);
  }
  frames[frames.length - 1].delayMs = LAST_FRAME_MS;
  const apng = assembleApng(frames);
  writeFileSync('docs/embedding.png', apng);
  // a real decoder must see every frame (WebCodecs' ImageDecoder reads APNG)
  const decoded = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const decoder = new ImageDecoder({ data: bytes, type: 'image/png' });
    await decoder.tracks.ready;
    return decoder.tracks.selectedTrack?.frameCount ?? 0;
  }, Buffer.from(apng).toString('base64'));
  if (decoded !== frames.length) throw new Error(`Chromium decodes ${decoded} frames of docs/embedding.png, not ${frames.length}`);
  console.log(`\n  docs/embedding.png: ${frames.length} frames, ${(apng.length / 1024).toFixed(0)} KiB`);
  await page.context().close();
}

async function screenshot(browser: Browser, url: string): Promise<void> {
  const page = await open(browser, url);
  await page.getByRole('button', { name: 'Train' }).click();
  await waitFor('80 % test accuracy', async () => (await testAccuracy(page)) > 0.8, 300_000);
  await pause(page);
  await page.screenshot({ path: 'docs/screenshot.png', fullPage: false });
  console.log('  docs/screenshot.png');
  await page.context().close();
}

async function compare(browser: Browser, url: string): Promise<void> {
  const page = await open(browser, url, configHash({ evalSize: 1000 }));
  for (const name of ['Heated-up softmax', 'Center loss']) {
    await page.getByRole('button', { name: 'Add run' }).click();
    await page.getByRole('group', { name }).waitFor();
  }
  await page.locator('button:text-is("Train"):not([disabled])').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Train' }).click();
  await waitFor('step 300', async () => (await shownStep(page)) >= 300, 600_000);
  await pause(page);
  await page.screenshot({ path: 'docs/compare.png', fullPage: true });
  console.log('  docs/compare.png');
  await page.context().close();
}

/** The two runs of e2e/export.spec.ts's SVG test: softmax and a center loss with its own settings. */
const TWO_RUNS = [
  { id: 'r1', name: 'Softmax cross-entropy', loss: 'softmax', learningRate: 0.003, params: {}, choices: {} },
  { id: 'r2', name: 'Center loss', loss: 'center', learningRate: 0.002, params: { lambda: 0.05, centerRate: 0.3 }, choices: { prediction: 'nearest' } },
];

async function exportSvg(browser: Browser, url: string): Promise<void> {
  const page = await open(browser, url, configHash({ evalSize: 500, backend: 'wasm', seed: 7 }, TWO_RUNS));
  await page.getByRole('button', { name: 'Train' }).click();
  await waitFor('step 40', async () => (await shownStep(page)) >= 40, 120_000);
  await pause(page);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: 'SVG', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export SVG' });
  await dialog.getByRole('radio', { name: 'All runs (grid)' }).check();
  await dialog.getByRole('button', { name: /download/i }).click();
  const file = await (await download).path();
  writeFileSync('docs/export-example.svg', readFileSync(file));
  console.log('  docs/export-example.svg');
  await page.context().close();
}

const MAKERS: Record<Picture, (browser: Browser, url: string) => Promise<void>> = { animation, screenshot, compare, export: exportSvg };

const server = await serveStatic('dist', '/');
const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath: existsSync(exe) ? exe : undefined, args: chromiumArgs });
try {
  for (const p of PICTURES) if (only.includes(p)) await MAKERS[p](browser, server.url);
} finally {
  await browser.close();
  await server.close();
}
