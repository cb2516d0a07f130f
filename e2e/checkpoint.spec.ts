import { expect, test, type Page } from '@playwright/test';
import { configHash, plotState } from './helpers';

async function step(page: Page): Promise<number> {
  return Number((await page.getByLabel('Step', { exact: true }).textContent()) ?? NaN);
}

const RUNS = [
  { id: 'r1', name: 'Softmax cross-entropy', loss: 'softmax', learningRate: 0.001, params: {}, choices: {} },
  { id: 'r2', name: 'Center loss', loss: 'center', learningRate: 0.001, params: {}, choices: {} },
];

test('a reload mid-training offers the checkpoint back; Resume continues from its step', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/' + configHash({ evalSize: 300, backend: 'wasm', batchSize: 32 }, RUNS));
  const train = page.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 120_000 });
  // a fresh profile: nothing to offer
  await expect(page.getByRole('region', { name: 'Saved session' })).toHaveCount(0);
  await train.click();
  // checkpoints are written 2–3 s into training, then every 30 s: reload while still training, after the 30 s one
  await page.waitForTimeout(34_000);
  expect(await page.getByRole('button', { name: 'Pause' }).isEnabled()).toBe(true);
  const before = await step(page);
  await page.reload();

  const offer = page.getByRole('region', { name: 'Saved session' });
  await expect(offer).toBeVisible({ timeout: 60_000 });
  const saved = Number(/step (\d+)/.exec((await offer.textContent()) ?? '')?.[1] ?? NaN);
  expect(saved).toBeGreaterThan(0);
  expect(saved).toBeLessThanOrEqual(before);
  await expect(page.getByRole('button', { name: 'Start fresh' })).toBeVisible();
  await expect(train).toBeEnabled({ timeout: 120_000 });
  await offer.getByRole('button', { name: 'Resume' }).click();
  await expect(offer).toHaveCount(0);
  await expect.poll(() => step(page), { timeout: 30_000 }).toBe(saved);
  await expect.poll(async () => (await plotState(page, 'Center loss')).step, { timeout: 30_000 }).toBe(saved);
  expect(await page.getByRole('group', { name: 'Center loss' }).count()).toBe(1);
  // training goes on from there
  await train.click();
  await expect.poll(() => step(page), { timeout: 30_000 }).toBeGreaterThan(saved + 2);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(train).toBeEnabled();
});

test('"Start fresh" forgets the checkpoint: the next visit offers nothing', async ({ page }) => {
  await page.goto('/' + configHash({ evalSize: 300, backend: 'wasm', batchSize: 32 }));
  const train = page.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 120_000 });
  // a pause checkpoints too
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => step(page)).toBe(1);
  await train.click();
  await expect.poll(() => step(page), { timeout: 30_000 }).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForTimeout(1500);
  await page.reload();
  const offer = page.getByRole('region', { name: 'Saved session' });
  await expect(offer).toBeVisible({ timeout: 60_000 });
  await offer.getByRole('button', { name: 'Start fresh' }).click();
  await expect(offer).toHaveCount(0);
  await page.reload();
  await expect(train).toBeEnabled({ timeout: 120_000 });
  await expect(offer).toHaveCount(0);
  expect(await step(page)).toBe(0);
});

test('a full storage quota says so and training goes on', async ({ page }) => {
  // fault injection in the page only: IndexedDB writes fail as they do when the site's quota is used up
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await page.goto('/' + configHash({ evalSize: 300, backend: 'wasm', batchSize: 32 }));
  const train = page.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 120_000 });
  await train.click();
  await expect.poll(() => step(page), { timeout: 30_000 }).toBeGreaterThan(2);
  await page.getByRole('button', { name: 'Pause' }).click(); // a pause saves
  await expect(page.getByRole('alert').filter({ hasText: 'storage quota for this site is full' })).toBeVisible();
  const at = await step(page);
  await train.click();
  await expect.poll(() => step(page), { timeout: 30_000 }).toBeGreaterThan(at + 2);
});
