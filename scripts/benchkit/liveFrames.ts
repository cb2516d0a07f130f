/**
 * The plots while training, and what they cost the training: the default page with one run (or the
 * six losses), a long plan so that it never pauses, Train, then
 *  - the first 30 s as a person sees them: each "Embedding" figure's new frames, the first trained
 *    frame, the longest gap (plotFrames.ts), the page's own frame rate;
 *  - samples/s with the plots live against the same page with frames while training switched off
 *    (the bench hook), in alternating blocks, counted from the step counter over wall-clock time.
 */
import type { Browser, Page } from 'playwright-core';
import { LOSS_IDS } from '../../src/losses';
import { defaultRun } from '../../src/store/runs';
import { defaultConfig } from '../../src/store/store';
import { openApp } from './browser';
import { plotAnimation, START_PLOT_SAMPLER, STOP_PLOT_SAMPLER, type PlotAnimation, type SamplerResult } from './plotFrames';

export interface LiveVsOff {
  runs: number;
  /** the first `watchMs` after Train, plots live */
  animation: PlotAnimation[];
  pageFps: number;
  longestPageFrameMs: number;
  liveSamplesPerSec: number;
  offSamplesPerSec: number;
  /** every block, in order */
  blocks: { frames: boolean; samplesPerSec: number }[];
}

function hash(runs: number): string {
  const base = defaultConfig();
  const list = runs === 1 ? base.runs : LOSS_IDS.slice(0, runs).map((l, i) => defaultRun(l, `r${i + 1}`));
  // a long plan: the page must not pause itself at two epochs in the middle of a block
  return '#config=' + encodeURIComponent(JSON.stringify({ ...base, plannedEpochs: 50, runs: list }));
}

async function stepNow(page: Page): Promise<number> {
  return Number((await page.getByLabel('Step', { exact: true }).textContent()) ?? NaN);
}

/** Samples/s over `ms` of training, from the lock-step counter (every run trains each step's batch). */
async function block(page: Page, ms: number, runs: number, batch: number): Promise<number> {
  const s0 = await stepNow(page);
  const t0 = performance.now();
  await page.waitForTimeout(ms);
  const s1 = await stepNow(page);
  return ((s1 - s0) * batch * runs) / ((performance.now() - t0) / 1000);
}

export async function measureLiveVsOff(browser: Browser, url: string, runs: number, opts: { watchMs?: number; blockMs?: number; pairs?: number } = {}): Promise<LiveVsOff> {
  const { watchMs = 30_000, blockMs = 10_000, pairs = 2 } = opts;
  const page = await openApp(browser, url + hash(runs));
  if (process.env.BENCH_REDUCED_MOTION) await page.emulateMedia({ reducedMotion: 'reduce' });
  try {
    await page.waitForFunction((n) => document.querySelectorAll('[role="figure"][aria-label="Embedding"]').length >= n, runs, { timeout: 60_000 });
    await page.evaluate(START_PLOT_SAMPLER);
    await page.getByRole('button', { name: 'Train' }).click();
    await page.waitForTimeout(watchMs);
    const watched = await page.evaluate<SamplerResult>(STOP_PLOT_SAMPLER);
    const hook = 'window.__playground';
    const batch = defaultConfig().batchSize;
    const blocks: LiveVsOff['blocks'] = [];
    for (let i = 0; i < pairs; i++) {
      for (const frames of [false, true]) {
        await page.evaluate(`${hook}.frames(${frames})`);
        await page.waitForTimeout(1000); // a frame in flight lands; the page settles
        blocks.push({ frames, samplesPerSec: await block(page, blockMs, runs, batch) });
      }
    }
    await page.getByRole('button', { name: 'Pause' }).click();
    const mean = (on: boolean) => {
      const xs = blocks.filter((b) => b.frames === on).map((b) => b.samplesPerSec);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    return {
      runs, animation: plotAnimation(watched), pageFps: watched.raf / (watched.ms / 1000), longestPageFrameMs: watched.maxRafGap,
      liveSamplesPerSec: mean(true), offSamplesPerSec: mean(false), blocks,
    };
  } finally {
    await page.close();
  }
}

/** The rows docs/benchmarks.md shows. */
export function liveTable(rows: LiveVsOff[]): string {
  const head = ['runs', 'samples/s, plots live', 'samples/s, plots off', 'live ÷ off', 'new frames/s per plot (slowest)', 'first trained frame (s, latest)', 'longest gap (s)', 'page frames/s'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) {
    const a = r.animation;
    lines.push(`| ${r.runs} | ${r.liveSamplesPerSec.toFixed(0)} | ${r.offSamplesPerSec.toFixed(0)} | ${(r.liveSamplesPerSec / r.offSamplesPerSec).toFixed(2)} | `
      + `${Math.min(...a.map((x) => x.framesPerSec)).toFixed(2)} | ${(Math.max(...a.map((x) => x.firstTrainedMs)) / 1000).toFixed(2)} | `
      + `${(Math.max(...a.map((x) => x.longestGapMs)) / 1000).toFixed(2)} | ${r.pageFps.toFixed(0)} |`);
  }
  return lines.join('\n');
}
