import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { serveStatic, type StaticServer } from '../scripts/staticServer';
import { plotState, testAccuracy } from './helpers';

// The built page as a plain static host serves it from a folder that is not the site's root (a
// GitHub Pages project page, a bucket prefix): every script, worker, wasm binary and data file must
// be fetched below that folder, under the page's Content-Security-Policy.
const PREFIX = '/some/sub/path/';
let server: StaticServer;

test.beforeAll(async () => {
  server = await serveStatic(join(import.meta.dirname, '..', 'dist'), PREFIX);
});
test.afterAll(async () => {
  await server?.close();
});

test('dist/ served from a sub-path: the page loads its workers, wasm and MNIST there and trains', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });

  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(async () => Number(await page.getByLabel('Step', { exact: true }).textContent()), { timeout: 60_000 }).toBeGreaterThan(1);
  await expect.poll(async () => (await plotState(page)).step, { timeout: 120_000 }).toBeGreaterThan(1);
  await expect.poll(async () => testAccuracy(page), { timeout: 120_000 }).toBeGreaterThan(0.2);
  await page.getByRole('button', { name: 'Pause' }).click();

  expect(errors, 'no uncaught page errors').toEqual([]);
  expect(server.notFound, 'nothing asked for outside the folder, or missing').toEqual([]);
  const fetched = server.requested.join('\n');
  for (const kind of [/^assets\/index-.*\.js$/m, /^assets\/trainer\.worker-.*\.js$/m, /^assets\/snapshot\.worker-.*\.js$/m, /\.wasm$/m, /^mnist\/train-images-idx3-ubyte\.gz$/m]) {
    expect(fetched, `fetched below ${PREFIX}`).toMatch(kind);
  }
});
