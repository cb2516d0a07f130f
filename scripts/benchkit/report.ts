/** bench/results.json rows, the per-cell details, the targets of issue 7 and the printed tables. */
import { forwardFlops, lenetSpec } from '../../src/engine/backbone';
import type { BenchOutcome } from '../../src/bench/protocol';
import type { PageFigures } from './page';
import type { PlannedCell } from './plan';
import { fmt, markdownTable } from './table';

export interface CellResult { cell: PlannedCell; outcome: BenchOutcome }

/** The schema issue 7 asks for, nothing more (details.json has the rest). */
export interface ResultRow {
  env: 'chromium' | 'node';
  backend: string;
  dataset: 'mnist' | 'cifar10';
  runs: 1 | 6;
  ours_samples_per_s: number;
  peer_samples_per_s: number | null;
  gflops: number;
}

const round = (v: number, d: number): number => Number(v.toFixed(d));

function note(r: CellResult): string {
  if (!r.outcome.ok) return `skipped: ${r.outcome.skipped}`;
  const parts: string[] = [];
  if (/swiftshader|software/i.test(r.outcome.backendNote)) parts.push('SwiftShader (CPU-emulated GPU)');
  if (r.cell.backend === 'wasm') parts.push('peer on stock wasm kernels + Conv2DBackpropFilter');
  return parts.join('; ');
}

function targets(results: CellResult[], page: PageFigures | null): string[] {
  const ok = results.flatMap((r) => (r.outcome.ok ? [{ c: r.cell, t: r.outcome.timing }] : []));
  const out: string[] = [];
  const mark = (pass: boolean): string => (pass ? 'MET   ' : 'MISSED');
  const mnist1 = ok.filter((x) => x.c.dataset === 'mnist' && x.c.runs === 1 && x.c.env === 'chromium');
  const fastest = mnist1.sort((a, b) => b.t.oursSamplesPerSec - a.t.oursSamplesPerSec)[0];
  if (fastest) {
    out.push(`${mark(fastest.t.oursSamplesPerSec >= 5000)} MNIST LeNet step ≥ 5 000 samples/s on the fastest backend: ${fmt(fastest.t.oursSamplesPerSec)} on ${fastest.c.backend} (Chromium)`);
    const webgl = mnist1.find((x) => x.c.backend === 'webgl');
    if (webgl?.t.peerSamplesPerSec) {
      const r = fastest.t.oursSamplesPerSec / webgl.t.peerSamplesPerSec;
      out.push(`${mark(r >= 10)} ≥ 10× TF.js model.fit on WebGL: ours on ${fastest.c.backend} ${fmt(fastest.t.oursSamplesPerSec)} / model.fit on webgl ${fmt(webgl.t.peerSamplesPerSec)} = ${r.toFixed(1)}× (webgl vs webgl: ${(webgl.t.oursSamplesPerSec / webgl.t.peerSamplesPerSec).toFixed(2)}×)`);
    }
  }
  const ratios = ok.filter((x) => x.t.peerSamplesPerSec).map((x) => ({ x, r: x.t.oursSamplesPerSec / (x.t.peerSamplesPerSec as number) }));
  if (ratios.length) {
    const worst = ratios.sort((a, b) => a.r - b.r)[0];
    const below = ratios.filter((q) => q.r < 1).map((q) => `${q.x.c.env} ${q.x.c.backend} ${q.x.c.dataset} ×${q.x.c.runs} ${q.r.toFixed(2)}×`);
    out.push(`${mark(worst.r >= 1)} ≥ 1.0× model.fit wherever both run: lowest ${worst.r.toFixed(2)}× (${worst.x.c.env} ${worst.x.c.backend} ${worst.x.c.dataset} ×${worst.x.c.runs})${below.length ? `; below 1: ${below.join(', ')}` : ''}`);
  }
  if (page) {
    const fps = Math.min(page.drag.fps, page.hover.fps);
    out.push(`${mark(fps > 30)} > 30 fps with six runs training: ${page.drag.fps.toFixed(0)} dragging a slider, ${page.hover.fps.toFixed(0)} hovering the plot`);
    const lat = Math.max(page.drag.toWorker.max, page.hover.toWorker.max);
    const rt = Math.max(page.drag.roundTrip.max, page.hover.roundTrip.max);
    out.push(`${mark(lat < 100)} controls answer within 100 ms: a message reaches the training worker in ≤ ${lat.toFixed(0)} ms (median ${page.drag.toWorker.median.toFixed(0)} dragging, ${page.hover.toWorker.median.toFixed(0)} hovering); round trip back to the page max ${rt.toFixed(0)} ms`);
    out.push(`${mark(page.evalShare < 0.15)} snapshots/metrics < 15 % of training time: the page shows ${(page.evalShare * 100).toFixed(0)} %`);
  }
  return out;
}

