/**
 * How the plots animate, as a person sees it: every 100 ms the page's "Embedding" figures are read
 * for the step they show (their data-step), and every requestAnimationFrame is counted. A new frame
 * is a figure showing a step it did not show before. Used by the bench, the soak and the browser
 * tests (e2e/animation.spec.ts).
 */

/** A page-side sampler, as a string: tsx would wrap a function's inner named functions in a helper the page lacks. */
export const START_PLOT_SAMPLER = `(() => {
  const s = { t0: performance.now(), samples: [], raf: 0, maxRafGap: 0, lastRaf: performance.now(), on: true };
  window.__plotSampler = s;
  const tick = (t) => { if (!s.on) return; s.raf++; s.maxRafGap = Math.max(s.maxRafGap, t - s.lastRaf); s.lastRaf = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const sample = () => {
    if (!s.on) return;
    const figs = [...document.querySelectorAll('[role="figure"][aria-label="Embedding"]')];
    s.samples.push([performance.now() - s.t0, figs.map((f) => Number(f.getAttribute('data-step') ?? -1))]);
    setTimeout(sample, 100);
  };
  sample();
})()`;

/** Stops the sampler (the time origin is when it started: call it just before pressing Train). */
export const STOP_PLOT_SAMPLER = `(() => {
  const s = window.__plotSampler;
  s.on = false;
  return { ms: performance.now() - s.t0, samples: s.samples, raf: s.raf, maxRafGap: s.maxRafGap };
})()`;

export interface SamplerResult {
  ms: number;
  /** [ms since start, each figure's shown step] */
  samples: [number, number[]][];
  raf: number;
  maxRafGap: number;
}

export interface PlotAnimation {
  /** new frames seen (steps not shown before by that figure) */
  frames: number;
  /** ms from the start to the first frame of a trained model (shown step > 1); NaN if none */
  firstTrainedMs: number;
  /** longest time between two new frames from the first trained one to the last, ms */
  longestGapMs: number;
  /** ms from the first trained frame to the last */
  spanMs: number;
  /** new frames a second from the start to the last frame */
  framesPerSec: number;
  lastStep: number;
}

/** Per figure: its frames, first trained frame, longest gap (pure; see the module comment). */
export function plotAnimation(r: Pick<SamplerResult, 'samples'>): PlotAnimation[] {
  const plots = Math.max(0, ...r.samples.map(([, steps]) => steps.length));
  const out: PlotAnimation[] = [];
  for (let p = 0; p < plots; p++) {
    const seen = new Set<number>();
    let frames = 0, first = NaN, prevAt = NaN, last = NaN, gap = 0, lastStep = -1;
    for (const [t, steps] of r.samples) {
      const step = steps[p];
      if (step === undefined || step < 0) continue;
      if (seen.size === 0) { seen.add(step); lastStep = step; continue; } // what the plot showed at the start
      if (seen.has(step)) continue;
      seen.add(step);
      lastStep = step;
      frames++;
      if (Number.isNaN(first) && step > 1) first = t;
      if (!Number.isNaN(first) && !Number.isNaN(prevAt) && t > first) gap = Math.max(gap, t - prevAt);
      prevAt = t;
      last = t;
    }
    out.push({
      frames, firstTrainedMs: first, longestGapMs: gap, spanMs: last - first,
      framesPerSec: frames > 0 ? frames / (last / 1000) : 0, lastStep,
    });
  }
  return out;
}

/** One line per figure, for logs and notes. */
export function describeAnimation(a: PlotAnimation[]): string {
  return a.map((x, i) => `plot ${i + 1}: ${x.frames} frames, ${x.framesPerSec.toFixed(2)}/s, first trained ${(x.firstTrainedMs / 1000).toFixed(2)} s, longest gap ${(x.longestGapMs / 1000).toFixed(2)} s, last step ${x.lastStep}`).join('\n');
}
