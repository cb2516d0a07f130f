/**
 * The page with six runs training at full speed: frames per second (requestAnimationFrame counts)
 * while a slider is dragged and while the mouse hovers over a plot, the round trip of a message to the
 * worker meanwhile (what a control waits for), and the evaluation share the status bar shows.
 */
import type { Browser, Page } from 'playwright-core';
import { COMPARISON_LOSS_IDS } from '../../src/losses';
import { defaultRun } from '../../src/store/runs';
import { median } from '../../src/bench/timeCell';
import { openApp } from './browser';

const WINDOW_MS = 5000;

export interface Spread { median: number; p95: number; max: number }

function spread(xs: number[]): Spread {
  const p = [...xs].sort((a, b) => a - b);
  return { median: median(p), p95: p[Math.min(p.length - 1, Math.floor(p.length * 0.95))], max: p[p.length - 1] };
}

export interface WindowFigures {
  fps: number;
  /** longest gap between two animation frames, ms */
  maxFrameMs: number;
  /** page → worker: until the worker handled the message (when a control's change takes effect) */
  toWorker: Spread;
  /** page → worker → page */
  roundTrip: Spread;
  pings: number;
}

export interface PageFigures {
  backend: string;
  runs: number;
  drag: WindowFigures;
  hover: WindowFigures;
  /** "evaluation N % of time" in the status bar, as a fraction */
  evalShare: number;
  /** the page's own throughput figure, samples/s over all runs */
  samplesPerSec: number;
  stepsDuringMeasurement: number;
}

function sixRunsHash(): string {
  const runs = COMPARISON_LOSS_IDS.map((loss, i) => defaultRun(loss, `r${i + 1}`));
  const cfg = { version: 1, dataset: 'mnist', backend: 'auto', embeddingDim: 2, batchSize: 128, seed: 1, evalSize: 2000, augment: true, openSet: [], runs };
  return '#config=' + encodeURIComponent(JSON.stringify(cfg));
}

// A string, not a function: tsx's transform would wrap named inner functions in a helper the page lacks.
const START_SAMPLER = `(() => {
  const s = { frames: 0, maxGap: 0, pings: [], on: true, t0: performance.now(), last: performance.now() };
  window.__benchSampler = s;
  const tick = (t) => { if (!s.on) return; s.frames++; s.maxGap = Math.max(s.maxGap, t - s.last); s.last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  (async () => { while (s.on) { s.pings.push(await window.__playground.ping()); await new Promise((r) => setTimeout(r, 50)); } })();
})()`;
const STOP_SAMPLER = `(() => {
  const s = window.__benchSampler;
  s.on = false;
  return { frames: s.frames, ms: performance.now() - s.t0, maxGap: s.maxGap, pings: s.pings };
})()`;

async function sampled(page: Page, act: () => Promise<void>): Promise<WindowFigures> {
  await page.evaluate(START_SAMPLER);
  await act();
  const r = await page.evaluate<{ frames: number; ms: number; maxGap: number; pings: { toWorker: number; roundTrip: number }[] }>(STOP_SAMPLER);
  return {
    fps: r.frames / (r.ms / 1000), maxFrameMs: r.maxGap,
    toWorker: spread(r.pings.map((x) => x.toWorker)), roundTrip: spread(r.pings.map((x) => x.roundTrip)), pings: r.pings.length,
  };
}

async function box(loc: ReturnType<Page['locator']>): Promise<{ x: number; y: number; width: number; height: number }> {
  await loc.scrollIntoViewIfNeeded();
  const b = await loc.boundingBox();
  if (!b) throw new Error('element has no box');
  return b;
}

async function stepCount(page: Page): Promise<number> {
  return Number((await page.getByLabel('Step', { exact: true }).textContent()) ?? 'NaN');
}

export async function measurePage(browser: Browser, url: string): Promise<PageFigures> {
  const page = await openApp(browser, url + sixRunsHash());
  try {
    await page.getByRole('button', { name: 'Train' }).click();
    // past the first steps and snapshots: the loop's evaluation spacing has settled
    await page.waitForFunction(() => Number(document.querySelector('[aria-label="Step"]')?.textContent) >= 15, undefined, { timeout: 120_000 });
    const step0 = await stepCount(page);

    const slider = page.getByRole('group', { name: 'Heated-up softmax' }).getByRole('slider', { name: 'α', exact: true });
    const s = await box(slider);
    const drag = await sampled(page, async () => {
      const y = s.y + s.height / 2;
      await page.mouse.move(s.x + s.width / 2, y);
      await page.mouse.down();
      const end = performance.now() + WINDOW_MS;
      for (let i = 0; performance.now() < end; i++) {
        await page.mouse.move(s.x + s.width * (0.5 + 0.4 * Math.sin(i / 6)), y);
        await page.waitForTimeout(10);
      }
      await page.mouse.up();
    });

    const plot = page.getByRole('group', { name: 'Softmax cross-entropy' }).getByRole('figure', { name: 'Embedding' }).first();
    const p = await box(plot);
    const hover = await sampled(page, async () => {
      const end = performance.now() + WINDOW_MS;
      for (let i = 0; performance.now() < end; i++) {
        const u = (i % 40) / 40;
        const v = (Math.floor(i / 40) % 10) / 10;
        await page.mouse.move(p.x + p.width * (0.05 + 0.9 * u), p.y + p.height * (0.05 + 0.9 * v));
        await page.waitForTimeout(10);
      }
    });

    const status = (await page.getByRole('region', { name: 'Status' }).textContent()) ?? '';
    const share = /evaluation (\d+) % of time/.exec(status);
    const sps = /(\d+) samples\/s/.exec((await page.getByLabel('Throughput').textContent()) ?? '');
    const backend = ((await page.getByTestId('backend-name').textContent()) ?? '').trim();
    const steps = (await stepCount(page)) - step0;
    await page.getByRole('button', { name: 'Pause' }).click();
    return {
      backend, runs: COMPARISON_LOSS_IDS.length, drag, hover,
      evalShare: share ? Number(share[1]) / 100 : NaN, samplesPerSec: sps ? Number(sps[1]) : NaN, stepsDuringMeasurement: steps,
    };
  } finally {
    await page.close();
  }
}
