import { useEffect, useMemo, useRef, useState } from 'react';
import type { Domain2D, EmbeddingSnapshot } from '../viz/embeddingPlot';
import { axisLabels, is3DView, isUmap, RunProjector, scene3dOf } from '../viz/runProjection';
import type { Scene3D } from '../viz/plot3d';
import type { Snapshot } from '../engine/types';
import { requestUmapLayout } from '../workers/umapClient';
import { EmbeddingView3D, NOTE_STYLE } from './EmbeddingView3D';
import { DEFAULT_RUN_VIEW, useStore } from '../store/store';
import { dict, withEntry } from '../util/dict';
import { EmbeddingView } from './EmbeddingView';
import { HoverCard } from './HoverCard';
import { useRegionsHidden } from '../store/regionsView';
import { rememberUmapLayout } from '../export/umapLayouts';

/**
 * A run's latest snapshot, projected to 2-D (PCA aligned frame to frame, or a chosen pair of axes,
 * when the embedding has more than two dimensions) and drawn; hovering a point shows its image,
 * label, prediction and neighbours.
 */
export function RunEmbedding(props: { runId: string }) {
  const snap = useStore((s) => s.runs[props.runId]?.snapshot ?? null);
  const marks = useStore((s) => s.runs[props.runId]?.marks);
  const dataset = useStore((s) => s.dataset);
  const colourBy = useStore((s) => s.colourBy);
  const projection = useStore((s) => (s.runViews[props.runId] ?? DEFAULT_RUN_VIEW).projection);
  const showTriplets = useStore((s) => (s.runViews[props.runId] ?? DEFAULT_RUN_VIEW).showTriplets);
  const sameScale = useStore((s) => s.sameScale);
  const showRegions = useRegionsHidden((s) => !s.hidden[props.runId]);
  // read only with the shared scale on: every plot writes its extent at each frame, and without the
  // shared scale no plot needs to render again for another plot's frame
  const plotDomains = useStore((s) => (s.sameScale ? s.plotDomains : null));
  const sharedDomain = useMemo(() => (sameScale && plotDomains ? unionDomain(Object.values(plotDomains)) : null), [sameScale, plotDomains]);
  const projector = useRef<{ key: string; p: RunProjector } | null>(null);
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const projKey = JSON.stringify(projection);
  const dim = snap?.dim ?? 2;
  const view3d = is3DView(projection, dim);
  const umap = isUmap(projection, dim);
  // the newest UMAP layout with the snapshot it was computed from (drawn together, so the step label,
  // colours and positions belong to one snapshot even while the worker lags behind training)
  const [umapShown, setUmapShown] = useState<{ snap: Snapshot; layout: Float32Array; ms: number; epochs: number; parts: string } | null>(null);
  const umapSession = useRef<{ key: string; previous: Float32Array | null; asked: Float32Array | null }>({ key: '', previous: null, asked: null });

  useEffect(() => {
    if (!umap || !snap) return;
    // a new UMAP session (switched on again, another dataset) starts from a fresh layout
    const key = `${props.runId}:${snap.points.length}`;
    if (umapSession.current.key !== key) umapSession.current = { key, previous: null, asked: null };
    const session = umapSession.current;
    // the store replaces a snapshot when its metrics arrive: same points, no new layout needed
    if (session.asked === snap.points) return;
    session.asked = snap.points;
    requestUmapLayout(props.runId, { points: snap.points, dim: snap.dim, previous: () => session.previous, seed: 1 })
      .then((r) => {
        // a superseded request resolves null; an answer for a session since left is dropped
        if (!r || umapSession.current !== session) return;
        session.previous = r.layout;
        // the training video draws this snapshot with the layout drawn here
        rememberUmapLayout(snap.points, r.layout);
        setUmapShown({ snap, layout: r.layout, ms: r.ms, epochs: r.epochs, parts: `neighbours ${Math.round(r.parts.knn)} ms, graph ${Math.round(r.parts.graph)} ms, ${r.epochs} epochs ${Math.round(r.parts.epochs)} ms` });
      })
      .catch((err: unknown) => console.warn(err));
  }, [umap, snap, props.runId]);
  useEffect(() => {
    if (umap) return;
    umapSession.current = { key: '', previous: null, asked: null };
    setUmapShown(null);
  }, [umap]);

  // the step marks (a slider moved at step N) change ~100 times a second during a drag: the frame
  // itself is kept, so the plot relabels it without redoing its regions and index (sameFrame)
  const frame: EmbeddingSnapshot | null = useMemo(() => {
    if (!snap || !dataset || view3d) return null;
    // a new projection mode starts a fresh alignment history
    if (!projector.current || projector.current.key !== projKey) projector.current = { key: projKey, p: new RunProjector(projection) };
    // until the first UMAP layout arrives the plot shows PCA (and says so in its axis titles)
    const extras = { showTriplets, unknown: dataset.evalUnknown };
    if (umap && umapShown) return projector.current.p.view(umapShown.snap, dataset.evalLabels, extras, umapShown.layout);
    return projector.current.p.view(snap, dataset.evalLabels, extras);
    // projKey stands for `projection` (a new object on every store read)
  }, [snap, dataset, projKey, showTriplets, view3d, umap, umapShown]);
  const view: EmbeddingSnapshot | null = useMemo(() => (frame ? { ...frame, marks } : null), [frame, marks]);

  const scene3d: Scene3D | null = useMemo(() => {
    if (!snap || !dataset || !view3d) return null;
    return scene3dOf(snap, dataset.evalLabels, { marks, unknown: dataset.evalUnknown });
  }, [snap, dataset, marks, view3d]);

  // the shared scale needs every plot's extent (a UMAP layout's units are not the embedding's: left out)
  useEffect(() => {
    if (!frame || (umap && umapShown)) return;
    const d = extent(frame.points);
    useStore.setState((s) => ({ plotDomains: withEntry(s.plotDomains, props.runId, d) }));
  }, [frame, props.runId, umap, umapShown]);
  useEffect(() => () => {
    useStore.setState((s) => {
      const rest = dict(s.plotDomains);
      delete rest[props.runId];
      return { plotDomains: rest };
    });
  }, [props.runId]);

  if (!dataset) return <div className="embedding-placeholder" role="figure" aria-label="Embedding" data-points="0" />;
  const labels = umap && !umapShown ? axisLabels({ kind: 'pca' }, dim) : axisLabels(projection, dim);
  if (view3d) {
    return (
      <>
        <EmbeddingView3D ariaLabel="Embedding" exportId={props.runId} classNames={dataset.classNames} scene={scene3d} colourBy={colourBy}
          onHover={(index, x, y) => setHover(index === null ? null : { index, x, y })} />
        {hover && snap && (
          <HoverCard index={hover.index} x={hover.x} y={hover.y} points={snap.points} dim={snap.dim} predictions={snap.predictions} shown={snap.shown} />
        )}
      </>
    );
  }
  return (
    <>
      <EmbeddingView
        ariaLabel="Embedding"
        exportId={props.runId}
        classNames={dataset.classNames}
        snapshot={view}
        colourBy={colourBy}
        sharedDomain={sharedDomain}
        axisLabels={labels}
        showRegions={showRegions}
        onHover={(index, x, y) => setHover(index === null ? null : { index, x, y })}
      />
      {umap && (
        <p className="plot-note umap-note" style={NOTE_STYLE} data-umap-step={umapShown?.snap.step ?? ''} data-umap-ms={umapShown ? Math.round(umapShown.ms) : ''} data-umap-epochs={umapShown?.epochs ?? ''} title={umapShown?.parts}>
          {umapShown
            ? `UMAP of the ${dim}-D embedding at step ${umapShown.snap.step.toLocaleString('en-US')}: a projection for viewing (its distances are not the embedding's); metrics use the full ${dim}-D embedding. Layout ${Math.round(umapShown.ms)} ms, off the page's thread.`
            : `Computing the UMAP layout (PCA shown meanwhile); metrics use the full ${dim}-D embedding.`}
        </p>
      )}
      {hover && view && snap && (
        <HoverCard index={hover.index} x={hover.x} y={hover.y} points={snap.points} dim={snap.dim} predictions={snap.predictions} shown={snap.shown} />
      )}
    </>
  );
}

function extent(points: Float32Array): Domain2D {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i], y = points[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x; if (x > x1) x1 = x;
    if (y < y0) y0 = y; if (y > y1) y1 = y;
  }
  return x0 <= x1 ? [[x0, x1], [y0, y1]] : [[-1, 1], [-1, 1]];
}

function unionDomain(ds: Domain2D[]): Domain2D | null {
  if (!ds.length) return null;
  return [
    [Math.min(...ds.map((d) => d[0][0])), Math.max(...ds.map((d) => d[0][1]))],
    [Math.min(...ds.map((d) => d[1][0])), Math.max(...ds.map((d) => d[1][1]))],
  ];
}
