import { useMemo, useRef } from 'react';
import { create } from 'zustand';
import { parseEmbeddingsFile, type ImportedRun } from '../export/importEmbeddings';
import { pushError } from '../store/store';
import { computePageMetrics } from '../workers/client';
import type { RunMetrics } from '../workers/protocol';
import type { EmbeddingSnapshot } from '../viz/embeddingPlot';
import { EmbeddingView } from './EmbeddingView';
import './imported.css';

/**
 * Embeddings loaded from a file (the page's export or the PyTorch script's): read-only runs, marked
 * "imported", with their plot and the page's metrics computed from the file's points. Kept apart
 * from the training store: nothing here trains, and the worker never hears of them.
 */
interface ImportedState {
  runs: ImportedRun[];
  metrics: Record<string, RunMetrics | 'pending' | string>;
}

export const useImported = create<ImportedState>(() => ({ runs: [], metrics: {} }));

export async function importEmbeddingsFile(file: File): Promise<void> {
  let run: ImportedRun;
  try {
    run = parseEmbeddingsFile(await file.text(), file.name);
  } catch (e) {
    pushError(`Could not load embeddings: ${e instanceof Error ? e.message : String(e)}`, 'Choose a JSON or CSV file saved by Export → JSON / CSV or by the PyTorch script (out/embeddings-<run>.json).', false);
    return;
  }
  useImported.setState((s) => ({ runs: [...s.runs, run], metrics: { ...s.metrics, [run.key]: 'pending' } }));
  const setMetrics = (m: RunMetrics | string) => useImported.setState((s) => ({ metrics: { ...s.metrics, [run.key]: m } }));
  try {
    // copies: the metrics worker takes ownership of the buffers it is sent
    setMetrics(await computePageMetrics({
      points: run.points.slice(), dim: run.dim, labels: run.labels.slice(), predictions: run.predictions.slice(), classes: run.classNames.length, seed: run.seed,
      ...(run.trunkPredictions ? { trunkPredictions: run.trunkPredictions.slice() } : {}),
      ...(run.unknownMask && run.unknownScores ? { unknownScores: run.unknownScores.slice(), unknownMask: run.unknownMask.slice() } : {}),
    }));
  } catch (e) {
    setMetrics(`metrics failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** "Load embeddings…": a file picker for an embeddings JSON / CSV. */
export function LoadEmbeddings() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>Load embeddings…</button>
      <input
        ref={input}
        type="file"
        accept=".json,.csv,application/json,text/csv"
        aria-label="Embeddings file"
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = ''; // picking the same file again fires another change
          if (file) void importEmbeddingsFile(file);
        }}
      />
    </>
  );
}

const pct = (v: number | null | undefined) => (typeof v !== 'number' || Number.isNaN(v) ? '–' : (v * 100).toFixed(1));
const num = (v: number | null | undefined) => (typeof v !== 'number' || Number.isNaN(v) ? '–' : v.toFixed(3));

function ImportedPanel(props: { run: ImportedRun }) {
  const { run } = props;
  const snapshot: EmbeddingSnapshot = useMemo(() => ({
    step: run.step, points: run.xy, labels: run.labels, predictions: run.predictions, overlay: run.overlay, unitCircle: run.unitCircle,
    unknown: run.unknownMask,
  }), [run]);
  const label = `${run.name} (imported)`;
  return (
    <section className="run-panel imported-run" role="group" aria-label={label} data-run-id={run.key}>
      <h2>{run.name} <span className="imported-badge">imported</span></h2>
      <p className="imported-source">
        {run.fileName}: {run.labels.length} points, {run.dim}-D{run.source === 'pytorch' ? ', trained with PyTorch' : ''}, step {run.step}; read-only
      </p>
      <EmbeddingView ariaLabel="Embedding" classNames={run.classNames} snapshot={snapshot} axisLabels={run.axisLabels} showRegions={false} />
      <button type="button" onClick={() => useImported.setState((s) => ({ runs: s.runs.filter((r) => r.key !== run.key) }))}>Remove {run.name}</button>
    </section>
  );
}

/** The imported runs' plots and a metrics table of their own (the page's metrics of the file's points). */
export function ImportedRuns() {
  const { runs, metrics } = useImported();
  if (runs.length === 0) return null;
  return (
    <section className="imported-runs" aria-label="Imported embeddings">
      <div className="runs">{runs.map((r) => <ImportedPanel key={r.key} run={r} />)}</div>
      <table aria-label="Metrics of imported embeddings" className="metrics">
        <caption>Imported embeddings: metrics computed here from each file&apos;s points, labels and predictions.</caption>
        <thead>
          <tr>
            <th scope="col">Run</th><th scope="col">Step</th><th scope="col">Accuracy %</th>
            <th scope="col">R@1</th><th scope="col">R@2</th><th scope="col">R@4</th><th scope="col">R@8</th>
            <th scope="col">MAP@R</th><th scope="col">NMI</th><th scope="col">Open-set AUROC</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const m = metrics[r.key];
            if (typeof m !== 'object') {
              return <tr key={r.key} data-run-id={r.key}><th scope="row">{r.name} (imported)</th><td colSpan={9}>{m === 'pending' || m === undefined ? 'computing…' : m}</td></tr>;
            }
            return (
              <tr key={r.key} data-run-id={r.key}>
                <th scope="row">{r.name} (imported)</th>
                <td>{r.step}</td>
                <td>{pct(m.accuracy)}</td>
                <td>{pct(m.recall[1])}</td><td>{pct(m.recall[2])}</td><td>{pct(m.recall[4])}</td><td>{pct(m.recall[8])}</td>
                <td>{num(m.mapAtR)}</td><td>{num(m.nmi)}</td><td>{r.unknownMask ? num(m.auroc) : 'no split'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
