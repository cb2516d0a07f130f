/**
 * Headless Chromium with the browser tests' flags (playwright.config.ts), driving the page's real
 * trainer worker through its test hook (window.__playground, src/bench/pageHook.ts; bench builds only).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs } from '../../playwright.config';
import type { BenchOutcome, BenchRequest } from '../../src/bench/protocol';

export async function launch(): Promise<Browser> {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`no Chromium at ${path}: install Debian's chromium or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: path, args: chromiumArgs, headless: true });
}

/** Opens the app and waits until its worker has built the runs (the Train button is enabled). */
export async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => console.error(`  page error: ${String(e)}`));
  // tsx compiles the functions this script hands to page.evaluate with esbuild's keepNames, which
  // wraps named inner functions in a `__name(...)` helper that exists only in Node
  await page.addInitScript('globalThis.__name = (f) => f');
  await page.goto(url);
  await page.getByRole('button', { name: 'Train' }).waitFor({ state: 'visible', timeout: 120_000 });
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Train');
    return b && !b.disabled && window.__playground;
  }, undefined, { timeout: 180_000 });
  return page;
}

export function benchInPage(page: Page, req: BenchRequest): Promise<BenchOutcome> {
  return page.evaluate((r) => {
    const hook = window.__playground;
    if (!hook) throw new Error('the page has no benchmark hook (window.__playground)');
    return hook.bench(r);
  }, req);
}
