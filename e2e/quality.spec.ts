import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

/**
 * Issue 11's targets, as a new user meets them: the default page, "Add run" ×5 (the six losses in
 * lock-step on identical batches), Train; the page pauses by itself at the planned length (two MNIST
 * epochs, 938 steps), and the Metrics table then holds every loss's final figures on the 2 000 shown
 * test images. A long test (about three minutes on a 2-core machine) on purpose: it is the check that
 * every loss learns with the page's defaults.
 */
test.setTimeout(420_000);

const LOSSES = [
  'Softmax cross-entropy', 'Heated-up softmax', 'Center loss', 'Triplet regularizer', 'Category + binary verification', 'Simplex centers (Nirvana)',
];

test('the six losses reach their MNIST targets in two epochs from the default page', async ({ page }) => {
  await openApp(page);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Add run' }).click();
  await expect(page.getByRole('figure', { name: 'Embedding' })).toHaveCount(6);
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByRole('spinbutton', { name: 'Planned epochs' })).toHaveValue('2');
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeEnabled();
  // while training, the plots refresh from the snapshot worker on the other core: the training
  // worker itself spends next to no time on them (in-worker snapshots took ~9 %)
  const shownStep = async () => Number(/step ([\d,]+)/.exec((await page.getByRole('figure', { name: 'Embedding' }).first().textContent()) ?? '')?.[1].replace(/,/g, '') ?? 0);
  await expect.poll(shownStep, { timeout: 60_000 }).toBeGreaterThan(0);
  const firstShown = await shownStep();
  await expect.poll(shownStep, { timeout: 60_000 }).toBeGreaterThan(firstShown);
  // the share is counted from Train: its first steps hold two frames' weight reads over a second or so
  // of training (4 % at step 5 once), so it is read as it settles, not at the first frames
  const evalShare = async () => Number(/evaluation (\d+) % of time/.exec((await page.getByRole('region', { name: 'Status' }).textContent()) ?? '')?.[1] ?? NaN);
  await expect.poll(evalShare, { timeout: 60_000 }).toBeLessThanOrEqual(3);
  // pauses by itself at the plan's end
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 360_000 });
  const seconds = (Date.now() - t0) / 1000;
  const step = Number(await page.getByLabel('Step', { exact: true }).textContent());
  expect(step).toBe(938);
  const table = page.getByRole('table', { name: 'Metrics' });
  // the final metrics come from the metrics worker a moment after the pause
  for (const loss of LOSSES) {
    await expect(table.getByRole('row', { name: new RegExp(`^${loss.replace(/[+()]/g, '\\$&')}`) }).getByRole('cell').first()).toHaveText('938', { timeout: 60_000 });
  }
  const rows: Record<string, { acc: number; r1: number }> = {};
  for (const loss of LOSSES) {
    const cells = await table.getByRole('row', { name: new RegExp(`^${loss.replace(/[+()]/g, '\\$&')}`) }).getByRole('cell').allTextContents();
    rows[loss] = { acc: Number(cells[1]), r1: Number(cells[2]) };
  }
  console.log(`six runs, 938 steps in ${seconds.toFixed(0)} s: ${JSON.stringify(rows)}`);
  expect(rows['Softmax cross-entropy'].acc).toBeGreaterThanOrEqual(98.0);
  for (const loss of LOSSES.filter((l) => l !== 'Softmax cross-entropy')) {
    expect(rows[loss].acc, `${loss} accuracy`).toBeGreaterThanOrEqual(97.0);
  }
  // every loss, softmax too (97.3 here); heated-up softmax's 97.2 since its LR factor at heat-up is 0.3
  for (const loss of LOSSES) {
    expect(rows[loss].r1, `${loss} recall@1`).toBeGreaterThanOrEqual(97.0);
  }
  expect(Math.max(...LOSSES.map((l) => rows[l].acc)), 'best accuracy').toBeGreaterThanOrEqual(98.5);
  expect(Math.max(...LOSSES.map((l) => rows[l].r1)), 'best recall@1').toBeGreaterThanOrEqual(98.0);
  // the time is logged, not asserted: timings on a shared machine are noisy (npm run bench measures it)
});
