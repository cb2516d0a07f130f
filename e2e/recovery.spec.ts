import { expect, test } from '@playwright/test';
import { backendName, configHash, plotState } from './helpers';

/** The status bar's step counter. */
async function step(page: import('@playwright/test').Page): Promise<number> {
  return Number((await page.getByLabel('Step', { exact: true }).textContent()) ?? NaN);
}

test('a backend failing mid-training: the runs go on on another backend with their step counts, and Reset does not return to it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // wasm forced: no timing at start; the fallback is then the CPU (software GPU emulation comes last)
  await page.goto('/?debug=fail-backend' + configHash({ evalSize: 300, backend: 'wasm', batchSize: 32 }));
  const train = page.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 120_000 });
  expect(await backendName(page)).toBe('wasm');

  await train.click();
  await expect.poll(() => step(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
  const before = await step(page);
  await page.evaluate(() => (window as unknown as { __failBackend: (k: string) => Promise<void> }).__failBackend('error'));

  const notice = page.getByRole('alert').filter({ hasText: 'The wasm backend failed during training' });
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice).toContainText('simulated backend failure');
  const resumedAt = Number(/from step (\d+)/.exec((await notice.textContent()) ?? '')?.[1] ?? NaN);
  expect(resumedAt).toBeGreaterThanOrEqual(before); // read back at the failure: no step lost
  expect(await backendName(page)).not.toBe('wasm');
  // training goes on from there: new steps, and the plot follows
  await expect.poll(() => step(page), { timeout: 60_000 }).toBeGreaterThan(resumedAt + 2);
  await expect.poll(async () => (await plotState(page)).step, { timeout: 60_000 }).toBeGreaterThan(resumedAt);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeEnabled();

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(train).toBeEnabled();
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(train).toBeEnabled({ timeout: 120_000 });
  expect(await backendName(page)).not.toBe('wasm');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(async () => (await plotState(page)).step, { timeout: 60_000 }).toBe(1);
  expect(errors).toEqual([]);
});

test('a lost device (nothing readable any more): the runs go on from the last copy taken off it', async ({ page }) => {
  await page.goto('/?debug=fail-backend' + configHash({ evalSize: 300, backend: 'wasm', batchSize: 32 }));
  const train = page.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 120_000 });
  await train.click();
  // copies are taken 2 s into training, then every 5 s
  await page.waitForTimeout(12_000);
  const before = await step(page);
  expect(before).toBeGreaterThan(0);
  // every step the plot shows from here on (it goes back to the copy's step, then on)
  await page.evaluate(() => {
    const w = window as unknown as { __plotSteps: number[] };
    w.__plotSteps = [];
    const fig = document.querySelector('[role="figure"][aria-label="Embedding"]') as Element;
    new MutationObserver(() => w.__plotSteps.push(Number(fig.getAttribute('data-step')))).observe(fig, { attributes: true, attributeFilter: ['data-step'] });
  });
  // the worker's step at the loss: the page's counter can be a progress report (100 ms) behind it
  const lostAt = await page.evaluate(() => (window as unknown as { __failBackend: (k: string) => Promise<number> }).__failBackend('lost'));
  expect(lostAt).toBeGreaterThanOrEqual(before);
  // copies are taken every 5 s: one may land between reading `before` and the loss, never after it
  const notice = page.getByRole('alert').filter({ hasText: 'The wasm backend failed during training' });
  await expect(notice).toBeVisible({ timeout: 60_000 });
  const copiedAt = Number(/the copy taken at step (\d+)/.exec((await notice.textContent()) ?? '')?.[1] ?? NaN);
  expect(copiedAt).toBeGreaterThan(0);
  expect(copiedAt).toBeLessThanOrEqual(lostAt);
  // the plot shows the runs back at the copy's step, then training on from there (on the slower backend)
  const after = () => page.evaluate((at) => {
    const steps = (window as unknown as { __plotSteps: number[] }).__plotSteps;
    const back = steps.indexOf(at);
    return back < 0 ? -1 : Math.max(-1, ...steps.slice(back + 1));
  }, copiedAt);
  await expect.poll(after, { timeout: 60_000 }).toBeGreaterThan(copiedAt + 2);
});

test('a lost WebGL context (the real event): the runs go on on WASM', async ({ page }) => {
  await page.goto('/?debug=fail-backend' + configHash({ evalSize: 300, backend: 'webgl', batchSize: 32 }));
  const train = page.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 120_000 });
  test.skip(await backendName(page) !== 'webgl', 'no WebGL in this browser');
  await train.click();
  await expect.poll(() => step(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await page.evaluate(() => (window as unknown as { __failBackend: (k: string) => Promise<void> }).__failBackend('lose-context'));
  const notice = page.getByRole('alert').filter({ hasText: 'The webgl backend failed during training' });
  await expect(notice).toBeVisible({ timeout: 60_000 });
  // nothing is read back from a lost context (it would read zeros): the copy, or the initial weights
  await expect(notice).toContainText(/the copy taken at step \d+|the initial weights/);
  expect(await backendName(page)).toBe('wasm');
  const at = await step(page);
  await expect.poll(() => step(page), { timeout: 60_000 }).toBeGreaterThan(at + 2);
});
