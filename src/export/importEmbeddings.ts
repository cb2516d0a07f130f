/**
 * Reads an embeddings file — the page's own CSV / JSON export, or the PyTorch script's JSON, which
 * adds the loss's geometry and open-set scores — into a read-only "imported" run. Pure.
 */
import { EMBEDDINGS_FORMAT } from './table';

export interface ImportedRun {
  /** unique per import, so the same file loaded twice shows twice */
  key: string;
  fileName: string;
  name: string;
  step: number;
  /** e.g. "pytorch" (from the file's source), or "page" */
  source: string;
  classNames: string[];
  labels: Uint8Array;
  predictions: Uint8Array;
  /** the full embedding, row-major [n][dim] (metrics are computed on it) */
  points: Float32Array;
  dim: number;
  /** the plot's 2-D coordinates, row-major [n][2] */
  xy: Float32Array;
  axisLabels: [string, string];
  /** class weights, centers or simplex vertices in the plot's space (2-D embeddings only) */
  overlay: { kind: 'weights' | 'centers' | 'vertices'; points: Float32Array } | null;
  unitCircle: boolean;
  /** open set: the loss's unknown score per point and which points are of a held-out class */
  unknownScores: Float32Array | null;
  unknownMask: Uint8Array | null;
  trunkPredictions: Uint8Array | null;
  seed: number;
}

let counter = 0;

function bad(fileName: string, what: string): never {
  throw new Error(`${fileName} is not an embeddings file: ${what}`);
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const num = (v: unknown): number => (typeof v === 'number' ? v : NaN); // JSON null (a diverged coordinate) → NaN

function classIndex(v: unknown, classes: number, fileName: string, what: string): number {
  if (!Number.isInteger(v) || (v as number) < 0 || (v as number) >= classes) bad(fileName, `${what} ${String(v)} is not a class index below ${classes}`);
  return v as number;
}

export function parseEmbeddingsFile(text: string, fileName: string): ImportedRun {
  return text.trimStart().startsWith('{') ? parseJson(text, fileName) : parseCsv(text, fileName);
}

function parseJson(text: string, fileName: string): ImportedRun {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    bad(fileName, `invalid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObj(doc) || doc.format !== EMBEDDINGS_FORMAT) bad(fileName, `"format" must be "${EMBEDDINGS_FORMAT}"`);
  const dim = doc.dim;
  if (!Number.isInteger(dim) || (dim as number) < 1) bad(fileName, '"dim" must be a positive integer');
  const d = dim as number;
  const classNames = Array.isArray(doc.classNames) && doc.classNames.every((c) => typeof c === 'string') ? doc.classNames as string[] : bad(fileName, '"classNames" must be a list of names');
  const rows = Array.isArray(doc.points) && doc.points.length > 0 ? doc.points : bad(fileName, '"points" must be a non-empty list');
  const n = rows.length;
  const C = classNames.length;
  const run = { labels: new Uint8Array(n), predictions: new Uint8Array(n), points: new Float32Array(n * d), xy: new Float32Array(2 * n) };
  const scores = new Float32Array(n);
  let hasScores = true;
  const trunk = new Uint8Array(n);
  let hasTrunk = true;
  rows.forEach((p: unknown, i: number) => {
    if (!isObj(p) || !Array.isArray(p.embedding) || p.embedding.length !== d || !Array.isArray(p.xy) || p.xy.length !== 2) bad(fileName, `point ${i} needs label, prediction, a ${d}-value embedding and xy`);
    run.labels[i] = classIndex(p.label, C, fileName, `point ${i}'s label`);
    run.predictions[i] = classIndex(p.prediction, C, fileName, `point ${i}'s prediction`);
    (p.embedding as unknown[]).forEach((v, k) => { run.points[i * d + k] = num(v); });
    run.xy[2 * i] = num(p.xy[0]);
    run.xy[2 * i + 1] = num(p.xy[1]);
    if (typeof p.unknownScore === 'number') scores[i] = p.unknownScore; else hasScores = false;
    if (Number.isInteger(p.trunkPrediction)) trunk[i] = classIndex(p.trunkPrediction, C, fileName, `point ${i}'s trunk prediction`); else hasTrunk = false;
  });
  const config = isObj(doc.config) ? doc.config : {};
  const openSet = Array.isArray(config.openSet) ? new Set(config.openSet.filter((c): c is number => typeof c === 'number')) : new Set<number>();
  let overlay: ImportedRun['overlay'] = null;
  const o = doc.overlay;
  if (isObj(o) && (o.kind === 'weights' || o.kind === 'centers' || o.kind === 'vertices') && o.dim === 2 && d === 2 && Array.isArray(o.points)) {
    overlay = { kind: o.kind, points: Float32Array.from((o.points as unknown[]).flatMap((r) => (Array.isArray(r) ? r.slice(0, 2).map(num) : [NaN, NaN]))) };
  }
  const projection = isObj(doc.projection) ? doc.projection : {};
  const axes = Array.isArray(projection.axes) && projection.axes.length === 2 ? projection.axes.map(String) as [string, string] : (d === 2 ? ['f₁', 'f₂'] as [string, string] : ['PC 1', 'PC 2'] as [string, string]);
  const runInfo = isObj(doc.run) ? doc.run : {};
  const source = isObj(doc.source) && typeof doc.source.tool === 'string' ? doc.source.tool : 'page';
  return {
    key: `imported-${++counter}`, fileName, name: typeof runInfo.name === 'string' ? runInfo.name : fileName, step: Number.isInteger(doc.step) ? doc.step as number : 0,
    source, classNames, ...run, dim: d, axisLabels: axes, overlay, unitCircle: doc.unitCircle === true,
    unknownScores: openSet.size > 0 && hasScores ? scores : null,
    unknownMask: openSet.size > 0 ? Uint8Array.from(run.labels, (y) => (openSet.has(y) ? 1 : 0)) : null,
    trunkPredictions: hasTrunk ? trunk : null,
    seed: typeof config.seed === 'number' ? config.seed : 1,
  };
}

