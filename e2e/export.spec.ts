import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isWebm, pngSize, webmDuration } from '../src/export/inspect';
import { configHash, openApp, plotState } from './helpers';

/** Two runs with non-default parameters, small test set, wasm forced so no backend measuring. */
const RUNS = [
  { id: 'r1', name: 'Softmax cross-entropy', loss: 'softmax', learningRate: 0.003, params: {}, choices: {} },
  { id: 'r2', name: 'Center loss', loss: 'center', learningRate: 0.002, params: { lambda: 0.05, centerRate: 0.3 }, choices: { prediction: 'nearest' } },
];
const TWO = configHash({ evalSize: 500, backend: 'wasm', seed: 7 }, RUNS);
const ONE = configHash({ evalSize: 500, backend: 'wasm' });

type Dialog = (d: Locator) => Promise<void>;

/** Opens Export → item, makes the dialog's choices, downloads; returns the file. */
async function exportFile(page: Page, item: string, choose?: Dialog): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: item, exact: true }).click();
  if (['PNG', 'SVG', 'CSV', 'JSON', 'Video'].includes(item)) {
    const dialog = page.getByRole('dialog', { name: `Export ${item}` });
    await choose?.(dialog);
    await dialog.getByRole('button', { name: /download/i }).click();
  }
  const d = await download;
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

const run = (name: string): Dialog => async (d) => { await d.getByRole('combobox', { name: 'Run' }).selectOption({ label: name }); };
const grid: Dialog = async (d) => { await d.getByRole('radio', { name: 'All runs (grid)' }).check(); };

async function waitForPlots(page: Page, names: string[], points = 500): Promise<void> {
  for (const n of names) await expect.poll(async () => (await plotState(page, n)).points).toBe(points);
}

async function hashConfig(page: Page): Promise<unknown> {
  const hash = await page.evaluate(() => location.hash);
  return JSON.parse(decodeURIComponent(hash.replace(/^#config=/, '')));
}

/** Pixels that are clearly coloured (not white, grey or black): the points, legend swatches, markers. */
async function colouredPixels(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) n++;
    return n;
  }, png.toString('base64'));
}

async function trainBriefly(page: Page, minStep: number): Promise<void> {
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(async () => (await plotState(page)).step, { timeout: 120_000 }).toBeGreaterThanOrEqual(minStep);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
}

