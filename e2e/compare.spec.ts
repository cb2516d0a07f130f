import { expect, test, type Page } from '@playwright/test';
import { configHash, openApp, plotState } from './helpers';

async function runStep(page: Page, name: string): Promise<number> {
  return (await plotState(page, name)).step;
}

async function frames(page: Page, name: string): Promise<number> {
  return Number(await page.getByRole('group', { name }).getByRole('figure', { name: 'Embedding' }).getAttribute('data-frames'));
}

test('three losses side by side: sliders act mid-training without a restart, every plot and the metrics update', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 1000 }));
  // build the comparison through the page: softmax is there, "Add run" adds the next losses
  await page.getByRole('button', { name: 'Add run' }).click();
  await expect(page.getByRole('group', { name: 'Heated-up softmax' })).toBeVisible();
  await page.getByRole('button', { name: 'Add run' }).click();
  await expect(page.getByRole('group', { name: 'Center loss' })).toBeVisible();
  const names = ['Softmax cross-entropy', 'Heated-up softmax', 'Center loss'];
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();

  await page.getByRole('button', { name: 'Train' }).click();
  for (const n of names) await expect.poll(() => runStep(page, n), { timeout: 60_000 }).toBeGreaterThan(20);

  // α of the heated-up softmax: 8 → 4 (the slider is log-scaled)
  const heated = page.getByRole('group', { name: 'Heated-up softmax' });
  const before = await runStep(page, 'Heated-up softmax');
  await heated.getByRole('slider', { name: 'α', exact: true }).fill(String(Math.log10(4)));
  await expect(heated.getByLabel('Current α')).toHaveText('4.00');
  await expect(heated.locator('.run-desc')).toContainText('α=4');

  // λ of the center loss: 0.1 → 0.01
  const center = page.getByRole('group', { name: 'Center loss' });
  await expect(center.locator('.run-desc')).toContainText('λ=0.1');
  await center.getByRole('slider', { name: 'λ', exact: true }).fill('-2');
  await expect(center.locator('.run-desc')).toContainText('λ=0.01');

  // no restart: the step count goes on from where it was, and every plot keeps updating
  const after = await Promise.all(names.map((n) => runStep(page, n)));
  expect(after[1]).toBeGreaterThanOrEqual(before);
  const framesBefore = await Promise.all(names.map((n) => frames(page, n)));
  for (const [i, n] of names.entries()) {
    await expect.poll(() => runStep(page, n), { timeout: 60_000 }).toBeGreaterThan(after[i] + 20);
  }
  const framesAfter = await Promise.all(names.map((n) => frames(page, n)));
  names.forEach((_, i) => expect(framesAfter[i]).toBeGreaterThan(framesBefore[i]));

  // the change is marked on the heated run's plot and in the charts' markers
  await expect(page.getByRole('img', { name: 'Training loss' })).toContainText('α=4');

  // the metrics table fills with numbers for every run
  const table = page.getByRole('table', { name: 'Metrics' });
  for (const n of names) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: n }) });
    await expect.poll(async () => Number((await row.getByRole('cell').nth(3).textContent()) ?? 'NaN'), { timeout: 60_000 }).toBeGreaterThan(10);
  }
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: 'test-results/compare.png', fullPage: true }); // to look at after a run; npm run docs:pictures makes the one in docs/
});

test('duplicate and rename a run during training; colour by gradient; the open-set split gives an AUROC', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 500, openSet: [8, 9] }));
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => runStep(page, 'Softmax cross-entropy'), { timeout: 60_000 }).toBeGreaterThan(30);
  await page.getByRole('button', { name: 'Duplicate Softmax cross-entropy' }).click();
  const copy = page.getByRole('group', { name: 'Softmax cross-entropy (copy)' });
  await expect(copy).toBeVisible();
  // the copy continues from the source's step, not from 0
  await expect.poll(() => runStep(page, 'Softmax cross-entropy (copy)')).toBeGreaterThan(30);
  await copy.getByRole('textbox', { name: 'Run name' }).fill('lr study');
  await copy.getByRole('textbox', { name: 'Run name' }).press('Enter');
  await expect(page.getByRole('group', { name: 'lr study' })).toBeVisible();

  await page.getByRole('combobox', { name: 'Colour by' }).selectOption('gradient');
  const table = page.getByRole('table', { name: 'Metrics' });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Softmax cross-entropy', exact: true }) });
  await expect.poll(async () => Number((await row.getByRole('cell').nth(8).textContent()) ?? 'NaN'), { timeout: 60_000 }).toBeGreaterThan(0.5);
  // beside it, retrieval among the held-out digits' images only
  expect((await table.getByRole('columnheader').allTextContents()).slice(9, 15)).toEqual(['Open-set AUROC', 'Unseen R@1', 'Unseen R@2', 'Unseen R@4', 'Unseen R@8', 'Unseen MAP@R']);
  await expect.poll(async () => Number((await row.getByRole('cell').nth(9).textContent()) ?? 'NaN'), { timeout: 60_000 }).toBeGreaterThan(10);
  await page.getByRole('button', { name: 'Pause' }).click();
});
