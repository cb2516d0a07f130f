import { expect, test } from '@playwright/test';
import { backendName, configHash, openApp, plotState } from './helpers';

test('the built page has a Content-Security-Policy that blocks inline scripts and lets the app train', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  // wasm forced: its compile is what 'wasm-unsafe-eval' allows
  await openApp(page, configHash({ evalSize: 500, backend: 'wasm' }));
  expect(await backendName(page)).toBe('wasm');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await plotState(page)).step).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);

  // what the policy is for: an injected inline script does not run
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.append(s);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
});

test('a changed #config= link does not replace trained runs without asking', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 500 }));
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => (await plotState(page)).step).toBe(1);
  const other = configHash({ evalSize: 500, seed: 7 });

  const dismissed = page.waitForEvent('dialog').then((d) => d.dismiss());
  await page.evaluate((h) => { location.hash = h; }, other);
  await dismissed;
  await expect(page.getByRole('alert').filter({ hasText: 'The changed link was not loaded; the trained runs are kept.' })).toBeVisible();
  expect(await plotState(page)).toMatchObject({ step: 1 });
  await expect(page.getByRole('spinbutton', { name: 'Seed' })).toHaveValue('1');

  const accepted = page.waitForEvent('dialog').then((d) => d.accept());
  await page.evaluate((h) => { location.hash = h; }, other);
  await accepted;
  await expect(page.getByRole('spinbutton', { name: 'Seed' })).toHaveValue('7');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
  await expect.poll(async () => (await plotState(page)).step).toBe(0);
});
