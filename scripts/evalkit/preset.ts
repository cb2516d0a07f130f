/**
 * `npm run eval -- --preset ID [--quick] [--json FILE] [--seed N] [--record]`: one preset's experiment
 * in Node (wasm, as scripts/evalkit/experiment.ts trains it), evaluated on the whole test set; prints
 * the metrics table and the verdict of the preset's rule on the final figures. --quick trains the
 * preset's shorter plan (quickEpochs) instead of its plannedEpochs. --record writes this seed's verdict
 * and figures into the preset file (preset.recorded), which the card shows beside the live verdict.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePreset, sortPresets, type Preset, type Recorded, type RecordedSeed } from '../../src/presets/preset';
import { describeClause, verdict, type RuleValues, type RunFigures } from '../../src/presets/rules';
import { loadDataset, runExperiment, type ExperimentResult, type ExperimentRow } from './experiment';

const PRESET_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../src/presets');

/** The presets as the page has them (the same files and checks; the page bundles them with Vite). */
export function readPresets(dir = PRESET_DIR): Preset[] {
  return sortPresets(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => parsePreset(f.slice(0, -'.json'.length), JSON.parse(readFileSync(join(dir, f), 'utf8')))));
}

export function figuresOf(row: ExperimentRow, step: number): RunFigures {
  return {
    step,
    values: {
      accuracy: row.accuracy, recall1: row.recall1, nmi: row.nmi, mapAtR: row.mapAtR, auroc: row.auroc, trunkAccuracy: row.trunkAccuracy,
      unseenRecall1: row.unseenRecall?.[1] ?? null, unseenMapAtR: row.unseenMapAtR,
    },
  };
}

/** Four decimals are plenty for figures shown as percentages with one. */
function roundFigures(values: RuleValues): RuleValues {
  return Object.fromEntries(Object.entries(values).map(([k, x]) => [k, typeof x === 'number' ? Math.round(x * 1e4) / 1e4 : null]));
}

/**
 * Puts one seed's result into the preset file's `preset.recorded` (replacing that seed's earlier
 * entry; entries of another plan length are dropped), keeping the file's other content as it is.
 */
function recordSeed(id: string, epochs: number, entry: RecordedSeed, dir = PRESET_DIR): void {
  const path = join(dir, `${id}.json`);
  const json = JSON.parse(readFileSync(path, 'utf8')) as { preset: { recorded?: Recorded } };
  const before = json.preset.recorded;
  const seeds = before && before.epochs === epochs ? before.seeds.filter((s) => s.seed !== entry.seed) : [];
  json.preset.recorded = { epochs, seeds: [...seeds, entry].sort((a, b) => a.seed - b.seed) };
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
}

const pct = (v: number | null): string => (v === null ? 'n/a' : (100 * v).toFixed(1));

export function presetTable(result: ExperimentResult): string {
  // unseen-class retrieval only where classes were held out
  const unseen = result.rows.some((r) => r.unseenRecall !== null);
  const head = ['run', 'loss', 'test acc %', 'recall@1 %', 'NMI', 'MAP@R', 'AUROC', ...(unseen ? ['unseen R@1 %', 'unseen R@2 %', 'unseen R@4 %', 'unseen R@8 %', 'unseen MAP@R'] : []), 'trunk acc %', 'diverged'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of result.rows) {
    const u = r.unseenRecall;
    const unseenCells = unseen ? [u ? pct(u[1]) : 'n/a', u ? pct(u[2]) : 'n/a', u ? pct(u[4]) : 'n/a', u ? pct(u[8]) : 'n/a', r.unseenMapAtR === null ? 'n/a' : r.unseenMapAtR.toFixed(3)] : [];
    const cells = [`${r.runId} ${r.name}`, r.loss, pct(r.accuracy), pct(r.recall1), r.nmi.toFixed(3), r.mapAtR.toFixed(3), r.auroc === null ? 'n/a' : r.auroc.toFixed(3), ...unseenCells, pct(r.trunkAccuracy), r.diverged ? 'yes' : ''];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export async function runPreset(args: readonly string[]): Promise<void> {
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && i + 1 < args.length && !args[i + 1].startsWith('--') ? args[i + 1] : undefined;
  };
  const presets = readPresets();
  const id = opt('preset');
  const preset = presets.find((p) => p.id === id);
  if (!preset) throw new Error(`--preset wants one of ${presets.map((p) => p.id).join(', ')}, got ${id ?? 'nothing'}`);
  const quick = args.includes('--quick');
  const seedText = opt('seed');
  const seed = seedText === undefined ? preset.config.seed : Number(seedText);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed wants a whole number, got ${seedText}`);
  const config = { ...preset.config, seed, plannedEpochs: quick ? preset.quickEpochs : preset.config.plannedEpochs };
  const ds = await loadDataset(config.dataset);
  // the plan counts the known-class training images only, as the Trainer does
  const known = Array.from(ds.train.labels).filter((l) => !config.openSet.includes(l)).length;
  const steps = Math.max(1, Math.round((config.plannedEpochs * known) / config.batchSize));
  console.log(`# preset ${preset.id}: ${preset.title}`);
  console.log(`# ${config.runs.length} run(s), ${config.dataset}, ${config.embeddingDim}-D, seed ${seed}, ${config.plannedEpochs} epoch(s) = ${steps} steps${quick ? ' (--quick)' : ''}${config.openSet.length ? `, classes ${config.openSet.join(', ')} held out` : ''}, ${
    config.optimizer === 'sgd' ? `SGD (momentum ${config.momentum}, weight decay ${config.weightDecay})` : `Adam${config.weightDecay ? ` (weight decay ${config.weightDecay})` : ''}`}, ${config.lrSchedule} learning rate`);
  const result = await runExperiment(config, { steps, every: Math.max(1, Math.round(steps / 4)), log: (l) => console.log(`# ${l}`) });
  const figures = Object.fromEntries(result.rows.map((r) => [r.runId, figuresOf(r, steps)]));
  const v = verdict(preset.verdict, figures, steps);
  const names = Object.fromEntries(config.runs.map((r) => [r.id, r.name]));
  console.log(`\n${presetTable(result)}\n`);
  console.log(`Claim: ${preset.claim}`);
  for (const c of v.clauses) console.log(`  ${c.holds === true ? 'yes' : c.holds === false ? 'NO ' : '?  '} ${describeClause(c, names)}`);
  console.log(`Verdict: ${v.text}`);
  console.log(`# ${result.wallSeconds.toFixed(0)} s training + evaluation on the whole test set (${ds.test.count} images)`);
  if (args.includes('--record')) {
    const command = `npm run eval -- --preset ${preset.id}${quick ? ' --quick' : ''} --seed ${seed}`;
    recordSeed(preset.id, config.plannedEpochs, {
      seed, command, date: new Date().toISOString().slice(0, 10), holds: v.state === 'holds',
      figures: Object.fromEntries(result.rows.map((r) => [r.runId, roundFigures(figuresOf(r, steps).values)])),
    });
    console.log(`# recorded seed ${seed} in src/presets/${preset.id}.json`);
  }
  const file = opt('json');
  const report = { preset: preset.id, quick, seed, plannedEpochs: config.plannedEpochs, steps, verdict: { state: v.state, text: v.text, clauses: v.clauses.map((c) => ({ ...c, text: describeClause(c, names) })) }, result };
  if (file) {
    writeFileSync(file, JSON.stringify(report, null, 2));
    console.log(`# wrote ${file}`);
  } else if (args.includes('--json')) {
    // no file named: the JSON goes to stdout as the last line
    console.log(JSON.stringify(report));
  }
}
