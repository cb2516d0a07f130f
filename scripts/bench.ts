/**
 * `npm run bench` (issue 7): our training step against TF.js's own model.fit on the same network, for
 * every backend, MNIST and CIFAR-10, one run and six runs in lock-step — in headless Chromium through
 * the page's real worker, and in Node — then the page's smoothness with six runs training (frames per
 * second while dragging a slider and hovering the plot, control latency, evaluation share).
 * Writes bench/results.json (one row per timed cell), bench/details.json (everything measured per cell)
 * and bench/page.json, and prints the table last.
 *
 *   npm run bench                         # build, then everything (< 10 minutes on 2 cores)
 *   npx tsx scripts/bench.ts --only chromium:webgl,node:wasm --no-page   # a subset; writes nothing
 *
 * Timing method: src/bench/timeCell.ts. The machine may be shared: compare ratios within one run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { BenchOutcome } from '../src/bench/protocol';
import { benchInPage, launch, openApp } from './benchkit/browser';
import { benchInNode } from './benchkit/node';
import { measurePage, type PageFigures } from './benchkit/page';
import { BROWSER_BACKENDS, NODE_BACKENDS, plan, type PlannedCell } from './benchkit/plan';
import { report, type CellResult } from './benchkit/report';
import { startPreview } from './benchkit/server';
import { accuracyTable, measureTimeToAccuracy, type TimeToAccuracy } from './benchkit/timeToAccuracy';
import { describeAnimation } from './benchkit/plotFrames';
import { liveTable, measureLiveVsOff, type LiveVsOff } from './benchkit/liveFrames';

const args = process.argv.slice(2);
const optArg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = optArg('only')?.split(',');
const wanted = (c: PlannedCell): boolean => !only || only.includes(`${c.env}:${c.backend}`) || only.includes(c.env);
const accuracyOnly = args.includes('--accuracy-only');
const liveOnly = args.includes('--live-only');
const withPage = !args.includes('--no-page') && !accuracyOnly && !liveOnly;
const withAccuracy = !args.includes('--no-accuracy') && !liveOnly;
const withLive = !args.includes('--no-live') && !accuracyOnly;
const partial = Boolean(only) || !withPage || accuracyOnly || liveOnly;

const started = performance.now();
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(0)} s`;

function describe(c: PlannedCell, o: BenchOutcome): string {
  if (!o.ok) return `skipped: ${o.skipped}`;
  const t = o.timing;
  const ratio = t.peerSamplesPerSec ? (t.oursSamplesPerSec / t.peerSamplesPerSec).toFixed(2) : '–';
  return `ours ${t.oursSamplesPerSec.toFixed(0)}/s, peer ${t.peerSamplesPerSec?.toFixed(0) ?? '–'}/s (${ratio}×), warm-up ${(t.warmupMs.ours / 1000).toFixed(1)}+${((t.warmupMs.peer ?? 0) / 1000).toFixed(1)} s, ${t.oursBlockMs.length} blocks${c.backend === 'wasm' ? '' : `, batch ${c.batchSize}`}`;
}

async function runCells(cells: PlannedCell[], run: (c: PlannedCell) => Promise<BenchOutcome>, out: CellResult[]): Promise<void> {
  const skippedBackends = new Map<string, string>();
  for (const c of cells) {
    const key = `${c.env}:${c.backend}`;
    const prior = skippedBackends.get(key);
    let o: BenchOutcome;
    if (prior) o = { ok: false, skipped: prior };
    else {
      try {
        o = await run(c);
      } catch (e) {
        o = { ok: false, skipped: `failed: ${e instanceof Error ? e.message : String(e)}` };
      }
      // a backend that cannot start here cannot start for the next cell either
      if (!o.ok && !o.skipped.startsWith('failed')) skippedBackends.set(key, o.skipped);
    }
    out.push({ cell: c, outcome: o });
    console.log(`[${elapsed()}] ${c.env} ${c.backend} ${c.dataset} ×${c.runs}: ${describe(c, o)}`);
  }
}

async function main(): Promise<void> {
  const results: CellResult[] = [];
  const browserCells = accuracyOnly || liveOnly ? [] : plan('chromium', BROWSER_BACKENDS).filter(wanted);
  const nodeCells = accuracyOnly || liveOnly ? [] : plan('node', NODE_BACKENDS).filter(wanted);
  const accuracy: TimeToAccuracy[] = [];
  const live: LiveVsOff[] = [];
  let page: PageFigures | null = null;
  if (browserCells.length || withPage || withAccuracy || withLive) {
    const server = await startPreview();
    let browser: Browser | null = null;
    try {
      browser = await launch();
      console.log(`[${elapsed()}] ${await browser.version()} on ${server.url}`);
      if (browserCells.length) {
        const p: Page = await openApp(browser, server.url);
        await runCells(browserCells, (c) => benchInPage(p, { ...c, baseUrl: server.url }), results);
        await p.close();
      }
      if (withPage) {
        page = await measurePage(browser, server.url);
        console.log(`[${elapsed()}] page: ${JSON.stringify(page)}`);
      }
      if (withLive) {
        for (const runs of [1, 6]) {
          const l = await measureLiveVsOff(browser, server.url, runs);
          live.push(l);
          console.log(`[${elapsed()}] plots live vs off, ${runs} run(s): ${l.liveSamplesPerSec.toFixed(0)} vs ${l.offSamplesPerSec.toFixed(0)} samples/s; page ${l.pageFps.toFixed(0)} frames/s\n${describeAnimation(l.animation)}`);
        }
      }
      if (withAccuracy) {
        for (const runs of [1, 6] as const) {
          const a = await measureTimeToAccuracy(browser, server.url, runs);
          accuracy.push(a);
          console.log(`[${elapsed()}] time to ${100 * a.target} %, ${runs} run(s): ${JSON.stringify(a)}`);
        }
      }
    } finally {
      await browser?.close();
      await server.close();
    }
  }
  await runCells(nodeCells, benchInNode, results);

  const { rows, details, text } = report(results, page, elapsed());
  if (!partial) {
    mkdirSync('bench', { recursive: true });
    writeFileSync('bench/results.json', JSON.stringify(rows, null, 2) + '\n');
    writeFileSync('bench/details.json', JSON.stringify(details, null, 2) + '\n');
    if (page) writeFileSync('bench/page.json', JSON.stringify(page, null, 2) + '\n');
    if (accuracy.length) writeFileSync('bench/accuracy.json', JSON.stringify(accuracy, null, 2) + '\n');
    if (live.length) writeFileSync('bench/live.json', JSON.stringify(live, null, 2) + '\n');
    console.log('\nwrote bench/results.json, bench/details.json, bench/page.json');
  } else {
    console.log('\n(a subset: bench/*.json left as they were)');
  }
  console.log(text);
  if (accuracy.length) console.log(`\n${accuracyTable(accuracy)}`);
  if (live.length) console.log(`\n${liveTable(live)}`);
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(e);
  process.exit(1);
});
