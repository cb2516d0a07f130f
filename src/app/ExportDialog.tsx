import { useEffect, useRef, useState } from 'react';
import { exportPng, exportSvg, exportTable, exportVideo, SCALES, type Scale, type Scope } from '../export/actions';
import { useStore } from '../store/store';
import { videoSupport, videoSupportNote } from '../export/videoSupport';
import type { ProjectionKind } from '../viz/runProjection';

export type DialogKind = 'PNG' | 'SVG' | 'CSV' | 'JSON' | 'Video';

const HINT: Record<DialogKind, string> = {
  PNG: 'Raster image of the plot as shown (zoom included), at 1, 2 or 4 times its size on screen.',
  SVG: 'Vector figure: one circle per point, axes, legend and overlay marks.',
  CSV: 'One row per test point: id, label, prediction, the full embedding and the plotted x, y.',
  JSON: 'The config, the step and per test point its label, prediction, embedding and plotted x, y.',
  Video: 'WebM of the kept snapshots of this run (up to 300, thinned evenly), one frame per snapshot, drawn as the page shows the run: '
    + 'its projection, the 3-D view as turned now, its UMAP layouts (snapshots the page laid out none for are laid out first).',
};

/** The choices one export needs (which run or all, scale), then the download with its progress. */
/** What a video's frames show, for the confirmation line. */
const FRAMES_SHOW: Record<ProjectionKind, string> = {
  identity: 'the 2-D embedding', pca: 'PCA', axes: 'the chosen axes', view3d: 'the 3-D view as turned on the page', umap: 'UMAP',
};

/** The confirmation of a video: its frames, encoder and projection; `frameChecksum` goes on the status line for tests. */
function videoNotice(v: Awaited<ReturnType<typeof exportVideo>>): { text: string; frameChecksum: number } {
  const r = v.result;
  const laidOut = r.laidOut > 0 ? `, ${r.laidOut} UMAP layout${r.laidOut > 1 ? 's' : ''} computed for it` : '';
  return { text: `Saved ${v.name} (${r.frames} frames, ${r.encoder}; ${FRAMES_SHOW[r.projection]}${laidOut})`, frameChecksum: r.lastChecksum };
}

export function ExportDialog(props: { kind: DialogKind; onClose: () => void; onDone: (text: string, frameChecksum?: number) => void; onError: (e: unknown) => void }) {
  const { kind } = props;
  const runs = useStore((s) => s.config.runs);
  const [runId, setRunId] = useState(runs[0]?.id ?? '');
  const [all, setAll] = useState(false);
  const [scale, setScale] = useState<Scale>(2);
  const [progress, setProgress] = useState<number | null>(null);
  const [video] = useState(videoSupport);
  const videoNote = videoSupportNote(video);
  const first = useRef<HTMLSelectElement>(null);
  const busy = progress !== null;
  const hasScope = kind === 'PNG' || kind === 'SVG';
  const chosenRun = runs.some((r) => r.id === runId) ? runId : (runs[0]?.id ?? '');

  useEffect(() => first.current?.focus(), []);

  const run = async () => {
    const scope: Scope = hasScope && all ? { kind: 'grid' } : { kind: 'run', runId: chosenRun };
    setProgress(0);
    try {
      if (kind === 'Video') {
        const v = videoNotice(await exportVideo(chosenRun, setProgress));
        props.onDone(v.text, v.frameChecksum);
        return;
      }
      let name: string;
      if (kind === 'PNG') name = await exportPng(scope, scale);
      else if (kind === 'SVG') name = exportSvg(scope);
      else name = exportTable(chosenRun, kind === 'CSV' ? 'csv' : 'json');
      props.onDone(`Saved ${name}`);
    } catch (e) {
      props.onError(e);
    }
  };

  return (
    <div role="dialog" aria-label={`Export ${kind}`} className="export-dialog" onKeyDown={(e) => { if (e.key === 'Escape' && !busy) props.onClose(); }}>
      <h2>Export {kind}</h2>
      <p className="hint">{HINT[kind]}</p>
      {kind === 'Video' && videoNote && <p className="hint" role="note">{videoNote}</p>}
      {hasScope && (
        <fieldset>
          <legend>Scope</legend>
          <label><input type="radio" name="export-scope" checked={!all} onChange={() => setAll(false)} /> One run</label>
          <label><input type="radio" name="export-scope" checked={all} onChange={() => setAll(true)} /> All runs (grid)</label>
        </fieldset>
      )}
      {!(hasScope && all) && (
        <label>
          Run{' '}
          <select ref={first} aria-label="Run" value={chosenRun} onChange={(e) => setRunId(e.currentTarget.value)}>
            {runs.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select>
        </label>
      )}
      {kind === 'PNG' && (
        <fieldset>
          <legend>Scale</legend>
          {SCALES.map((s) => (
            <label key={s}><input type="radio" name="export-scale" checked={scale === s} onChange={() => setScale(s)} /> {s}×</label>
          ))}
        </fieldset>
      )}
      {kind === 'Video' && busy && (
        <p className="progress">
          <progress aria-label="Encoding video" max={1} value={progress ?? 0} /> {Math.round(100 * (progress ?? 0))} %
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={() => void run()} disabled={busy || (kind === 'Video' && video === 'none')}>{kind === 'Video' ? 'Encode and download' : 'Download'}</button>
        <button type="button" onClick={props.onClose} disabled={busy}>Cancel</button>
      </div>
    </div>
  );
}