/** The CSV export: id,label,label_name,prediction,prediction_name,f1..fd,x,y (names may be quoted). */
function parseCsv(text: string, fileName: string): ImportedRun {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0]?.split(',') ?? [];
  const dim = header.filter((h) => /^f\d+$/.test(h)).length;
  if (header.slice(0, 5).join(',') !== 'id,label,label_name,prediction,prediction_name' || dim < 1 || header.length !== 7 + dim) bad(fileName, 'expected the CSV header id,label,label_name,prediction,prediction_name,f1…,x,y');
  const rows = lines.slice(1).map(splitCsv);
  const n = rows.length;
  if (n === 0) bad(fileName, 'no rows');
  const names = new Map<number, string>();
  const labels = new Uint8Array(n), predictions = new Uint8Array(n), points = new Float32Array(n * dim), xy = new Float32Array(2 * n);
  rows.forEach((r, i) => {
    if (r.length !== header.length) bad(fileName, `row ${i + 1} has ${r.length} fields, expected ${header.length}`);
    labels[i] = classIndex(Number(r[1]), 256, fileName, `row ${i + 1}'s label`);
    predictions[i] = classIndex(Number(r[3]), 256, fileName, `row ${i + 1}'s prediction`);
    names.set(labels[i], r[2]);
    names.set(predictions[i], r[4]);
    for (let k = 0; k < dim; k++) points[i * dim + k] = Number(r[5 + k]);
    xy[2 * i] = Number(r[5 + dim]);
    xy[2 * i + 1] = Number(r[6 + dim]);
  });
  const classes = Math.max(...names.keys()) + 1;
  const classNames = Array.from({ length: classes }, (_, c) => names.get(c) ?? String(c));
  return {
    key: `imported-${++counter}`, fileName, name: fileName.replace(/\.csv$/i, ''), step: 0, source: 'csv', classNames, labels, predictions, points, dim, xy,
    axisLabels: dim === 2 ? ['f₁', 'f₂'] : ['PC 1', 'PC 2'], overlay: null, unitCircle: false, unknownScores: null, unknownMask: null, trunkPredictions: null, seed: 1,
  };
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}
