import { expect, test } from '@playwright/test';
import { configHash, plotState } from './helpers';

test('Reset after a fatal dataset error tries again instead of leaving every control disabled', async ({ page }) => {
  // the trainer worker fetches the files: a context route sees a dedicated worker's requests too
  let broken = true;
  let served = 0;
  await page.context().route('**/mnist/train-labels-idx1-ubyte.gz', async (route) => {
    if (!broken) return route.continue();
    served++;
    await route.fulfill({ status: 200, contentType: 'application/octet-stream', body: 'not an idx file at all' });
  });
  await page.goto('/' + configHash({ evalSize: 300, backend: 'wasm', batchSize: 32 }));
  const reset = page.getByRole('button', { name: 'Reset', exact: true });
  const train = page.getByRole('button', { name: 'Train' });
  const failure = page.getByRole('alert').filter({ hasText: 'train-labels-idx1-ubyte' });
  await expect(failure).toBeVisible({ timeout: 120_000 });
  await expect(train).toBeDisabled();
  await expect(reset).toBeEnabled();
  expect(served).toBe(1);

  // the file is still broken: Reset loads it again, fails again with the message, and stays usable
  await reset.click();
  await expect.poll(() => served, { timeout: 60_000 }).toBe(2);
  await expect(failure).toBeVisible();
  await expect(reset).toBeEnabled({ timeout: 60_000 });

  // the file is back: Reset builds the session, and it trains
  broken = false;
  await reset.click();
  await expect(train).toBeEnabled({ timeout: 120_000 });
  await expect(failure).toHaveCount(0);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(async () => (await plotState(page)).step, { timeout: 60_000 }).toBe(1);
});
