import { expect, test } from '@playwright/test';
import { configHash, openApp, plotState } from './helpers';

const LOSSES = [
  'Softmax cross-entropy',
  'Heated-up softmax',
  'Center loss',
  'Triplet regularizer',
  'Category + binary verification',
  'Simplex centers (Nirvana)',
  'Additive-margin softmax (CosFace)',
];

test('every registered loss is in the "Loss" select and trains on MNIST in the page', async ({ page }) => {
  // seven losses × 150+ steps run past the default plan (938 steps), where training pauses by itself
  await openApp(page, configHash({ evalSize: 500, plannedEpochs: 20 }));
  const options = await page.getByRole('combobox', { name: 'Loss' }).locator('option').allTextContents();
  expect(options).toEqual(LOSSES);
  for (const loss of LOSSES) {
    await page.getByRole('combobox', { name: 'Loss' }).selectOption({ label: loss });
    const group = page.getByRole('group', { name: loss });
    await expect(group).toBeVisible();
    await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
    const start = (await plotState(page, loss)).step;
    await page.getByRole('button', { name: 'Train' }).click();
    await expect.poll(async () => (await plotState(page, loss)).step, { timeout: 60_000 }).toBeGreaterThan(start + 150);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
    const stats = (await group.locator('.run-stats').textContent()) ?? '';
    const lossValue = Number(stats.match(/loss ([\d.e+-]+)/)?.[1]);
    expect(Number.isFinite(lossValue), `${loss}: ${stats}`).toBe(true);
    const acc = Number(stats.match(/Test accuracy: ([\d.]+) %/)?.[1]);
    // 150+ steps from the softmax run's weights or from scratch: every loss is well above chance (10 %)
    expect(acc, `${loss}: ${stats}`).toBeGreaterThan(20);
    // parameters of other losses are hidden: only this loss's sliders are in its group
    if (loss === 'Softmax cross-entropy') await expect(group.getByRole('slider', { name: 'α', exact: true })).toHaveCount(0);
    if (loss === 'Heated-up softmax') await expect(group.getByRole('slider', { name: 'Margin' })).toHaveCount(0);
    if (loss === 'Triplet regularizer') await expect(group.getByRole('slider', { name: 'Margin' })).toHaveCount(1);
    if (loss === 'Additive-margin softmax (CosFace)') await expect(group.getByRole('slider', { name: 'Scale s' })).toHaveCount(1);
  }
});

test('the simplex loss without DAM in 2-D is refused with the minimum dimension, and the page goes on', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 500 }));
  await page.getByRole('combobox', { name: 'Loss' }).selectOption({ label: 'Simplex centers (Nirvana)' });
  const group = page.getByRole('group', { name: 'Simplex centers (Nirvana)' });
  await group.getByRole('combobox', { name: 'Dimension raising (DAM)' }).selectOption('off');
  await expect(page.getByRole('alert').filter({ hasText: 'at least 9 dimensions' })).toBeVisible();
  // nothing changed: DAM is still on and training works
  await expect(group.getByRole('combobox', { name: 'Dimension raising (DAM)' })).toHaveValue('on');
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await plotState(page, 'Simplex centers (Nirvana)')).step).toBeGreaterThan(0);
  // with a 9-D embedding the same setting is accepted (shown through PCA)
  await page.getByRole('spinbutton', { name: 'Embedding size' }).fill('9');
  await page.getByRole('spinbutton', { name: 'Embedding size' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });
  await group.getByRole('combobox', { name: 'Dimension raising (DAM)' }).selectOption('off');
  await expect(group.getByRole('combobox', { name: 'Dimension raising (DAM)' })).toHaveValue('off');
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await plotState(page, 'Simplex centers (Nirvana)')).step, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(group.getByRole('combobox', { name: 'Projection' })).toBeVisible();
});
