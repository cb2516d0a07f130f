/**
 * The core walk of the page, the same in every browser (issue 23): load, Train until the plot animates
 * and test accuracy passes 90 %, Add run, a slider moved with the keyboard, Export PNG, a preset, and a
 * reload that offers Resume. Controls are found by role and accessible name, as a user finds them.
 * Measures on the way: the backend and why the others were not chosen, samples/s, the time to 90 %,
 * and the plot's frames per second (how often the "Embedding" figure's data-step changes).
 */
import { plotAnimation, START_PLOT_SAMPLER, STOP_PLOT_SAMPLER, type SamplerResult } from '../benchkit/plotFrames';
import { byRole, type WalkDriver } from './driver';

export interface WalkResult {
  browser: string;
  backend: string;
  notChosen: string;
  /** how this browser makes the video export: WebCodecs, MediaRecorder, or not at all */
  video: string;
  samplesPerSec: number;
  /** from pressing Train to a shown test accuracy of at least 90 % */
  secondsTo90: number;
  accuracy: number;
  /** frames while training: new data-step values of the plot per second over the first FRAME_WINDOW_MS after Train (as e2e/animation.spec.ts counts them) */
  plotFramesPerSec: number;
  /** from Train to the first trained frame, and the longest time between two frames, in that window */
  firstFrameMs: number;
  longestGapMs: number;
  /** seconds each stage took */
  stages: Record<string, number>;
  totalSeconds: number;
}

const FRAME_WINDOW_MS = 10_000;

