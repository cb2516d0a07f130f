import { expect, test, type Page } from '@playwright/test';
import { gzipSync } from 'fflate';
import { subsetTestBin, subsetTrainBin } from '../src/testing/cifarFixtures';
import { writeTar } from '../src/testing/testTar';
import { configHash, hoverUntilTooltip, openApp, plotState, testAccuracy } from './helpers';

// Real CIFAR-10 images only: the subset the app ships (public/cifar10/subset/, see test-data/README.md).
const RECORD = 3073;
const PER_BATCH = 1017; // train.bin is the first 1 017 records of data_batch_1, then of data_batch_2, …

const trainBin = (): Buffer => Buffer.from(subsetTrainBin());
const testBin = (): Buffer => Buffer.from(subsetTestBin());

/** cifar-10-binary.tar.gz laid out as the official one, holding the subset's real records. */
function officialLayoutArchive(): Buffer {
  const train = trainBin();
  const dir = 'cifar-10-batches-bin/';
  const batches = [1, 2, 3, 4, 5].map((k) => ({
    name: `${dir}data_batch_${k}.bin`,
    bytes: new Uint8Array(train.subarray((k - 1) * PER_BATCH * RECORD, k * PER_BATCH * RECORD)),
  }));
  const tar = writeTar([{ name: dir }, ...batches, { name: `${dir}test_batch.bin`, bytes: new Uint8Array(testBin()) }]);
  return Buffer.from(gzipSync(tar, { level: 1 }));
}

const description = (page: Page) => page.getByTestId('dataset-description');
const nbsp = (s: string): RegExp => new RegExp(s.replace(/ (?=\d{3}\b)/g, '[\\s\\u00a0]'));

test('choose CIFAR-10: the page names the real subset and the colour LeNet, and training beats chance', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 1000, embeddingDim: 2 }));
  await expect(page.getByRole('checkbox', { name: 'Augmentation' })).toHaveCount(0); // CIFAR-10 only
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('cifar10');
  await expect(description(page)).toHaveText(nbsp('CIFAR-10 subset: 5 085 train / 1 017 test real images'), { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
  await expect(page.getByRole('checkbox', { name: 'Augmentation' })).toBeChecked();
  await expect(page.getByRole('region', { name: 'Status' })).toContainText('32×32×3 → conv5×5·16');
  // the legend names CIFAR-10's classes
  const fig = page.getByRole('figure', { name: 'Embedding' }).first();
  for (const name of ['airplane', 'automobile', 'truck']) await expect(fig).toContainText(name);
  await expect.poll(async () => (await plotState(page)).points).toBe(1000);

  await page.getByRole('button', { name: 'Train' }).click();
  // chance is 10 %; bounded: within 1 500 steps (≈ 38 epochs of the subset at batch 128)
  await expect.poll(async () => testAccuracy(page), { timeout: 200_000, intervals: [1000] }).toBeGreaterThan(0.25);
  await page.getByRole('button', { name: 'Pause' }).click();
  const state = await plotState(page);
  expect(state.step).toBeLessThanOrEqual(1500);
  console.log(`[cifar] accuracy > 25 % after ${state.step} steps`);

  // hovering a point shows its colour thumbnail (an RGB image, not grey)
  const tooltip = await hoverUntilTooltip(page, fig);
  await expect(tooltip).toBeVisible();
  const coloured = await tooltip.locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let n = 0;
    for (let p = 0; p < d.length; p += 4) if (d[p] !== d[p + 1] || d[p + 1] !== d[p + 2]) n++;
    return n / (d.length / 4);
  });
  expect(coloured).toBeGreaterThan(0.5);
});

test('Load CIFAR-10…: the official archive is used, kept over a reload, and can be forgotten', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 500 }));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Load CIFAR-10…' }).click()]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles({ name: 'cifar-10-binary.tar.gz', mimeType: 'application/gzip', buffer: officialLayoutArchive() });
  const uploaded = nbsp('CIFAR-10 \\(uploaded cifar-10-binary.tar.gz\\): 5 085 train / 1 017 test');
  await expect(description(page)).toHaveText(uploaded, { timeout: 120_000 });
  await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('cifar10');
  await expect(page.getByRole('alert')).toHaveCount(0); // stored without complaint
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await plotState(page)).step).toBe(1);

  // IndexedDB: a reload trains on the uploaded set without asking again
  await page.reload();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
  await expect(description(page)).toHaveText(uploaded);

  await page.getByRole('button', { name: 'Forget uploaded CIFAR-10' }).click();
  await expect(description(page)).toHaveText(nbsp('CIFAR-10 subset: 5 085 train / 1 017 test real images'), { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Forget uploaded CIFAR-10' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
  await expect(description(page)).toHaveText(/^CIFAR-10 subset/);
});

test('.bin files work too, and a truncated one is refused with what is wrong while the session goes on', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 500 }));
  await expect(description(page)).toHaveText(/^MNIST/);
  const input = page.getByLabel('CIFAR-10 files');

  const cut = testBin().subarray(0, 10 * RECORD + 1234); // a download that stopped part-way
  await input.setInputFiles([
    { name: 'train.bin', mimeType: 'application/octet-stream', buffer: trainBin() },
    { name: 'test_batch.bin', mimeType: 'application/octet-stream', buffer: cut },
  ]);
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('test_batch.bin is 31964 bytes, not a whole number of 3 073-byte records — truncated?', { timeout: 60_000 });
  await expect(alert).toContainText('cifar-10-binary.tar.gz'); // the fix: which file to choose
  // nothing changed: still MNIST, and it still trains
  await expect(description(page)).toHaveText(/^MNIST/);
  await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('mnist');
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await plotState(page)).step).toBe(1);

  await input.setInputFiles([
    { name: 'train.bin', mimeType: 'application/octet-stream', buffer: trainBin() },
    { name: 'test.bin', mimeType: 'application/octet-stream', buffer: testBin() },
  ]);
  await expect(description(page)).toHaveText(nbsp('CIFAR-10 \\(uploaded 2 files\\): 5 085 train / 1 017 test'), { timeout: 120_000 });
});
