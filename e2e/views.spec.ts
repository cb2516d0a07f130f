import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { configHash, openApp, plotState } from './helpers';

/** Export → PNG or SVG of the one run (1× for PNG); the file's bytes. */
async function exportRun(page: Page, kind: 'PNG' | 'SVG'): Promise<Buffer> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: kind, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Export ${kind}` });
  if (kind === 'PNG') await dialog.getByRole('radio', { name: '1×' }).check();
  await dialog.getByRole('button', { name: /download/i }).click();
  return readFileSync(await (await download).path());
}

/**
 * Export → Video of the one run; the confirmation line and the checksum of the last frame's plotted
 * coordinates (the plot's data-checksum when the frame shows what the plot shows).
 */
async function exportVideo(page: Page): Promise<{ notice: string; lastFrame: number }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: 'Video', exact: true }).click();
  await page.getByRole('dialog', { name: 'Export Video' }).getByRole('button', { name: /download/i }).click();
  expect((await download).suggestedFilename()).toMatch(/\.webm$/);
  const status = page.getByRole('status').filter({ hasText: 'Saved training-' });
  return { notice: (await status.textContent()) ?? '', lastFrame: Number(await status.getAttribute('data-frame-checksum')) };
}

/** The exported SVG's points, as "cx,cy" strings in draw order. */
function svgPoints(svg: string): string[] {
  const g = svg.split('<g class="points"')[1].split('</g>')[0];
  return [...g.matchAll(/<circle cx="([\d.-]+)" cy="([\d.-]+)"/g)].map((m) => `${m[1]},${m[2]}`);
}

const HEATED = [{ id: 'r1', name: 'Heated-up softmax', loss: 'heated', learningRate: 0.001, params: {}, choices: {} }];

test('embedding size 3: a 3-D view that turns with the keyboard, and exports the view on screen', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 500, embeddingDim: 3, backend: 'wasm' }, HEATED));
  await page.getByRole('button', { name: 'Step' }).click();
  // the view must not change under the keys by itself: wait for the step's snapshot
  await expect.poll(async () => (await plotState(page)).step).toBe(1);
  const fig = page.getByRole('figure', { name: 'Embedding' });
  await expect(fig).toHaveAttribute('data-view', '3d');
  await expect(fig).toHaveAttribute('data-points', '500');
  await expect(page.getByRole('combobox', { name: 'Projection' })).toHaveValue('pca');
  await expect(page.getByRole('combobox', { name: 'Projection' }).locator('option:checked')).toHaveText(/3-D view/);
  // heated-up softmax normalises its features: the unit sphere is drawn
  await expect(fig.locator('.unit-sphere')).toHaveCount(1);

  const before = { rotation: await fig.getAttribute('data-rotation'), ...(await plotState(page)) };
  const svgBefore = (await exportRun(page, 'SVG')).toString();
  await fig.focus(); // may scroll the figure into view
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  const after = { rotation: await fig.getAttribute('data-rotation'), ...(await plotState(page)) };
  console.log(`rotation ${before.rotation} → ${after.rotation}; checksum ${before.checksum} → ${after.checksum}`);
  expect(after.rotation).not.toBe(before.rotation);
  expect(after.step).toBe(before.step);
  expect(after.checksum).not.toBe(before.checksum);
  // the arrow keys turn the view, they do not scroll the page
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);

  // exports draw the view as turned: every point is there, at other positions than before the turn
  const svgAfter = (await exportRun(page, 'SVG')).toString();
  const [p0, p1] = [svgPoints(svgBefore), svgPoints(svgAfter)];
  expect(p0).toHaveLength(500);
  expect(p1).toHaveLength(500);
  expect(new Set(p1).size).toBeGreaterThan(400);
  const same = p1.filter((p) => new Set(p0).has(p)).length;
  expect(same).toBeLessThan(50);
  expect(svgAfter).toContain('class="unit-sphere"');
  // a drag turns it too
  const box = (await fig.boundingBox())!;
  const turned = await fig.getAttribute('data-rotation');
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4 + 60, box.y + box.height * 0.5 + 20, { steps: 5 });
  await page.mouse.up();
  expect(await fig.getAttribute('data-rotation')).not.toBe(turned);

  const png = await exportRun(page, 'PNG');
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.length).toBeGreaterThan(5000);

  // the training video draws the 3-D view as turned on the page: its last frame has the plot's coordinates
  const video = await exportVideo(page);
  console.log(`3-D video: ${video.notice}; last frame ${video.lastFrame}, plot ${(await plotState(page)).checksum}`);
  expect(video.notice).toContain('the 3-D view as turned on the page');
  expect(video.lastFrame).toBe((await plotState(page)).checksum);
});

test('a 16-D run shown by UMAP, laid out in a worker and updated from the previous layout', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 2000, embeddingDim: 16, backend: 'wasm' }));
  await page.getByRole('button', { name: 'Step' }).click();
  // the step's snapshot first: one arriving after UMAP is chosen would be laid out by the page too,
  // and the video below would then find every frame laid out (a race on a loaded machine)
  await expect.poll(async () => (await plotState(page)).step).toBe(1);
  const fig = page.getByRole('figure', { name: 'Embedding' });
  await expect(fig).toHaveAttribute('data-points', '2000');
  const pca = await plotState(page);
  await page.getByRole('combobox', { name: 'Projection' }).selectOption({ label: 'UMAP (computed in a worker)' });
  const note = page.locator('.umap-note');
  await expect(note).toContainText('metrics use the full 16-D embedding');
  await expect(note).toHaveAttribute('data-umap-step', /^\d+$/, { timeout: 60_000 });
  await expect(fig.locator('svg text', { hasText: 'UMAP 1' })).toHaveCount(1);
  await expect(fig).toHaveAttribute('data-points', '2000');
  const first = await plotState(page);
  expect(first.checksum).not.toBe(pca.checksum);
  const ms1 = Number(await note.getAttribute('data-umap-ms'));

  // the next snapshot gets a warm-started layout
  const step1 = Number(await note.getAttribute('data-umap-step'));
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => Number(await note.getAttribute('data-umap-step')), { timeout: 60_000 }).toBeGreaterThan(step1);
  const ms2 = Number(await note.getAttribute('data-umap-ms'));
  console.log(`UMAP of 2000 × 16-D points: first layout ${ms1} ms, warm update ${ms2} ms (${await note.getAttribute('title')})`);
  // started from the previous layout: the short warm schedule, not a fresh 200-epoch layout
  expect(Number(await note.getAttribute('data-umap-epochs'))).toBeLessThan(200);
  expect(ms1).toBeGreaterThan(0);
  expect(ms2).toBeGreaterThan(0);
  expect((await plotState(page)).checksum).not.toBe(first.checksum);

  // the training video draws the UMAP layouts: the page's own for the snapshots it laid out (its last
  // frame has the plot's coordinates), the earlier one laid out for the video
  const video = await exportVideo(page);
  console.log(`UMAP video: ${video.notice}; last frame ${video.lastFrame}, plot ${(await plotState(page)).checksum}`);
  expect(video.notice).toMatch(/; UMAP, 1 UMAP layout computed for it\)/);
  expect(video.lastFrame).toBe((await plotState(page)).checksum);
});
