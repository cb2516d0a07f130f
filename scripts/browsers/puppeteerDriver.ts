/**
 * Firefox (Debian's firefox-esr, over WebDriver BiDi) and Chromium (over CDP), driven by
 * puppeteer-core: no browser download, the system's browsers only.
 */
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { chromiumArgs, executablePath as chromiumPath } from '../../playwright.config';
import type { WalkDriver } from './driver';
import { WALK_HELPERS } from './inPage';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export type PuppeteerBrowser = 'firefox' | 'chromium';

export async function launch(kind: PuppeteerBrowser): Promise<Browser> {
  if (kind === 'firefox') {
    return puppeteer.launch({
      browser: 'firefox', executablePath: FIREFOX_PATH, protocol: 'webDriverBiDi', headless: true,
      // no first-run pages, no updates, no telemetry: a clean, quiet profile for each launch
      extraPrefsFirefox: { 'browser.shell.checkDefaultBrowser': false, 'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false },
    });
  }
  return puppeteer.launch({ executablePath: chromiumPath ?? '/usr/bin/chromium', headless: true, args: chromiumArgs });
}

async function element(page: Page, finder: string): Promise<ElementHandle<Element> | null> {
  const h = await page.evaluateHandle(`${WALK_HELPERS}; (${finder})`);
  const el = h.asElement() as ElementHandle<Element> | null;
  if (!el) await h.dispose();
  return el;
}

/** A walk driver on one page of `browser` (in a context of its own: a fresh profile's storage). */
export async function pageDriver(browser: Browser, label: string): Promise<WalkDriver> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  return {
    label,
    goto: async (url) => { await page.goto(url, { waitUntil: 'load' }); },
    reload: async () => { await page.reload({ waitUntil: 'load' }); },
    value: <T,>(expression: string) => page.evaluate(`${WALK_HELPERS}; (${expression})`) as Promise<T>,
    click: async (finder) => {
      const el = await element(page, finder);
      if (!el) return false;
      await el.click();
      await el.dispose();
      return true;
    },
    press: async (finder, key) => {
      const el = await element(page, finder);
      if (!el) return false;
      await el.focus();
      await page.keyboard.press(key);
      await el.dispose();
      return true;
    },
    close: async () => { await context.close(); },
  };
}
