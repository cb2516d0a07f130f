import { expect, test, type Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { drawShape, pngOf, SHAPES } from '../src/testing/ownImagesFixtures';
import { configHash, hoverUntilTooltip, openApp, plotState, testAccuracy } from './helpers';

/**
 * A set as a user zips it: "shapes/<class>/<n>.png", 48×40 photos-to-be (the page crops the centre
 * square), with what real folders also hold: a note, a corrupt image, macOS's metadata.
 */
function shapesZip(perClass: number): Buffer {
  const rng = seedrandom('e2e-shapes');
  const files: Record<string, Uint8Array> = {};
  for (const shape of SHAPES) {
    for (let i = 0; i < perClass; i++) files[`shapes/${shape}/${String(i).padStart(3, '0')}.png`] = pngOf(drawShape(shape, rng, 48, 40), 48, 40);
  }
  files['shapes/README.txt'] = strToU8('four classes of shapes');
  files['shapes/disc/broken.png'] = pngOf(drawShape('disc', rng, 48, 40), 48, 40).slice(0, 60); // cut short
  files['__MACOSX/shapes/._README.txt'] = strToU8('resource fork');
  return Buffer.from(zipSync(files));
}

const panel = (page: Page) => page.getByRole('region', { name: 'Your images' });
const classes = (page: Page) => panel(page).getByRole('list', { name: 'Classes' }).getByRole('group');
const description = (page: Page) => page.getByTestId('dataset-description');
const imageSetOf = async (page: Page): Promise<string> => {
  const hash = decodeURIComponent(new URL(page.url()).hash.replace(/^#config=/, ''));
  return (JSON.parse(hash) as { imageSet: string }).imageSet;
};

test('a zip of drawn shapes becomes "Your images": skipped files reported, split shown, trained above 90 %, exported and named by hash', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 500, embeddingDim: 2, batchSize: 64 }));
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('own-images');
  // nothing loaded yet: the page says what to do, and offers two empty classes to fill
  await expect(page.getByRole('alert').first()).toContainText('none are loaded yet');
  await expect(classes(page)).toHaveCount(2);

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), panel(page).getByRole('button', { name: 'Load images…' }).click()]);
  await chooser.setFiles({ name: 'shapes.zip', mimeType: 'application/zip', buffer: shapesZip(50) });
  await expect(description(page)).toHaveText(/^Your images: 4 classes, 160 train \/ 40 test \(train 40 \/ test 10 per class\)/, { timeout: 120_000 });
  await expect(page.getByRole('alert')).toHaveCount(0); // the "none loaded" error went with the new session
  await expect(classes(page)).toHaveCount(4); // the empty starters made way
  await expect(panel(page).getByRole('group', { name: 'triangle' })).toContainText('50 images · train 40 / test 10');
  await expect(panel(page).getByTestId('own-images-note')).toContainText('Read 200 images of 202 files');
  const report = panel(page).locator('details');
  await expect(report.locator('summary')).toContainText('skipped 2 files');
  await report.locator('summary').click();
  await expect(report).toContainText('shapes/README.txt: not an image');
  await expect(report).toContainText('shapes/disc/broken.png');
  const hash = await imageSetOf(page);
  expect(hash).toMatch(/^[0-9a-f]{16}$/);

  // the legend names the classes; training on the CIFAR-10 network beats 90 %
  const fig = page.getByRole('figure', { name: 'Embedding' }).first();
  for (const name of SHAPES) await expect(fig).toContainText(name);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(async () => testAccuracy(page), { timeout: 150_000, intervals: [1000] }).toBeGreaterThan(0.9);
  await page.getByRole('button', { name: 'Pause' }).click();
  const { step } = await plotState(page);
  console.log(`[own-images] accuracy > 90 % after ${step} steps (${await testAccuracy(page)})`);

  // hovering a point shows its image (40 test points in four tight clusters: the sweep finds one)
  const thumb = (await hoverUntilTooltip(page, fig)).locator('canvas').first();
  await expect(thumb).toBeVisible();

  // a class renamed: a new set, used again (the runs restart on it), named anew
  const name = panel(page).getByRole('group', { name: 'cross' }).getByRole('textbox', { name: 'Class name' });
  await name.fill('plus');
  await name.press('Enter');
  await panel(page).getByRole('button', { name: 'Use these images' }).click();
  await expect.poll(async () => imageSetOf(page), { timeout: 120_000 }).not.toBe(hash);
  const renamed = await imageSetOf(page);
  await expect(page.getByRole('figure', { name: 'Embedding' }).first()).toContainText('plus');
  await expect(panel(page).getByRole('button', { name: 'Use these images' })).toBeDisabled(); // in use

  // exported and loaded again (as a colleague would): the same pixels, so the same name
  const download = page.waitForEvent('download');
  await panel(page).getByRole('button', { name: 'Export images (.zip)' }).click();
  const exported = readFileSync(await (await download).path());
  await page.getByRole('button', { name: 'Forget your images' }).click();
  await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('mnist');
  await expect(description(page)).toHaveText(/^MNIST/, { timeout: 120_000 });

  // a link naming the set, opened where it is not kept: the page asks for the images
  await page.goto('about:blank');
  await page.goto('/' + configHash({ dataset: 'own-images', imageSet: renamed, evalSize: 500 }));
  await expect(page.getByRole('alert').first()).toContainText(`the image set ${renamed}, which is not kept in this browser`, { timeout: 60_000 });
  await expect(page.getByRole('alert').first()).toContainText('Load images…');
  await panel(page).getByLabel('Image files').setInputFiles({ name: 'your-images.zip', mimeType: 'application/zip', buffer: exported });
  await expect(description(page)).toHaveText(/^Your images: 4 classes, 160 train \/ 40 test/, { timeout: 120_000 });
  expect(await imageSetOf(page)).toBe(renamed);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(classes(page).first()).toHaveAccessibleName('plus'); // classes.txt kept the order (and so the labels)

  // kept over a reload
  await page.reload();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
  await expect(description(page)).toHaveText(/^Your images: 4 classes/);
  await expect(panel(page).getByRole('group', { name: 'plus' })).toContainText('50 images'); // the classes come back for editing

  // a link that names no set trains on the kept one, and learns its name
  await page.goto('about:blank');
  await page.goto('/' + configHash({ dataset: 'own-images', evalSize: 500 }));
  await expect(description(page)).toHaveText(/^Your images: 4 classes/, { timeout: 120_000 });
  await expect.poll(async () => imageSetOf(page)).toBe(renamed);
});

