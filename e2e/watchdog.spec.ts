import { expect, test } from '@playwright/test';
import { openApp, plotState } from './helpers';

test('a hung step: the page says so, and Restart trains on from the last good weights', async ({ page }) => {
  await openApp(page, '?debug=hang');
  await page.getByRole('button', { name: 'Train' }).click();
  // a few seconds of training: the worker's first copy of the runs is taken 2 s in
  await expect.poll(async () => (await plotState(page)).step, { timeout: 60_000 }).toBeGreaterThan(5);
  await page.waitForTimeout(4000);
  await page.evaluate(() => (window as unknown as { __hangTraining: () => Promise<void> }).__hangTraining());
  const t0 = Date.now();

  const alert = page.getByRole('alert', { name: 'Training stalled' });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  const quietS = (Date.now() - t0) / 1000;
  expect(quietS, 'not before 10 s without a step').toBeGreaterThan(9);
  await expect(alert).toContainText('No training step has arrived');
  await expect(alert).toContainText(/Last step: \d+/);
  await expect(alert).toContainText(/backend: (webgpu|webgl|wasm|cpu)/);
  await expect(alert).toContainText('worker: alive'); // hung in its loop, the worker still answers pings
  const stalledAt = (await plotState(page)).step;

  const restart = alert.getByRole('button', { name: /^Restart training from step \d+$/ });
  const from = Number(((await restart.textContent()) ?? '').match(/(\d+)$/)?.[1]);
  expect(from, 'a state read off the worker before the stall').toBeGreaterThan(0);
  expect(from).toBeLessThanOrEqual(stalledAt);
  // every 100 ms: the status line's step while the page trains (Pause enabled)
  await page.evaluate(() => {
    const w = window as unknown as { __steps: number[] };
    w.__steps = [];
    setInterval(() => {
      const pause = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Pause');
      if (pause && !pause.disabled) w.__steps.push(Number(document.querySelector('[aria-label="Step"]')?.textContent ?? -1));
    }, 100);
  });
  await restart.click();

  await expect(alert).toBeHidden({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Pause' })).toBeEnabled({ timeout: 120_000 });
  // trains on: the plot passes the step where it stalled, which only a training worker can do
  await expect.poll(async () => (await plotState(page)).step, { timeout: 120_000 }).toBeGreaterThan(stalledAt + 5);
  // from the restored weights, not from scratch: training after the restart never shows a step below N
  const steps = await page.evaluate(() => (window as unknown as { __steps: number[] }).__steps);
  expect(steps.length).toBeGreaterThan(0);
  expect(Math.min(...steps), `steps while training after the restart: ${[...new Set(steps)].slice(0, 20).join(' ')}`).toBeGreaterThanOrEqual(from);
  console.log(`[watchdog] stall noticed after ${quietS.toFixed(1)} s; restarted from step ${from} (stalled at ${stalledAt})`);
});

test('a reload after 5 s of training offers Resume', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(async () => (await plotState(page)).step, { timeout: 60_000 }).toBeGreaterThan(0);
  await page.waitForTimeout(5000);
  await page.reload();
  const offer = page.getByRole('region', { name: 'Saved session' });
  await expect(offer).toBeVisible({ timeout: 60_000 });
  await expect(offer).toContainText(/step [1-9]\d*/);
  await expect(offer.getByRole('button', { name: 'Resume' })).toBeVisible();
});
