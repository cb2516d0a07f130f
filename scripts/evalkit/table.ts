import type { ExperimentResult } from './experiment';

export interface SummaryRow {
  name: string;
  accuracy: { mean: number; worst: number };
  recall1: { mean: number; worst: number };
  trunkAccuracy: number | null;
  nmi: number;
  mapAtR: number;
  /** means over the seeds of the retrieval among held-out classes; null without held-out classes */
  auroc: number | null;
  unseenRecall1: number | null;
  unseenMapAtR: number | null;
  diverged: number;
  trainSeconds: number;
}

/** Mean and worst (lowest) over seeds of each run's figures; runs are matched by id. */
export function summarise(results: ExperimentResult[]): SummaryRow[] {
  const first = results[0];
  return first.rows.map((row) => {
    const same = results.map((r) => r.rows.find((x) => x.runId === row.runId)).filter((x) => x !== undefined);
    const mean = (f: (x: (typeof same)[number]) => number) => same.reduce((a, x) => a + f(x), 0) / same.length;
    const worst = (f: (x: (typeof same)[number]) => number) => Math.min(...same.map(f));
    const trunk = same.every((x) => x.trunkAccuracy !== null) ? mean((x) => x.trunkAccuracy as number) : null;
    const open = same.every((x) => x.unseenRecall !== null && x.auroc !== null);
    return {
      name: row.loss,
      accuracy: { mean: mean((x) => x.accuracy), worst: worst((x) => x.accuracy) },
      recall1: { mean: mean((x) => x.recall1), worst: worst((x) => x.recall1) },
      trunkAccuracy: trunk,
      nmi: mean((x) => x.nmi),
      mapAtR: mean((x) => x.mapAtR),
      auroc: open ? mean((x) => x.auroc as number) : null,
      unseenRecall1: open ? mean((x) => (x.unseenRecall as { 1: number })[1]) : null,
      unseenMapAtR: open ? mean((x) => x.unseenMapAtR as number) : null,
      diverged: same.filter((x) => x.diverged).length,
      trainSeconds: mean((x) => x.trainSeconds),
    };
  });
}

const pct = (v: number): string => (100 * v).toFixed(1);

export function formatTable(rows: SummaryRow[]): string {
  const open = rows.some((r) => r.unseenRecall1 !== null);
  const head = ['loss', 'test acc % mean', 'worst', 'recall@1 % mean', 'worst', 'NMI', 'MAP@R', ...(open ? ['AUROC', 'unseen R@1 %', 'unseen MAP@R'] : []), 'train s / run'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  const num = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));
  for (const r of rows) {
    const note = [r.trunkAccuracy !== null ? `trunk classifier ${pct(r.trunkAccuracy)} %` : '', r.diverged ? `diverged in ${r.diverged}` : ''].filter(Boolean).join('; ');
    const openCells = open ? [num(r.auroc), r.unseenRecall1 === null ? 'n/a' : pct(r.unseenRecall1), num(r.unseenMapAtR)] : [];
    lines.push(`| ${[`${r.name}${note ? ` (${note})` : ''}`, pct(r.accuracy.mean), pct(r.accuracy.worst), pct(r.recall1.mean), pct(r.recall1.worst), r.nmi.toFixed(3), r.mapAtR.toFixed(3), ...openCells, r.trainSeconds.toFixed(1)].join(' | ')} |`);
  }
  return lines.join('\n');
}
