/**
 * "Your images" speed (issue 27): how long 2 000 webcam-sized images (640×480 JPEG, four classes)
 * take from "Load images…" to a session that can train, in headless Chromium on the built page.
 * The JPEGs are drawn and encoded by the browser (gradients, shapes and sensor-like noise, so they
 * compress like camera frames), zipped as a user would, and chosen in the page's file picker.
 * Prints the decode time the page reports (the decode worker: unzip, decode, crop, resize) and the
 * wall time until Train is enabled (decode, the trial steps and the new session included).
 *
 *   npm run build && npx tsx scripts/measure-own-images.ts [--images 2000] [--width 640] [--height 480] [--keep DIR]
 *
 * --keep DIR keeps the generated zip there and reuses it on the next run (drawing takes a minute).
 *
 * Serves dist/ with `vite preview` itself; CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { zipSync } from 'fflate';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { chromiumArgs } from '../playwright.config';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const IMAGES = opt('images', 2000);
const WIDTH = opt('width', 640);
const HEIGHT = opt('height', 480);
const CLASSES = 4;
const keepAt = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : null;

// A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
const DRAW_JPEGS = `async ({ n, w, h, classes }) => {
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d');
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = [];
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    const g = ctx.createLinearGradient(0, 0, w, h);
    g.addColorStop(0, 'hsl(' + Math.floor(rnd() * 360) + ',40%,' + Math.floor(30 + rnd() * 40) + '%)');
    g.addColorStop(1, 'hsl(' + Math.floor(rnd() * 360) + ',40%,' + Math.floor(30 + rnd() * 40) + '%)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = 'hsl(' + (c * 90) + ',70%,55%)';
    const r = h * (0.15 + rnd() * 0.15);
    const x = w / 2 + (rnd() - 0.5) * w * 0.3;
    const y = h / 2 + (rnd() - 0.5) * h * 0.3;
    ctx.beginPath();
    if (c === 0) ctx.arc(x, y, r, 0, 2 * Math.PI); else if (c === 1) ctx.rect(x - r, y - r, 2 * r, 2 * r);
    else if (c === 2) { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + r); ctx.lineTo(x - r, y + r); } else { ctx.rect(x - r, y - r / 4, 2 * r, r / 2); ctx.rect(x - r / 4, y - r, r / 2, 2 * r); }
    ctx.fill();
    // sensor-like noise, so the frames compress as a camera's do
    const img = ctx.getImageData(0, 0, w, h);
    for (let p = 0; p < img.data.length; p += 4) { const d = (rnd() - 0.5) * 24; img.data[p] += d; img.data[p + 1] += d; img.data[p + 2] += d; }
    ctx.putImageData(img, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let k = 0; k < bytes.length; k += 0x8000) s += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
    out.push(btoa(s));
  }
  return out;
}`;

const server = await preview({ build: { outDir: 'dist' }, preview: { host: '127.0.0.1', port: 0, strictPort: true }, logLevel: 'warn' });
const address = server.httpServer.address();
if (!address || typeof address === 'string') throw new Error('vite preview did not report its port');
const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath: existsSync(exe) ? exe : undefined, args: chromiumArgs });
const dir = mkdtempSync(join(tmpdir(), 'own-images-'));
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript('globalThis.__name = (f) => f');
  const cfg = {
    version: 1, dataset: 'mnist', backend: 'auto', embeddingDim: 2, batchSize: 128, seed: 1, evalSize: 500, augment: true, openSet: [],
    runs: [{ id: 'r1', name: 'Softmax cross-entropy', loss: 'softmax', learningRate: 0.001, params: {}, choices: {} }],
  };
  await page.goto(`http://127.0.0.1:${address.port}/#config=${encodeURIComponent(JSON.stringify(cfg))}`);
  await page.locator('button:text-is("Train"):not([disabled])').waitFor({ timeout: 180_000 });

  const zipPath = join(keepAt ?? dir, `webcam-${IMAGES}-${WIDTH}x${HEIGHT}.zip`);
  if (!existsSync(zipPath)) {
    console.log(`drawing ${IMAGES} JPEGs of ${WIDTH}×${HEIGHT} in the browser…`);
    const jpegs = await page.evaluate(`(${DRAW_JPEGS})(${JSON.stringify({ n: IMAGES, w: WIDTH, h: HEIGHT, classes: CLASSES })})`) as string[];
    const files: Record<string, Uint8Array> = {};
    jpegs.forEach((b64, i) => { files[`webcam/class-${i % CLASSES}/frame-${String(i).padStart(5, '0')}.jpg`] = new Uint8Array(Buffer.from(b64, 'base64')); });
    const zip = zipSync(files, { level: 0 }); // JPEG does not deflate: stored, as zip tools do
    writeFileSync(zipPath, zip);
    const mean = Math.round(Object.values(files).reduce((n, b) => n + b.length, 0) / IMAGES / 1024);
    console.log(`zip: ${(zip.length / 2 ** 20).toFixed(1)} MiB, ${mean} KiB per JPEG`);
  }
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('own-images');
  await page.getByRole('button', { name: 'Load images…' }).waitFor();
  const t0 = Date.now();
  await page.getByLabel('Image files').setInputFiles(zipPath);
  const note = page.getByTestId('own-images-note');
  await note.waitFor({ timeout: 300_000 });
  const decodedAt = Date.now() - t0;
  await page.getByTestId('dataset-description').filter({ hasText: `Your images: ${CLASSES} classes` }).waitFor({ timeout: 300_000 });
  await page.locator('button:text-is("Train"):not([disabled])').waitFor({ timeout: 300_000 });
  const readyAt = Date.now() - t0;
  console.log(`page: "${(await note.textContent())?.trim()}"`);
  console.log(`decoded (note shown) after ${(decodedAt / 1000).toFixed(1)} s; ready to train (Train enabled on the new session) after ${(readyAt / 1000).toFixed(1)} s`);
  console.log(`dataset: ${(await page.getByTestId('dataset-description').textContent())?.trim()}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
