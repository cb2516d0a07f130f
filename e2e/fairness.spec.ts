import { expect, test } from '@playwright/test';
import { configHash, openApp, plotState } from './helpers';

test('the triplet run shows its trunk classifier\'s accuracy beside the plotted one, in a column of its own after the existing ones', async ({ page }) => {
  const runs = [
    { id: 'r1', name: 'Softmax cross-entropy', loss: 'softmax', learningRate: 0.001, params: {}, choices: {} },
    { id: 'r2', name: 'Triplet regularizer', loss: 'triplet', learningRate: 0.001, params: {}, choices: {} },
  ];
  const table = page.getByRole('table', { name: 'Metrics' });
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  const cell = async (name: string, i: number) => (await row(name).getByRole('cell').nth(i).textContent()) ?? '';
  // without a loss that has one, no such column, even once the metrics are in
  await openApp(page, configHash({ evalSize: 500 }, runs.slice(0, 1)));
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await plotState(page)).step, { timeout: 90_000 }).toBe(1);
  await expect.poll(async () => Number(await cell('Softmax cross-entropy', 0)), { timeout: 90_000 }).toBe(1);
  await expect.poll(async () => Number(await cell('Softmax cross-entropy', 1)), { timeout: 90_000 }).toBeGreaterThan(0);
  await expect(table.getByRole('columnheader', { name: 'Trunk classifier acc %' })).toHaveCount(0);

  await openApp(page, configHash({ evalSize: 500 }, runs));
  await page.getByRole('button', { name: 'Train' }).click();
  // the column appears once the triplet run has metrics; the existing columns keep their places
  await expect(table.getByRole('columnheader', { name: 'Trunk classifier acc %' })).toBeVisible({ timeout: 90_000 });
  await expect.poll(async () => Number(await cell('Triplet regularizer', 9)), { timeout: 90_000 }).toBeGreaterThan(10);
  await expect.poll(async () => Number(await cell('Triplet regularizer', 1)), { timeout: 90_000 }).toBeGreaterThan(10);
  await expect.poll(() => cell('Softmax cross-entropy', 9)).toBe('n/a');
  const headers = await table.getByRole('columnheader').allTextContents();
  expect(headers.slice(0, 10)).toEqual(['Run', 'Step', 'Accuracy %', 'R@1', 'R@2', 'R@4', 'R@8', 'MAP@R', 'NMI', 'Open-set AUROC']);
  await page.getByRole('button', { name: 'Pause' }).click();
});