test('Load folder…: a class short of images says what is missing until "Add images…" fills it; then the runs train', async ({ page }) => {
  const rng = seedrandom('e2e-folder');
  const dir = mkdtempSync(join(tmpdir(), 'own-images-'));
  try {
    for (const [shape, n] of [['disc', 6], ['cross', 3]] as const) {
      mkdirSync(join(dir, 'kitchen', shape), { recursive: true });
      for (let i = 0; i < n; i++) writeFileSync(join(dir, 'kitchen', shape, `${i}.png`), pngOf(drawShape(shape, rng, 40, 40), 40, 40));
    }
    await openApp(page, configHash({ evalSize: 100, batchSize: 16 }));
    await page.getByRole('combobox', { name: 'Dataset' }).selectOption('own-images');
    await panel(page).getByLabel('Image folder').setInputFiles(join(dir, 'kitchen'));
    await expect(panel(page).getByRole('list', { name: 'What is missing' })).toHaveText('cross has 3 images: each class needs at least 5 (2 more), or remove it.');
    const use = panel(page).getByRole('button', { name: 'Use these images' });
    await expect(use).toBeDisabled();
    // two webcam-sized JPEGs, encoded by the browser: the decoder's scaled-JPEG way
    const jpegs = await page.evaluate(async () => {
      const c = new OffscreenCanvas(640, 480);
      const ctx = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
      const out: number[][] = [];
      for (const bg of ['#345', '#543']) {
        ctx.fillStyle = bg;
        ctx.fillRect(0, 0, 640, 480);
        ctx.fillStyle = '#eee';
        ctx.fillRect(300, 120, 40, 240);
        ctx.fillRect(200, 220, 240, 40);
        out.push([...new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer())]);
      }
      return out;
    });
    await panel(page).getByLabel('Images for cross').setInputFiles(jpegs.map((b, i) => ({ name: `webcam-${i}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(b) })));
    await expect(panel(page).getByRole('group', { name: 'cross' })).toContainText('5 images · train 4 / test 1');
    await expect(panel(page).getByTestId('own-images-note')).toContainText('Added 2 images to cross');
    await expect(panel(page).getByRole('list', { name: 'What is missing' })).toHaveCount(0);
    await use.click();
    await expect(description(page)).toHaveText(/^Your images: 2 classes, 9 train \/ 2 test/, { timeout: 120_000 });
    await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(async () => (await plotState(page)).step, { timeout: 60_000 }).toBe(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
