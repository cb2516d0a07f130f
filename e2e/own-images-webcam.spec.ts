import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { chromiumArgs, executablePath } from '../playwright.config';
import { configHash, openApp, plotState } from './helpers';

// Chromium's fake camera (a moving test pattern) and no permission prompt: for this spec only
test.use({ launchOptions: { executablePath, args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] } });

test('the webcam: hold to record frames into two classes, use them, and the runs train', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 200, batchSize: 32 }));
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('own-images');
  const panel = page.getByRole('region', { name: 'Your images' });
  const classes = panel.getByRole('list', { name: 'Classes' }).getByRole('group');
  await expect(classes).toHaveCount(2);
  await expect(classes.first().getByRole('button', { name: 'Hold to record' })).toBeDisabled(); // no camera yet

  await panel.getByRole('button', { name: 'Start webcam' }).click();
  await expect(panel.getByRole('button', { name: 'Stop webcam' })).toBeEnabled();
  await expect.poll(() => panel.getByLabel('Webcam preview').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);

  for (const [k, ms] of [[0, 1500], [1, 1500]] as const) {
    const record = classes.nth(k).getByRole('button', { name: 'Hold to record' });
    await record.hover();
    await page.mouse.down();
    await expect(record).toHaveAttribute('aria-pressed', 'true');
    await page.waitForTimeout(ms);
    await page.mouse.up();
    await expect(record).toHaveAttribute('aria-pressed', 'false');
  }
  const count = async (k: number) => Number((await classes.nth(k).getByLabel('Images in this class').textContent())?.match(/^\d+/)?.[0] ?? 0);
  const [a, b] = [await count(0), await count(1)];
  console.log(`[webcam] recorded ${a} and ${b} frames in 1.5 s each`);
  expect(a).toBeGreaterThanOrEqual(5);
  expect(b).toBeGreaterThanOrEqual(5);
  // more frames keep coming only while held
  await page.waitForTimeout(300);
  expect(await count(0)).toBe(a);
  // the panel with its classes, thumbnails and the live preview passes axe-core's checks
  const axe = await new AxeBuilder({ page }).include('section[aria-label="Your images"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  await panel.getByRole('button', { name: 'Use these images' }).click();
  await expect(page.getByTestId('dataset-description')).toHaveText(new RegExp(`^Your images: 2 classes, ${a + b - Math.max(1, Math.round(a * 0.2)) - Math.max(1, Math.round(b * 0.2))} train`), { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await plotState(page)).step, { timeout: 60_000 }).toBe(1);
  await expect(page.getByRole('figure', { name: 'Embedding' }).first()).toContainText('Class 2');
  await panel.getByRole('button', { name: 'Stop webcam' }).click();
  await expect(panel.getByLabel('Webcam preview')).toHaveCount(0);
});
