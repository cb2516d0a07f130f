/**
 * npm run soak [-- --minutes N]: six runs training in the real page (headless Chromium, the built
 * app from dist/ under vite preview) for N minutes (default 10), with a plan long enough that they
 * never pause. Every minute it prints the page's JS heap (after a garbage collection, via the DevTools
 * protocol; the median of three), the worker's TensorFlow.js tensor count and bytes (the page's
 * ?debug=memory hook), the page's frames/s (requestAnimationFrame callbacks), the plots' new frames per minute (the fewest of
 * the six "Embedding" figures) and training steps/s. At the end (exit code 1 if not): did heap and
 * tensor count stay within 10 % of their minute-2 values (minute 1 holds the start-up and the
 * snapshot history filling), did the page keep ≥ 40 frames/s, did every plot keep moving?
 *
 * Build first (`npm run build`; the script does it when dist/ is missing). Figures depend on the
 * machine: on a shared CPU the throughput and frame rate move with the other load.
 */
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { preview } from 'vite';
import { launch } from './benchkit/browser';
import { COMPARISON_LOSS_IDS } from '../src/losses';
import { defaultRun } from '../src/store/runs';
import { defaultConfig } from '../src/store/store';

const TOLERANCE = 0.1;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

const minutes = arg('minutes', 10);
// the default comparison ("Add run" ×5: the registry's first six losses), with a plan far beyond any soak: the loop
// pauses at the planned length
const config = { ...defaultConfig(), backend: 'wasm', plannedEpochs: 1000, runs: COMPARISON_LOSS_IDS.map((l, i) => defaultRun(l, `r${i + 1}`)) };

const MIN_FPS = 40;

interface Sample { minute: number; heapMB: number; tensors: number; tensorMB: number; fps: number; plotFramesPerMin: number; stepsPerSec: number; step: number }

async function main(): Promise<void> {
  if (!existsSync('dist/index.html')) execSync('npm run build', { stdio: 'inherit' });
  const server = await preview({ build: { outDir: 'dist' }, preview: { host: '127.0.0.1', port: 0, strictPort: true }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not report its port');
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => console.error(`  page error: ${String(e)}`));
    await page.addInitScript('globalThis.__name = (f) => f'); // tsx's keepNames helper, see benchkit/browser.ts
    await page.goto(`http://127.0.0.1:${address.port}/?debug=memory#config=${encodeURIComponent(JSON.stringify(config))}`);
    const train = page.getByRole('button', { name: 'Train' });
    await train.waitFor({ state: 'visible', timeout: 120_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Train' && !b.disabled), undefined, { timeout: 180_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    // frames: requestAnimationFrame callbacks actually run (the page draws in them); plot frames: each
    // Embedding figure's new steps, read every 100 ms (a string: see benchkit/plotFrames.ts)
    await page.evaluate(`(() => {
      window.__frames = 0;
      window.__plotFrames = [];
      const last = [];
      const tick = () => { window.__frames++; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      setInterval(() => {
        document.querySelectorAll('[role="figure"][aria-label="Embedding"]').forEach((f, i) => {
          const step = f.getAttribute('data-step');
          if (step !== last[i]) { last[i] = step; window.__plotFrames[i] = (window.__plotFrames[i] ?? 0) + 1; }
        });
      }, 100);
    })()`);
    /**
     * The heap after a full collection, the median of three taken 2 s apart: one such reading also
     * holds whatever is in flight at that moment (a frame's six snapshots, a metrics table, a chart's
     * redraw), which moved single readings by ±1 MiB of ~10 with no trend (2026-12-06).
     */
    const heapAfterGc = async (): Promise<number> => {
      const used: number[] = [];
      for (let i = 0; i < 3; i++) {
        if (i) await page.waitForTimeout(2000);
        await cdp.send('HeapProfiler.collectGarbage');
        used.push(((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize);
      }
      return used.sort((x, y) => x - y)[1];
    };
    const read = async () => {
      const heap = { usedSize: await heapAfterGc() };
      const page_ = await page.evaluate(async () => {
        const w = window as unknown as { __frames: number; __plotFrames: number[]; __trainerMemory?: () => Promise<{ tensors: number; bytes: number }> };
        if (!w.__trainerMemory) throw new Error('the page has no ?debug=memory hook');
        const m = await w.__trainerMemory();
        const step = Number(document.querySelector('[aria-label="Step"]')?.textContent ?? NaN);
        return { ...m, frames: w.__frames, plotFrames: w.__plotFrames.slice(), step };
      });
      return { heap: heap.usedSize, t: performance.now(), ...page_ };
    };
    await train.click();
    console.log(`soak: the six losses on wasm, batch 128, ${minutes} min`);
    console.log('minute   heap MB   tensors   tensor MB   frames/s   plot frames/min   steps/s   step');
    let prev = await read();
    const samples: Sample[] = [];
    for (let m = 1; m <= minutes; m++) {
      await page.waitForTimeout(60_000);
      const cur = await read();
      const secs = (cur.t - prev.t) / 1000;
      const plotFrames = cur.plotFrames.map((f, i) => f - (prev.plotFrames[i] ?? 0));
      const s: Sample = {
        minute: m, heapMB: cur.heap / 2 ** 20, tensors: cur.tensors, tensorMB: cur.bytes / 2 ** 20,
        fps: (cur.frames - prev.frames) / secs, plotFramesPerMin: (Math.min(...plotFrames) * 60) / secs,
        stepsPerSec: (cur.step - prev.step) / secs, step: cur.step,
      };
      samples.push(s);
      console.log(`${String(m).padStart(6)}   ${s.heapMB.toFixed(1).padStart(7)}   ${String(s.tensors).padStart(7)}   ${s.tensorMB.toFixed(2).padStart(9)}   ${s.fps.toFixed(1).padStart(8)}   ${s.plotFramesPerMin.toFixed(0).padStart(15)}   ${s.stepsPerSec.toFixed(2).padStart(7)}   ${s.step}`);
      prev = cur;
    }
    const running = await page.getByRole('button', { name: 'Pause' }).isEnabled();
    // from minute 2: the first minute holds the start-up, and the snapshot history fills in it
    const [first, ...later] = samples.length > 2 ? samples.slice(1) : samples;
    const drift = (f: (s: Sample) => number) => Math.max(0, ...later.map((s) => Math.abs(f(s) - f(first)) / Math.max(1e-9, f(first))));
    const heapDrift = drift((s) => s.heapMB);
    const tensorDrift = drift((s) => s.tensors);
    const flat = heapDrift <= TOLERANCE && tensorDrift <= TOLERANCE;
    const minFps = Math.min(...samples.map((s) => s.fps));
    const minPlotFrames = Math.min(...samples.map((s) => s.plotFramesPerMin));
    const smooth = minFps >= MIN_FPS && minPlotFrames > 0;
    console.log(`from minute ${first.minute}: heap within ${(heapDrift * 100).toFixed(1)} %, tensor count within ${(tensorDrift * 100).toFixed(1)} % `
      + `(limit ${TOLERANCE * 100} %): ${flat ? 'FLAT' : 'NOT FLAT'}; page frames/s at least ${minFps.toFixed(1)} (limit ${MIN_FPS}), `
      + `plot frames a minute at least ${minPlotFrames.toFixed(0)}: ${smooth ? 'SMOOTH' : 'NOT SMOOTH'}; still training at the end: ${running ? 'yes' : 'NO'}`);
    if (!flat || !smooth || !running) process.exitCode = 1;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
