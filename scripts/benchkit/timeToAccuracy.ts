/**
 * Time to accuracy in the real page, as a user meets it: the default page (one softmax run, or "Add
 * run" ×5 for the six losses), Train, and the wall-clock time until the page's own "Test accuracy"
 * (the 2 000 shown test images) first reads ≥ the target, and until the page pauses itself at the
 * planned length (two MNIST epochs). Samples/s is the status bar's figure at the end.
 */
import type { Browser } from 'playwright-core';
import { openApp } from './browser';

export interface TimeToAccuracy {
  runs: number;
  target: number;
  /** seconds from Train until the first snapshot at ≥ target (null if never within the plan) */
  secondsToTarget: number | null;
  stepAtTarget: number | null;
  /** seconds from Train until the page paused at the planned length */
  secondsToPlanEnd: number;
  planSteps: number;
  /** the best run's accuracy at the plan's end (as the page shows it) */
  finalAccuracy: number;
  samplesPerSec: number;
  backend: string;
}

export async function measureTimeToAccuracy(browser: Browser, url: string, runs: 1 | 6, target = 0.98): Promise<TimeToAccuracy> {
  const page = await openApp(browser, url);
  try {
    for (let i = 1; i < runs; i++) await page.getByRole('button', { name: 'Add run' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Test accuracy"]').length >= n, runs, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Train' }).waitFor({ state: 'visible' });
    await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Train' && !b.disabled), undefined, { timeout: 120_000 });
    // polled inside the page (every animation frame) so the time is not the poll interval's
    const result = await page.evaluate(async (goal) => {
      const best = (): number => Math.max(0, ...[...document.querySelectorAll('[aria-label="Test accuracy"]')].map((e) => Number(/([\d.]+)\s*%/.exec(e.textContent ?? '')?.[1] ?? 0) / 100));
      const stepNow = (): number => Number(document.querySelector('[aria-label="Step"]')?.textContent ?? 0);
      const trainButton = (): HTMLButtonElement | undefined => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Train');
      const t0 = performance.now();
      trainButton()?.click();
      let hit: { s: number; step: number } | null = null;
      await new Promise<void>((resolve) => {
        const tick = () => {
          if (!hit && best() >= goal) hit = { s: (performance.now() - t0) / 1000, step: stepNow() };
          // the plan's end: Train is enabled again after the run started. Steps must have been made:
          // with runs just added, the worker is still syncing them and Train is briefly enabled again
          // before the start it queued behind them takes effect
          if (performance.now() - t0 > 2000 && stepNow() > 0 && trainButton()?.disabled === false) { resolve(); return; }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const h = hit as { s: number; step: number } | null;
      return { secondsToTarget: h?.s ?? null, stepAtTarget: h?.step ?? null, secondsToPlanEnd: (performance.now() - t0) / 1000, planSteps: stepNow(), finalAccuracy: best() };
    }, target);
    const sps = Number(((await page.getByLabel('Throughput').textContent()) ?? '').replace(/[^\d.]/g, ''));
    const backend = ((await page.getByTestId('backend-name').textContent()) ?? '').trim();
    return { runs, target, ...result, samplesPerSec: sps, backend };
  } finally {
    await page.close();
  }
}

/** The rows of docs/benchmarks.md's time-to-accuracy table. */
export function accuracyTable(rows: TimeToAccuracy[]): string {
  const head = ['runs', 'backend', `time to ${100 * rows[0].target} % (s)`, 'step then', 'plan end (s)', 'plan steps', 'best accuracy at plan end', 'samples/s'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) {
    lines.push(`| ${r.runs} | ${r.backend} | ${r.secondsToTarget?.toFixed(1) ?? 'not reached'} | ${r.stepAtTarget ?? '–'} | ${r.secondsToPlanEnd.toFixed(1)} | ${r.planSteps} | ${(100 * r.finalAccuracy).toFixed(1)} % | ${r.samplesPerSec.toFixed(0)} |`);
  }
  return lines.join('\n');
}
