/**
 * npm run soak [-- --minutes N]: six runs training in the real page (headless Chromium, the built
 * app from dist/ under vite preview) for N minutes (default 10). Every minute it prints the page's JS
 * heap (after a garbage collection, via the DevTools protocol), the worker's TensorFlow.js tensor
 * count and bytes (the page's ?debug=memory hook), frames/s (requestAnimationFrame callbacks on the
 * page) and training steps/s. At the end: did heap and tensor count stay within 10 % of their
 * first-minute values (exit code 1 if not)?
 *
 * Build first (`npm run build`; the script does it when dist/ is missing). Figures depend on the
 * machine: on a shared CPU the throughput and frame rate move with the other load.
 */
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { preview } from 'vite';
import { launch } from './benchkit/browser';

const TOLERANCE = 0.1;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

const minutes = arg('minutes', 10);
const run = (id: string, loss: string, name: string, learningRate = 0.001) => ({ id, name, loss, learningRate, params: {}, choices: {} });
const config = {
  version: 1, dataset: 'mnist', backend: 'wasm', embeddingDim: 2, batchSize: 128, seed: 1, evalSize: 2000, augment: true,
  plannedEpochs: 1000, // the loop pauses at the planned length: far beyond any soak
  runs: [
    run('r1', 'softmax', 'Softmax cross-entropy'), run('r2', 'heated', 'Heated-up softmax'), run('r3', 'center', 'Center loss'),
    run('r4', 'triplet', 'Triplet'), run('r5', 'pair', 'Pair'), run('r6', 'softmax', 'Softmax, higher rate', 0.003),
  ],
};

interface Sample { minute: number; heapMB: number; tensors: number; tensorMB: number; fps: number; stepsPerSec: number; step: number }

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
    // frames: requestAnimationFrame callbacks actually run (the page draws in them)
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number };
      w.__frames = 0;
      const tick = () => { w.__frames++; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    const read = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const page_ = await page.evaluate(async () => {
        const w = window as unknown as { __frames: number; __trainerMemory?: () => Promise<{ tensors: number; bytes: number }> };
        if (!w.__trainerMemory) throw new Error('the page has no ?debug=memory hook');
        const m = await w.__trainerMemory();
        const step = Number(document.querySelector('[aria-label="Step"]')?.textContent ?? NaN);
        return { ...m, frames: w.__frames, step };
      });
      return { heap: heap.usedSize, t: performance.now(), ...page_ };
    };
    await train.click();
    console.log(`soak: 6 runs (softmax, heated, center, triplet, pair, softmax at 3e-3) on wasm, batch 128, ${minutes} min`);
    console.log('minute   heap MB   tensors   tensor MB   frames/s   steps/s   step');
    let prev = await read();
    const samples: Sample[] = [];
    for (let m = 1; m <= minutes; m++) {
      await page.waitForTimeout(60_000);
      const cur = await read();
      const secs = (cur.t - prev.t) / 1000;
      const s: Sample = {
        minute: m, heapMB: cur.heap / 2 ** 20, tensors: cur.tensors, tensorMB: cur.bytes / 2 ** 20,
        fps: (cur.frames - prev.frames) / secs, stepsPerSec: (cur.step - prev.step) / secs, step: cur.step,
      };
      samples.push(s);
      console.log(`${String(m).padStart(6)}   ${s.heapMB.toFixed(1).padStart(7)}   ${String(s.tensors).padStart(7)}   ${s.tensorMB.toFixed(2).padStart(9)}   ${s.fps.toFixed(1).padStart(8)}   ${s.stepsPerSec.toFixed(2).padStart(7)}   ${s.step}`);
      prev = cur;
    }
    const running = await page.getByRole('button', { name: 'Pause' }).isEnabled();
    const [first, ...later] = samples;
    const drift = (f: (s: Sample) => number) => Math.max(0, ...later.map((s) => Math.abs(f(s) - f(first)) / Math.max(1e-9, f(first))));
    const heapDrift = drift((s) => s.heapMB);
    const tensorDrift = drift((s) => s.tensors);
    const flat = heapDrift <= TOLERANCE && tensorDrift <= TOLERANCE;
    console.log(`after minute 1: heap within ${(heapDrift * 100).toFixed(1)} %, tensor count within ${(tensorDrift * 100).toFixed(1)} % `
      + `(limit ${TOLERANCE * 100} %): ${flat ? 'FLAT' : 'NOT FLAT'}; still training at the end: ${running ? 'yes' : 'NO'}`);
    if (!flat || !running) process.exitCode = 1;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
