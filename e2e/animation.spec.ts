import { expect, test, type Page } from '@playwright/test';
import { describeAnimation, plotAnimation, START_PLOT_SAMPLER, STOP_PLOT_SAMPLER, type SamplerResult } from '../scripts/benchkit/plotFrames';
import { openApp, plotState } from './helpers';

/**
 * The plots animate while training, as a person sees them: every 100 ms each "Embedding" figure's
 * shown step is read (its data-step), for the first 30 s after Train on the default page.
 */
async function watchTraining(page: Page, ms: number) {
  await page.evaluate(START_PLOT_SAMPLER);
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForTimeout(ms);
  const r = await page.evaluate<SamplerResult>(STOP_PLOT_SAMPLER);
  const a = plotAnimation(r);
  console.log(`[animation] page ${(r.raf / (r.ms / 1000)).toFixed(0)} frames/s, longest ${r.maxRafGap.toFixed(0)} ms\n${describeAnimation(a)}`);
  return a;
}

// frames a second are time on a shared 2-core machine: a burst of load elsewhere (CI saw the six-run
// case at 1.2 frames a second once, 1.7–2.0 otherwise) gets one more try, a page that cannot keep up does not
test.describe.configure({ retries: 1 });

test('one run: a trained frame within 1.5 s of Train, then at least 4 frames a second, no gap over 1 s', async ({ page }) => {
  await openApp(page);
  const plot = page.getByRole('figure', { name: 'Embedding' });
  await expect(plot).toHaveAttribute('data-step', '0');
  const [a] = await watchTraining(page, 30_000);
  expect(a.firstTrainedMs).toBeLessThanOrEqual(1500);
  expect(a.framesPerSec).toBeGreaterThanOrEqual(4);
  expect(a.longestGapMs).toBeLessThanOrEqual(1000);
  // the plan's end (two epochs) shows every shown point, and says nothing of a part
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });
  await expect.poll(async () => (await plotState(page)).points).toBe(2000);
  await expect(plot).not.toContainText('of 2,000 points');
});

test('six runs: every plot has a trained frame within 3 s, then 1.5 frames a second, no gap over 2 s', async ({ page }) => {
  await openApp(page);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Add run' }).click();
  await expect(page.getByRole('figure', { name: 'Embedding' })).toHaveCount(6);
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  const plots = await watchTraining(page, 30_000);
  expect(plots).toHaveLength(6);
  for (const a of plots) {
    expect(a.firstTrainedMs).toBeLessThanOrEqual(3000);
    expect(a.framesPerSec).toBeGreaterThanOrEqual(1.5);
    expect(a.longestGapMs).toBeLessThanOrEqual(2000);
  }
  // a frame while training shows part of the points and says so; its accuracy says its step
  const first = page.getByRole('group', { name: 'Softmax cross-entropy' });
  await expect(first.getByRole('figure', { name: 'Embedding' })).toContainText('500 of 2,000 points');
  const shown = (await plotState(page, 'Softmax cross-entropy')).step;
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  // paused: every point, and the accuracy of the frame on show, at its step
  await expect.poll(async () => (await plotState(page, 'Softmax cross-entropy')).points).toBe(2000);
  const paused = await plotState(page, 'Softmax cross-entropy');
  expect(paused.step).toBeGreaterThanOrEqual(shown);
  await expect(first.getByLabel('Test accuracy step')).toHaveText(` at step ${paused.step}`);
});
