import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createServer } from 'vite';
import { plotState } from './helpers';

/**
 * `npm start` as a newcomer meets it: the dev server on its first start, with no pre-bundled
 * dependencies yet. The workers import packages the page does not (the wasm backend, the zip
 * reader); found late, they made the dev server reload the page and the training worker failed.
 */
test('npm start: on a first start the dev server\'s page trains and its plot animates', async ({ page }) => {
  test.setTimeout(180_000);
  const cacheDir = mkdtempSync(join(tmpdir(), 'vite-dev-'));
  const port = Number(process.env.PW_PORT ?? 4173) + 1100;
  const server = await createServer({ cacheDir, logLevel: 'warn', server: { port, strictPort: true, host: '127.0.0.1' }, optimizeDeps: { force: true } });
  try {
    await server.listen();
    const alerts: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') alerts.push(m.text()); });
    await page.goto(`http://127.0.0.1:${port}/`);
    const train = page.getByRole('button', { name: 'Train' });
    await expect(train).toBeEnabled({ timeout: 120_000 });
    await train.click();
    // a few frames of a training model, not just the step-0 snapshot
    await expect.poll(async () => (await plotState(page)).step, { timeout: 30_000 }).toBeGreaterThan(20);
    await expect(page.getByText(/training worker failed/i)).toHaveCount(0);
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(alerts.filter((a) => /worker|Failed to fetch/i.test(a))).toEqual([]);
  } finally {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