test('menu: Export opens a menu with the export items; Escape closes it', async ({ page }) => {
  await openApp(page, ONE);
  const button = page.getByRole('button', { name: 'Export', exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const items = page.getByRole('menu', { name: 'Export' }).getByRole('menuitem');
  await expect(items).toHaveText(['PNG', 'SVG', 'CSV', 'JSON', 'Video', 'Config', 'PyTorch script', 'Copy link']);
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(button).toBeFocused();
});

test('PNG at 1×, 2× and 4× of one run, and of the whole grid', async ({ page }) => {
  await openApp(page, TWO);
  await waitForPlots(page, ['Softmax cross-entropy', 'Center loss']);
  const plotBox = await page.getByRole('group', { name: 'Softmax cross-entropy' }).getByRole('figure', { name: 'Embedding' }).boundingBox();

  const sizes: Record<number, { width: number; height: number }> = {};
  let one: Buffer | null = null;
  for (const scale of [1, 2, 4]) {
    const f = await exportFile(page, 'PNG', async (d) => {
      await run('Softmax cross-entropy')(d);
      await d.getByRole('radio', { name: `${scale}×` }).check();
    });
    const size = pngSize(f.bytes);
    expect(size, `${f.name} is a PNG`).not.toBeNull();
    sizes[scale] = size as { width: number; height: number };
    if (scale === 1) one = f.bytes;
    if (scale === 2) writeFileSync('test-results/export-2x.png', f.bytes); // to look at after a run
    expect(f.name).toMatch(/^embedding-r1-step\d+(@\dx)?\.png$/);
  }
  // the 1× figure is the plot as on screen plus a caption line and padding
  expect(sizes[1].width).toBeGreaterThanOrEqual(Math.round(plotBox?.width ?? 0));
  expect(sizes[1].width).toBeLessThan(Math.round(plotBox?.width ?? 0) + 60);
  for (const s of [2, 4]) expect(sizes[s]).toEqual({ width: sizes[1].width * s, height: sizes[1].height * s });

  const g = await exportFile(page, 'PNG', async (d) => { await grid(d); await d.getByRole('radio', { name: '1×' }).check(); });
  const gs = pngSize(g.bytes);
  expect(g.name).toMatch(/^embeddings-all-step\d+\.png$/);
  expect((gs?.width ?? 0) * (gs?.height ?? 0)).toBeGreaterThan(1.8 * sizes[1].width * sizes[1].height);
  // the points are really drawn: 500 coloured dots in one plot, twice that in the grid
  const single = await colouredPixels(page, one as Buffer);
  expect(single).toBeGreaterThan(1500);
  expect(await colouredPixels(page, g.bytes)).toBeGreaterThan(1.6 * single);
});

test('SVG: parses, one circle per shown point, legend, axes, overlay marks, portable fonts', async ({ page }) => {
  await openApp(page, TWO);
  await trainBriefly(page, 40);
  await waitForPlots(page, ['Softmax cross-entropy', 'Center loss']);

  const f = await exportFile(page, 'SVG', grid);
  const text = f.bytes.toString('utf8');
  const doc = await page.evaluate((svg) => {
    const d = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const panels = Array.from(d.querySelectorAll('g.panel'));
    return {
      error: d.querySelector('parsererror')?.textContent ?? null,
      root: d.documentElement.nodeName,
      captions: panels.map((p) => p.querySelector('text.caption')?.textContent),
      circles: panels.map((p) => p.querySelectorAll('g.points circle').length),
      legend: panels.map((p) => Array.from(p.querySelectorAll('g.legend text'), (t) => t.textContent)),
      ticks: panels.map((p) => p.querySelectorAll('g.axis .tick').length),
      overlay: panels.map((p) => p.querySelectorAll('g.overlay g.mark path').length),
    };
  }, text);
  expect(doc.error).toBeNull();
  expect(doc.root).toBe('svg');
  expect(doc.captions).toEqual(['Softmax cross-entropy', 'Center loss']);
  expect(doc.circles).toEqual([500, 500]);
  for (const l of doc.legend) expect(l).toEqual(expect.arrayContaining(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']));
  for (const t of doc.ticks) expect(t).toBeGreaterThanOrEqual(6);
  expect(doc.overlay).toEqual([10, 10]);
  expect(text).not.toContain('system-ui');
  expect(text).toContain('Liberation Sans');
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/export-example.svg', text); // to look at after a run; npm run docs:pictures makes the one in docs/

  const single = await exportFile(page, 'SVG', run('Center loss'));
  const points = single.bytes.toString('utf8').split('<g class="points"')[1].split('</g>')[0];
  expect(points.match(/<circle /g)).toHaveLength(500);
});

test('CSV and JSON: one row per test point with full and projected coordinates', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 500, backend: 'wasm', embeddingDim: 3 }));
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await plotState(page)).step).toBe(1);

  const csv = (await exportFile(page, 'CSV')).bytes.toString('utf8').trimEnd().split('\n');
  expect(csv[0]).toBe('id,label,label_name,prediction,prediction_name,f1,f2,f3,x,y');
  expect(csv).toHaveLength(501);
  const rows = csv.slice(1).map((l) => l.split(','));
  expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 500 }, (_, i) => i));
  for (const r of rows) {
    expect(r).toHaveLength(10);
    for (const v of r.slice(5)) expect(Number.isFinite(Number(v))).toBe(true);
  }
  // class-balanced test set: every digit appears
  expect(new Set(rows.map((r) => r[1])).size).toBe(10);

  const f = await exportFile(page, 'JSON');
  expect(f.name).toBe('embedding-r1-step1.json');
  const doc = JSON.parse(f.bytes.toString('utf8'));
  expect(doc.step).toBe(1);
  expect(doc.dim).toBe(3);
  // a 3-D run is shown in the turnable 3-D view; xy are the coordinates of the view on screen
  expect(doc.projection.kind).toBe('view3d');
  expect(doc.config).toEqual(await hashConfig(page));
  expect(doc.points).toHaveLength(500);
  expect(doc.points[7].embedding).toHaveLength(3);
  expect(doc.points[7].embedding.map(String)).toEqual(rows[7].slice(5, 8));
  expect(doc.points[7].xy.map(String)).toEqual(rows[7].slice(8, 10));
  expect(String(doc.points[7].label)).toBe(rows[7][1]);
  // the projection is a real 2-D view of the 3-D embedding, not a copy of two of its columns
  expect(doc.points.some((p: { embedding: number[]; xy: number[] }) => Math.abs(p.xy[0] - p.embedding[0]) > 1e-3)).toBe(true);
});