export function report(results: CellResult[], page: PageFigures | null, elapsed: string): { rows: ResultRow[]; details: unknown; text: string } {
  const rows: ResultRow[] = results.flatMap((r) => {
    if (!r.outcome.ok) return [];
    const t = r.outcome.timing;
    return [{
      env: r.cell.env, backend: r.cell.backend, dataset: r.cell.dataset, runs: r.cell.runs,
      ours_samples_per_s: round(t.oursSamplesPerSec, 1),
      peer_samples_per_s: t.peerSamplesPerSec === null ? null : round(t.peerSamplesPerSec, 1),
      gflops: round(t.oursGflops, 3),
    }];
  });
  const details = results.map((r) => ({ cell: r.cell, ...(r.outcome.ok ? { backendNote: r.outcome.backendNote, timing: r.outcome.timing } : { skipped: r.outcome.skipped }) }));

  const table: string[][] = [['env', 'backend', 'data', 'runs', 'batch', 'ours samples/s', 'model.fit samples/s', 'ours ÷ fit', 'GFLOP/s ours', 'GFLOP/s fit', 'ms/step ours', 'note']];
  for (const r of results) {
    const c = r.cell;
    const t = r.outcome.ok ? r.outcome.timing : null;
    table.push([
      c.env, c.backend, c.dataset, String(c.runs), String(c.batchSize),
      fmt(t?.oursSamplesPerSec), fmt(t?.peerSamplesPerSec), t?.peerSamplesPerSec ? `${(t.oursSamplesPerSec / t.peerSamplesPerSec).toFixed(2)}×` : '–',
      fmt(t?.oursGflops, 2), fmt(t?.peerGflops, 2), fmt(t?.oursMsPerStep, 1), note(r),
    ]);
  }
  const lines = ['', 'Targets (issue 7):', ...targets(results, page).map((l) => `  ${l}`), ''];
  lines.push(`Training step, ours (lock-step Trainer) vs TF.js model.fit on the same LeNet + linear classifier, softmax CE, Adam, same batch;`);
  const mflop = (h: number, c: number): string => ((3 * forwardFlops(lenetSpec(h, h, c, 2))) / 1e6).toFixed(2);
  lines.push(`samples/s summed over the runs; GFLOP/s = samples/s × 3 × backbone forward FLOPs (MNIST ${mflop(28, 1)}, CIFAR-10 ${mflop(32, 3)} MFLOP/sample);`);
  lines.push(`median block after warm-up, the GPU queue drained before each clock read. Took ${elapsed}.`);
  lines.push('', markdownTable(table));
  if (page) {
    lines.push('', `The page with ${page.runs} runs training (MNIST, backend ${page.backend}, ${page.samplesPerSec} samples/s shown, ${page.stepsDuringMeasurement} steps while measured):`, '');
    const ms = (x: { median: number; p95: number; max: number }): string => `${x.median.toFixed(0)} / ${x.p95.toFixed(0)} / ${x.max.toFixed(0)}`;
    const w = (x: PageFigures['drag']): string[] => [x.fps.toFixed(0), x.maxFrameMs.toFixed(0), ms(x.toWorker), ms(x.roundTrip)];
    lines.push(markdownTable([
      ['interaction (5 s)', 'frames/s', 'longest frame ms', 'page → worker ms (median / p95 / max)', 'round trip ms (median / p95 / max)', 'evaluation share'],
      ['dragging the α slider', ...w(page.drag), `${(page.evalShare * 100).toFixed(0)} % (status bar)`],
      ['hovering the plot', ...w(page.hover), ''],
    ]));
  }
  return { rows, details, text: lines.join('\n') };
}
