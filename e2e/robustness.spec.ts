import { expect, test } from '@playwright/test';
import { configHash, openApp, plotState } from './helpers';

const softmax = (id: string) => ({ id, name: 'Softmax cross-entropy', loss: 'softmax', learningRate: 0.001, params: {}, choices: {} });

test('a link whose run id is a built-in name (constructor) starts the page with a message', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 500 }, [softmax('constructor')]));
  await expect(page.getByRole('alert').filter({ hasText: '"constructor" is a reserved name' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Softmax cross-entropy' })).toHaveCount(1);
  // the bad link is gone from the address bar, so a reload starts cleanly too
  expect(decodeURIComponent(new URL(page.url()).hash)).not.toContain('constructor');
});

test('a valid link the simplex dimension check refuses starts the page on the defaults, with a message', async ({ page }) => {
  const simplex = { id: 'r1', name: 'Simplex centers (Nirvana)', loss: 'simplex', learningRate: 0.001, params: {}, choices: { dam: 'off' } };
  await openApp(page, configHash({ evalSize: 500 }, [simplex]));
  await expect(page.getByRole('alert').filter({ hasText: 'needs an embedding of at least 9 dimensions' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Softmax cross-entropy' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await plotState(page)).step).toBe(1);
});

test('a huge bad value in a link is echoed only in part', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 500, dataset: 'x'.repeat(200_000) }));
  const alert = page.getByRole('alert').filter({ hasText: 'dataset: expected one of mnist, cifar10' });
  await expect(alert).toBeVisible();
  expect(((await alert.textContent()) ?? '').length).toBeLessThan(400);
});

test('an error while drawing shows a way out instead of a blank page', async ({ page }) => {
  // fault injection: every run panel formats its loss and accuracy with toFixed while rendering
  await page.addInitScript(() => {
    const w = window as unknown as { __failDrawing: boolean };
    w.__failDrawing = false;
    const original = Number.prototype.toFixed;
    Number.prototype.toFixed = function (this: number, p?: number) {
      if (w.__failDrawing) throw new Error('injected drawing failure');
      return original.call(this, p);
    };
  });
  await page.goto('/' + configHash({ evalSize: 500 }));
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
  const fail = (on: boolean) => page.evaluate((v) => { (window as unknown as { __failDrawing: boolean }).__failDrawing = v; }, on);
  // the first snapshot's metrics arrive from the metrics worker after Train is enabled; a render they
  // cause while drawing is made to fail would crash the page before Step is clicked
  await expect(page.getByRole('table', { name: 'Metrics' }).getByRole('row', { name: /^Softmax/ }).getByRole('cell').nth(1)).toHaveText(/^\d/, { timeout: 60_000 });

  await fail(true);
  await page.getByRole('button', { name: 'Step' }).click();
  const crash = page.getByRole('alert').filter({ hasText: 'The page hit an error and stopped drawing' });
  await expect(crash).toBeVisible();
  await expect(crash).toContainText('injected drawing failure');

  // Try again: redraws; the worker's session (step 1) is still there
  await fail(false);
  await crash.getByRole('button', { name: 'Try again' }).click();
  await expect(crash).toHaveCount(0);
  await expect.poll(async () => (await plotState(page)).step).toBe(1);

  // Start over: leaves the link behind and reloads on the defaults
  await fail(true);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(crash).toBeVisible();
  await crash.getByRole('button', { name: 'Start over with default settings' }).click();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
  const hash = decodeURIComponent(new URL(page.url()).hash);
  expect(hash).toContain('"evalSize":2000');
});

test('a slider moved while the session is being rebuilt reaches the worker', async ({ page }) => {
  const heated = { id: 'r1', name: 'Heated-up softmax', loss: 'heated', learningRate: 0.001, params: {}, choices: {} };
  await openApp(page, configHash({ evalSize: 500 }, [heated]));
  const group = page.getByRole('group', { name: 'Heated-up softmax' });
  // a new batch size re-times the backends: seconds of rebuild
  await page.getByRole('spinbutton', { name: 'Batch size' }).fill('64');
  await page.getByRole('spinbutton', { name: 'Batch size' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();
  // 32: not the default (8), so a dropped change shows
  await group.getByRole('spinbutton', { name: 'α value' }).fill('32');
  await group.getByRole('spinbutton', { name: 'α value' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(group.getByLabel('Current α')).toHaveText('32.0');
  expect(decodeURIComponent(new URL(page.url()).hash)).toContain('"alpha":32');
});
