/**
 * npm run stress [-- --pages N --browsers firefox,chromium]: fresh loads of the built page (vite
 * preview), each in a new browser context (empty storage, as a first visit), Train pressed as soon as
 * it is enabled; a page whose training step does not move within 10 s of Train is a stall (issue 23:
 * Firefox stalled in about 2 of 17 fresh loads when a worker started workers). Prints each stall and
 * the count per browser; exits 1 when any page stalled or failed to load.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { startPreview } from './benchkit/server';
import { launch, type PuppeteerBrowser } from './browsers/puppeteerDriver';

const STALL_MS = 10_000;
const LOAD_MS = 120_000;
/** the whole of one page, load and training included */
const PAGE_MS = LOAD_MS + STALL_MS + 30_000;

const { values } = parseArgs({ options: { pages: { type: 'string', default: '50' }, browsers: { type: 'string', default: 'firefox,chromium' } } });
const pages = Number(values.pages);
const browsers = (values.browsers ?? '').split(',').filter(Boolean) as PuppeteerBrowser[];

/** The page's training step (the status line's "Step"), or -1 before it shows. */
const STEP = `Number((document.querySelector('[aria-label="Step"]') || { textContent: '-1' }).textContent)`;
const TRAIN_ENABLED = `(() => { const b = [...document.querySelectorAll('button')].find((x) => x.textContent.trim() === 'Train'); return !!b && !b.disabled; })()`;
const CLICK_TRAIN = `[...document.querySelectorAll('button')].find((x) => x.textContent.trim() === 'Train').click()`;

interface Outcome { ok: boolean; what: string; loadS: number; firstStepS: number }

async function poll(page: import('puppeteer-core').Page, expression: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await page.evaluate(expression).catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function onePage(browser: import('puppeteer-core').Browser, url: string): Promise<Outcome> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    if (!(await poll(page, TRAIN_ENABLED, LOAD_MS))) return { ok: false, what: `Train never enabled within ${LOAD_MS / 1000} s ${errors.join(' ')}`, loadS: NaN, firstStepS: NaN };
    const loadS = (Date.now() - t0) / 1000;
    const start = Number(await page.evaluate(STEP));
    await page.evaluate(CLICK_TRAIN);
    const t1 = Date.now();
    // moved: at least two steps past where it was (a stall showed step 0 or 1 and stayed there)
    const moved = await poll(page, `${STEP} >= ${start + 2}`, STALL_MS);
    const step = Number(await page.evaluate(STEP));
    return moved
      ? { ok: true, what: `step ${step}`, loadS, firstStepS: (Date.now() - t1) / 1000 }
      : { ok: false, what: `STALL: step ${step} after ${STALL_MS / 1000} s ${errors.join(' ')}`, loadS, firstStepS: NaN };
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  if (!existsSync('dist/index.html')) await build({ logLevel: 'warn' });
  const server = await startPreview('dist', Number(process.env.BROWSERS_PORT ?? 0));
  const { url } = server;
  const lines: string[] = [];
  let bad = 0;
  try {
    for (const name of browsers) {
      const browser = await launch(name);
      const version = await browser.version();
      let stalls = 0;
      const loads: number[] = [];
      const firsts: number[] = [];
      try {
        for (let i = 1; i <= pages; i++) {
          // a page whose driver calls never come back (a hung page) counts as failed, and the run goes on
          let timer: ReturnType<typeof setTimeout> | undefined;
          const hung = new Promise<Outcome>((resolve) => { timer = setTimeout(() => resolve({ ok: false, what: `no answer from the page within ${PAGE_MS / 1000} s`, loadS: NaN, firstStepS: NaN }), PAGE_MS); });
          const o = await Promise.race([onePage(browser, url), hung])
            .catch((e: unknown): Outcome => ({ ok: false, what: `error: ${String(e)}`, loadS: NaN, firstStepS: NaN }))
            .finally(() => clearTimeout(timer));
          if (!o.ok) stalls++;
          if (o.ok) { loads.push(o.loadS); firsts.push(o.firstStepS); }
          console.log(`[stress] ${name} ${i}/${pages}: ${o.ok ? 'ok' : 'FAIL'} ${o.what} (load ${o.loadS.toFixed(1)} s, 2 steps in ${o.firstStepS.toFixed(1)} s)`);
        }
      } finally {
        await browser.close();
      }
      const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
      lines.push(`${name} (${version}): ${pages - stalls}/${pages} pages trained, ${stalls} stalled or failed; median load ${median(loads).toFixed(1)} s, median 2 steps after Train ${median(firsts).toFixed(1)} s`);
      bad += stalls;
    }
  } finally {
    await server.close();
  }
  console.log(`[stress] summary\n  ${lines.join('\n  ')}`);
  process.exit(bad ? 1 : 0);
}

void main();
