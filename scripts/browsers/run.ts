/**
 * npm run test:browsers: the core walk (walk.ts) in Firefox (firefox-esr over WebDriver BiDi) and in
 * WebKit (WebKitGTK's MiniBrowser over WebDriver), against the built page under vite preview; the
 * Playwright suite covers Chromium. Builds dist/ when there is none (npm test's test:e2e built it).
 * `-- firefox`, `-- webkit` or `-- chromium` walks those named; BROWSERS_PORT moves the preview server (default: a free port).
 */
import { existsSync } from 'node:fs';
import { build } from 'vite';
import { startPreview } from '../benchkit/server';
import type { WalkDriver } from './driver';
import { launch, pageDriver } from './puppeteerDriver';
import { walk, type WalkResult } from './walk';
import { webkitDriver } from './webdriver';

/** walked by default; 'chromium' (the Playwright suite's browser) on request, for figures side by side */
const ALL = ['firefox', 'webkit'] as const;
const KNOWN = [...ALL, 'chromium'] as const;
type Name = (typeof KNOWN)[number];

async function open(name: Name): Promise<{ driver: WalkDriver; close: () => Promise<void> }> {
  if (name === 'firefox' || name === 'chromium') {
    const browser = await launch(name);
    const driver = await pageDriver(browser, await browser.version());
    return { driver, close: async () => { await driver.close(); await browser.close(); } };
  }
  const driver = await webkitDriver(Number(process.env.WEBDRIVER_PORT ?? 4197));
  return { driver, close: () => driver.close() };
}

function summary(r: WalkResult): string {
  return `${r.browser}: walk ${r.totalSeconds.toFixed(0)} s; backend ${r.backend}; ${Math.round(r.samplesPerSec)} samples/s; `
    + `90 % in ${r.secondsTo90.toFixed(0)} s (${(r.accuracy * 100).toFixed(1)} %); plot ${r.plotFramesPerSec.toFixed(1)} frames/s; video: ${r.video}\n    ${r.notChosen}`;
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a): a is Name => (KNOWN as readonly string[]).includes(a));
  const names = asked.length ? asked : [...ALL];
  if (!existsSync('dist/index.html')) await build({ logLevel: 'warn' });
  const server = await startPreview('dist', Number(process.env.BROWSERS_PORT ?? 0));
  const { url } = server;
  const results: WalkResult[] = [];
  const failures: string[] = [];
  try {
    for (const name of names) {
      console.log(`[browsers] ${name}`);
      let session: Awaited<ReturnType<typeof open>> | null = null;
      try {
        session = await open(name);
        const r = await walk(session.driver, url, (s) => console.log(s));
        results.push(r);
        console.log(`[browsers] ok ${summary(r)}`);
      } catch (e) {
        failures.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
        console.log(`[browsers] FAILED ${name}: ${e instanceof Error ? e.stack : String(e)}`);
      } finally {
        await session?.close().catch(() => undefined);
      }
    }
  } finally {
    await server.close();
  }
  if (failures.length) {
    console.error(`[browsers] ${failures.length} of ${names.length} walk(s) failed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`[browsers] all ${names.length} walks passed`);
  process.exit(0);
}

void main();
