import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { configHash, openApp, plotState } from './helpers';

/** Export → PNG or SVG of one run (1× for PNG); the file's bytes. */
async function exportRun(page: Page, kind: 'PNG' | 'SVG', run: string): Promise<Buffer> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: kind, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Export ${kind}` });
  await dialog.getByRole('combobox', { name: 'Run' }).selectOption({ label: run });
  if (kind === 'PNG') await dialog.getByRole('radio', { name: '1×' }).check();
  await dialog.getByRole('button', { name: /download/i }).click();
  return readFileSync(await (await download).path());
}

/** Share of the PNG's pixels that are not white (decoded by the browser). */
async function inkShare(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const bmp = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250) ink++;
    return ink / (d.length / 4);
  }, png.toString('base64'));
}

const fig = (page: Page, run: string) => page.getByRole('group', { name: run }).getByRole('figure', { name: 'Embedding' });

/** A hash of the plot canvas's pixels (what is drawn, not what the DOM says). */
async function rawCanvasHash(page: Page, run: string): Promise<number> {
  return fig(page, run).locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 7) h = (h * 31 + d[i]) >>> 0;
    return h;
  });
}

/** The hash once the drawing has settled: points animate to a new snapshot for a moment after it arrives. */
async function canvasHash(page: Page, run: string): Promise<number> {
  let last = await rawCanvasHash(page, run);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(400);
    const next = await rawCanvasHash(page, run);
    if (next === last) return next;
    last = next;
  }
  return last;
}

test('decision regions behind 2-D plots match each run\'s predictions on the test points, and can be turned off', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 1000 }));
  await page.getByRole('button', { name: 'Add run' }).click();
  await page.getByRole('button', { name: 'Add run' }).click();
  const runs = ['Softmax cross-entropy', 'Heated-up softmax', 'Center loss'];
  for (const r of runs) await expect(page.getByRole('group', { name: r })).toBeVisible();
  await page.getByRole('button', { name: 'Train' }).click();
  for (const r of runs) await expect.poll(async () => (await plotState(page, r)).step, { timeout: 90_000 }).toBeGreaterThan(150);
  await page.getByRole('button', { name: 'Pause' }).click();
  // one more snapshot after the pause, so every plot shows settled weights
  await expect(page.getByRole('button', { name: 'Step' })).toBeEnabled();
  const before = await Promise.all(runs.map(async (r) => (await plotState(page, r)).step));
  await page.getByRole('button', { name: 'Step' }).click();
  for (const [i, r] of runs.entries()) await expect.poll(async () => (await plotState(page, r)).step).toBeGreaterThan(before[i]);

  for (const r of runs) {
    const f = fig(page, r);
    await expect(f).toHaveAttribute('data-regions', 'on');
    const points = Number(await f.getAttribute('data-points'));
    expect(points).toBe(1000);
    // every point lies on the grid, and at least 99 % in the region of the class the run predicts for it
    // (the grid is refined where a boundary crosses a point's cell; a point closer to a boundary than a
    // sub-cell can still lie in one whose centre is across it)
    await expect.poll(async () => Number(await f.getAttribute('data-region-points'))).toBe(points);
    const agree = Number(await f.getAttribute('data-region-agreement'));
    const far = Number(await f.getAttribute('data-region-far'));
    console.log(`${r}: ${(100 * agree).toFixed(2)} % of the test points inside the region of their predicted class (${far} off by more than two cells)`);
    expect(agree).toBeGreaterThanOrEqual(0.99);
  }

  // the toggle takes the regions away from that plot only, and brings them back
  const center = page.getByRole('group', { name: 'Center loss' });
  const toggle = center.getByRole('checkbox', { name: 'Decision regions' });
  await expect(toggle).toBeChecked();
  const withRegions = await canvasHash(page, 'Center loss');
  await toggle.uncheck();
  await expect(fig(page, 'Center loss')).toHaveAttribute('data-regions', 'off');
  await expect(fig(page, 'Softmax cross-entropy')).toHaveAttribute('data-regions', 'on');
  expect(await canvasHash(page, 'Center loss')).not.toBe(withRegions);
  const [svgOff, pngOff] = [(await exportRun(page, 'SVG', 'Center loss')).toString(), await exportRun(page, 'PNG', 'Center loss')];
  await toggle.check();
  await expect(fig(page, 'Center loss')).toHaveAttribute('data-regions', 'on');
  expect(await canvasHash(page, 'Center loss')).toBe(withRegions);

  // exports draw what the plot shows: the regions (an image of the grid and the boundaries) when on
  const svgOn = (await exportRun(page, 'SVG', 'Center loss')).toString();
  expect(svgOn).toMatch(/<g class="regions"[^>]*>\s*<image [^>]*href="data:image\/png;base64,/);
  expect(svgOn).toMatch(/<path class="boundaries" d="M[\d.-]+ [\d.-]+L/);
  expect(svgOff).not.toContain('class="regions"');
  const [inkOn, inkOff] = [await inkShare(page, await exportRun(page, 'PNG', 'Center loss')), await inkShare(page, pngOff)];
  console.log(`PNG of the center-loss plot: ${(100 * inkOn).toFixed(1)} % of pixels not white with regions, ${(100 * inkOff).toFixed(1)} % without`);
  expect(inkOn).toBeGreaterThan(inkOff + 0.2);
});

test('no regions for a wider embedding (its plot is a projection)', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 500, embeddingDim: 8 }));
  await page.getByRole('button', { name: 'Step' }).click();
  const f = page.getByRole('figure', { name: 'Embedding' }).first();
  await expect(f).toHaveAttribute('data-points', '500');
  await expect(f).toHaveAttribute('data-regions', 'none');
  await expect(page.getByRole('checkbox', { name: 'Decision regions' })).toHaveCount(0);
});