test('Video: WebM of the real snapshot sequence, with progress', async ({ page }) => {
  await openApp(page, ONE);
  await trainBriefly(page, 30);
  await page.evaluate(() => {
    const w = window as unknown as { sawProgress: boolean };
    w.sawProgress = false;
    new MutationObserver(() => { if (document.querySelector('progress[aria-label="Encoding video"]')) w.sawProgress = true; })
      .observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const f = await exportFile(page, 'Video');
  expect(f.name).toMatch(/^training-r1-steps0-\d+\.webm$/);
  expect(isWebm(f.bytes)).toBe(true);
  const seconds = webmDuration(f.bytes);
  expect(seconds).toBeGreaterThan(1);
  const notice = await page.getByRole('status').filter({ hasText: 'Saved training-' }).textContent();
  console.log(`[export] video: ${notice}; ${f.bytes.length} bytes, ${seconds?.toFixed(2)} s`);
  expect(notice).toMatch(/\d+ frames, webcodecs-vp[89]/);
  expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);
  // and a browser can play it: its decoder reads the same duration
  const played = await page.evaluate(async (b64) => {
    const v = document.createElement('video');
    v.src = URL.createObjectURL(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'video/webm' }));
    await new Promise((ok, fail) => { v.onloadedmetadata = ok; v.onerror = () => fail(new Error(String(v.error?.message))); });
    return { duration: v.duration, width: v.videoWidth, height: v.videoHeight };
  }, f.bytes.toString('base64'));
  expect(played.duration).toBeCloseTo(seconds ?? 0, 0);
  expect(played.width % 2).toBe(0);
});

test('Video without WebCodecs falls back to MediaRecorder', async ({ page }) => {
  await page.addInitScript(() => { delete (window as unknown as { VideoEncoder?: unknown }).VideoEncoder; });
  await openApp(page, ONE);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await plotState(page)).step).toBe(1);
  const f = await exportFile(page, 'Video');
  expect(f.bytes.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
  await expect(page.getByRole('status').filter({ hasText: 'mediarecorder' })).toBeVisible();
});

test('config file and copied link restore the set-up, and the same seed gives the same trajectory', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, TWO);
  const original = await hashConfig(page);

  const file = await exportFile(page, 'Config');
  expect(file.name).toBe('playground-config.json');
  expect(JSON.parse(file.bytes.toString('utf8'))).toEqual(original);

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Copy link' }).click();
  await expect(page.getByRole('status')).toHaveText('Link copied to the clipboard');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#config=');

  // the file, loaded into a fresh page with the default set-up
  const fresh = await context.newPage();
  await openApp(fresh);
  await expect(fresh.getByRole('group', { name: 'Center loss' })).toHaveCount(0);
  const chooser = fresh.waitForEvent('filechooser');
  await fresh.getByRole('button', { name: 'Load config…' }).click();
  await (await chooser).setFiles({ name: 'playground-config.json', mimeType: 'application/json', buffer: file.bytes });
  await expect(fresh.getByRole('group', { name: 'Center loss' })).toBeVisible();
  await expect(fresh.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
  expect(await hashConfig(fresh)).toEqual(original);
  await expect(fresh.getByRole('group', { name: 'Center loss' }).getByRole('combobox', { name: 'Prediction' })).toHaveValue('nearest');
  await fresh.close();

  // the link, opened in another page: same set-up, and three steps land on the same embedding
  const linked = await context.newPage();
  await openApp(linked, link.slice(link.indexOf('#')));
  expect(await hashConfig(linked)).toEqual(original);
  const checksums = async (p: Page) => {
    for (let s = 1; s <= 3; s++) {
      await p.getByRole('button', { name: 'Step' }).click();
      await expect.poll(async () => (await plotState(p, 'Center loss')).step).toBe(s);
      await expect.poll(async () => (await plotState(p, 'Softmax cross-entropy')).step).toBe(s);
    }
    return [(await plotState(p, 'Softmax cross-entropy')).checksum, (await plotState(p, 'Center loss')).checksum];
  };
  const a = await checksums(linked);
  const b = await checksums(page);
  expect(a.every(Number.isFinite)).toBe(true);
  expect(b).toEqual(a);
});

test('a hand-edited config file or link is rejected naming the field, and nothing is lost', async ({ page }) => {
  await openApp(page, TWO);
  const before = await hashConfig(page);
  const load = async (name: string, text: string) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Load config…' }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  };
  const bad = structuredClone(before) as { runs: { params: Record<string, number> }[] };
  bad.runs[1].params.lambda = 50;
  await load('edited.json', JSON.stringify(bad));
  await expect(page.getByRole('alert').filter({ hasText: 'edited.json' })).toContainText('runs[1].params.lambda');
  await load('broken.json', '{"version": 1, "runs": [');
  await expect(page.getByRole('alert').filter({ hasText: 'broken.json' })).toContainText('not valid JSON');
  // a bad link pasted into this tab (hash change only)
  await page.evaluate(() => { location.hash = '#config=' + encodeURIComponent(JSON.stringify({ version: 1, dataset: 'svhn' })); });
  await expect(page.getByRole('alert').filter({ hasText: "link's settings" })).toContainText('dataset');
  expect(await hashConfig(page)).toEqual(before);
  await expect(page.getByRole('group', { name: 'Center loss' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();

  // a bad link opened fresh: the default set-up with the field named
  const other = await page.context().newPage();
  await openApp(other, configHash({ evalSize: 500, backend: 'wasm', batchSize: 7 }));
  await expect(other.getByRole('alert').filter({ hasText: "link's settings" })).toContainText('batchSize');
});