async function waitFor<T>(d: WalkDriver, what: string, expression: string, timeoutMs: number, everyMs = 250): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await d.value<T>(expression);
      if (last) return last as T;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > until) {
      // what the page said meanwhile (its error banners) is usually the reason
      const said = await d.value<string[]>(`window.__walk.all('alert').map((e) => e.textContent).concat(window.__walk.all('status').map((e) => 'status: ' + e.textContent)).concat(['blobs: ' + JSON.stringify(window.__walk.blobs)])`).catch(() => []);
      throw new Error(`${d.label}: ${what}: not within ${timeoutMs / 1000} s (last: ${JSON.stringify(last)}; the page says: ${said.join(' | ') || 'nothing'})`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function click(d: WalkDriver, what: string, finder: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(d, `${what} to be enabled`, `(() => { const el = ${finder}; return !!el && !el.disabled; })()`, timeoutMs);
  if (!(await d.click(finder))) throw new Error(`${d.label}: ${what}: not found`);
}

const FIGURE = byRole('figure', 'Embedding');
const stepOf = (figure = FIGURE) => `Number((${figure} || { getAttribute: () => -1 }).getAttribute('data-step'))`;
const ACCURACY = `(() => { const el = document.querySelector('[aria-label="Test accuracy"]'); const m = el && el.textContent.match(/([\\d.]+)\\s*%/); return m ? Number(m[1]) / 100 : 0; })()`;

export async function walk(d: WalkDriver, url: string, log: (s: string) => void): Promise<WalkResult> {
  const stages: Record<string, number> = {};
  const t0 = Date.now();
  let mark = t0;
  const stage = (name: string) => { const now = Date.now(); stages[name] = (now - mark) / 1000; mark = now; log(`  ${name}: ${stages[name].toFixed(1)} s`); };

  await d.goto(url);
  await waitFor(d, 'Train to be enabled after the load', `(() => { const b = ${byRole('button', 'Train')}; return !!b && !b.disabled; })()`, 180_000, 500);
  await waitFor(d, 'the untrained embedding of 2 000 points', `(${FIGURE} || {}).getAttribute && ${FIGURE}.getAttribute('data-points') === '2000'`, 60_000);
  const backend = await d.value<string>(`document.querySelector('[data-testid=backend-name]').textContent.trim()`);
  const notChosen = await d.value<string>(`(document.querySelector('[data-testid=backend-not-chosen]') || {}).textContent || ''`);
  const video = await d.value<string>(`typeof VideoEncoder !== 'undefined' ? 'webcodecs' : typeof MediaRecorder !== 'undefined' ? 'mediarecorder' : 'none'`);
  stage('load');

  // Train: the plot animates (its step moves, frame after frame), then test accuracy passes 90 %
  await d.value(START_PLOT_SAMPLER);
  const trainAt = Date.now();
  await click(d, 'Train', byRole('button', 'Train'));
  await new Promise((r) => setTimeout(r, FRAME_WINDOW_MS));
  const [anim] = plotAnimation(await d.value<SamplerResult>(STOP_PLOT_SAMPLER));
  if (!anim || anim.frames < 4) throw new Error(`${d.label}: the plot does not animate: ${anim?.frames ?? 0} frames in ${FRAME_WINDOW_MS / 1000} s after Train`);
  log(`  plot: ${anim.frames} frames in ${FRAME_WINDOW_MS / 1000} s, first trained ${(anim.firstTrainedMs / 1000).toFixed(2)} s, longest gap ${(anim.longestGapMs / 1000).toFixed(2)} s`);
  const accuracy = await waitFor<number>(d, 'test accuracy ≥ 90 %', `(() => { const a = ${ACCURACY}; return a >= 0.9 ? a : 0; })()`, 240_000, 1000);
  const secondsTo90 = (Date.now() - trainAt) / 1000;
  const samplesPerSec = await d.value<number>(`Number(document.querySelector('[aria-label="Throughput"]').textContent.replace(/[^\\d.]/g, ''))`);
  stage('train to 90 %');

  // Add run while training: a second run and its plot
  await click(d, 'Add run', byRole('button', 'Add run'));
  await waitFor(d, 'a second Embedding figure', `window.__walk.all('figure', 'Embedding').length === 2`, 120_000);
  stage('add run');

  // a slider, by keyboard: the first run's learning rate one notch up
  const slider = byRole('slider', 'Learning rate', { role: 'group' });
  const before = await d.value<string>(`${slider}.getAttribute('aria-valuetext')`);
  if (!(await d.press(slider, 'ArrowRight'))) throw new Error(`${d.label}: no Learning rate slider`);
  await waitFor(d, 'the slider to move', `${slider}.getAttribute('aria-valuetext') !== ${JSON.stringify(before)}`, 10_000);
  const after = await d.value<string>(`${slider}.getAttribute('aria-valuetext')`);
  log(`  learning rate by keyboard: ${before} → ${after}`);
  // the plan (two epochs) may have ended by now, which pauses by itself
  if (await d.value<boolean>(`!${byRole('button', 'Pause')}.disabled`)) await click(d, 'Pause', byRole('button', 'Pause'));
  await waitFor(d, 'Train to be enabled after Pause', `!${byRole('button', 'Train')}.disabled`, 60_000);
  stage('slider, pause');

  // Export PNG: the menu, the dialog, a PNG blob handed to the download link
  await click(d, 'Export', byRole('button', 'Export'));
  await click(d, 'Export menu: PNG', byRole('menuitem', 'PNG'));
  await click(d, 'Download', byRole('button', 'Download', { role: 'dialog', name: 'Export PNG' }));
  await waitFor(d, 'a saved PNG', `window.__walk.blobs.some((b) => b.type === 'image/png' && b.size > 1000) && window.__walk.all('status').some((el) => /Saved .*\\.png/.test(el.textContent))`, 30_000);
  stage('export PNG');

  // Presets: the toy 2-D preset loads and its card shows the claim
  await click(d, 'Presets', byRole('button', 'Presets'));
  await click(d, 'the toy 2-D preset', byRole('menuitem', /^Toy 2-D/));
  await waitFor(d, 'the preset card', `!!document.querySelector('.preset-card') && ${stepOf()} >= 0 && window.__walk.all('figure', 'Embedding').length === 6`, 120_000);
  stage('preset');

  // reload: the saved session is offered, and Resume brings its runs back at their step
  await d.reload();
  await waitFor(d, 'the Resume offer', `!!${byRole('button', 'Resume', { role: 'region', name: 'Saved session' })}`, 120_000, 500);
  const offered = await d.value<string>(`${byRole('region', 'Saved session')}.textContent`);
  await waitFor(d, 'the page to be ready', `!${byRole('button', 'Train')}.disabled`, 180_000, 500);
  await click(d, 'Resume', byRole('button', 'Resume'));
  await waitFor(d, 'the resumed runs at their step', `${stepOf()} > 0 && !${byRole('button', 'Resume')}`, 120_000, 500);
  log(`  resumed: ${offered.replace(/\s+/g, ' ').slice(0, 90)}`);
  stage('reload, resume');

  return { browser: d.label, backend, notChosen, video, samplesPerSec, secondsTo90, accuracy, plotFramesPerSec: anim.framesPerSec, firstFrameMs: anim.firstTrainedMs, longestGapMs: anim.longestGapMs, stages, totalSeconds: (Date.now() - t0) / 1000 };
}
