/**
 * The embeddings of one run at one step as CSV and JSON: per test point its index in the evaluation
 * set, label, prediction, the full embedding and the 2-D coordinates the plot shows. Pure.
 */
import type { ExperimentConfig } from '../config/config';
import type { ProjectionKind } from '../viz/runProjection';

export interface EmbeddingTable {
  config: ExperimentConfig;
  runId: string;
  runName: string;
  step: number;
  classNames: string[];
  labels: Uint8Array;
  predictions: Uint8Array;
  /** row-major [n][dim] */
  points: Float32Array;
  dim: number;
  /** the plot's 2-D coordinates, row-major [n][2] */
  projected: Float32Array;
  /** how `projected` was made, e.g. "identity" (2-D embedding) or "pca" */
  projection: ProjectionKind;
  axisLabels: [string, string];
}

export const EMBEDDINGS_FORMAT = 'metric-learning-playground/embeddings';

/** The shortest decimal that reads back as the same float32 (Float32Array values print as long float64s). */
export function formatFloat32(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const f = Math.fround(v);
  for (let p = 1; p < 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return String(s);
  }
  return String(Number(f.toPrecision(9)));
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function count(t: EmbeddingTable): number {
  const n = t.labels.length;
  if (t.points.length !== n * t.dim || t.projected.length !== 2 * n || t.predictions.length < n) {
    throw new Error(`embedding sizes disagree: ${n} labels, ${t.points.length / t.dim} points, ${t.projected.length / 2} projected`);
  }
  return n;
}

export function embeddingCsvHeader(dim: number): string[] {
  return ['id', 'label', 'label_name', 'prediction', 'prediction_name', ...Array.from({ length: dim }, (_, k) => `f${k + 1}`), 'x', 'y'];
}

export function embeddingsCsv(t: EmbeddingTable): string {
  const n = count(t);
  const lines = [embeddingCsvHeader(t.dim).join(',')];
  for (let i = 0; i < n; i++) {
    const row = [String(i), String(t.labels[i]), csvField(t.classNames[t.labels[i]] ?? ''), String(t.predictions[i]), csvField(t.classNames[t.predictions[i]] ?? '')];
    for (let k = 0; k < t.dim; k++) row.push(formatFloat32(t.points[i * t.dim + k]));
    row.push(formatFloat32(t.projected[2 * i]), formatFloat32(t.projected[2 * i + 1]));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

/** JSON has no NaN or Infinity: a diverged coordinate becomes null. */
function jsonNumber(v: number): number | null {
  return Number.isFinite(v) ? Number(formatFloat32(v)) : null;
}

export function embeddingsJson(t: EmbeddingTable): string {
  const n = count(t);
  const points = Array.from({ length: n }, (_, i) => ({
    id: i,
    label: t.labels[i],
    prediction: t.predictions[i],
    embedding: Array.from(t.points.subarray(i * t.dim, (i + 1) * t.dim), jsonNumber),
    xy: [jsonNumber(t.projected[2 * i]), jsonNumber(t.projected[2 * i + 1])],
  }));
  const doc = {
    format: EMBEDDINGS_FORMAT,
    version: 1,
    run: { id: t.runId, name: t.runName },
    step: t.step,
    dim: t.dim,
    projection: { kind: t.projection, axes: t.axisLabels },
    classNames: t.classNames,
    config: t.config,
    points,
  };
  // one point per line: readable in a text editor, diff-able, and still valid JSON
  const head = JSON.stringify({ ...doc, points: [] }, null, 2).replace(/"points": \[\]\n\}$/, '"points": [');
  return `${head}\n${points.map((p) => '    ' + JSON.stringify(p)).join(',\n')}\n  ]\n}\n`;
}
