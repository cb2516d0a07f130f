import { useEffect, useMemo, useRef, useState } from 'react';
import type { Domain2D, EmbeddingSnapshot } from '../viz/embeddingPlot';
import { axisLabels, RunProjector } from '../viz/runProjection';
import { DEFAULT_RUN_VIEW, useStore } from '../store/store';
import { dict, withEntry } from '../util/dict';
import { EmbeddingView } from './EmbeddingView';
import { HoverCard } from './HoverCard';
import { useRegionsHidden } from '../store/regionsView';

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
  const plotDomains = useStore((s) => s.plotDomains);
  const sharedDomain = useMemo(() => (sameScale ? unionDomain(Object.values(plotDomains)) : null), [sameScale, plotDomains]);
  const projector = useRef<{ key: string; p: RunProjector } | null>(null);
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const projKey = JSON.stringify(projection);

  const view: EmbeddingSnapshot | null = useMemo(() => {
    if (!snap || !dataset) return null;
    // a new projection mode starts a fresh alignment history
    if (!projector.current || projector.current.key !== projKey) projector.current = { key: projKey, p: new RunProjector(projection) };
    return projector.current.p.view(snap, dataset.evalLabels, { marks, showTriplets });
    // projKey stands for `projection` (a new object on every store read)
  }, [snap, dataset, marks, projKey, showTriplets]);

  // the shared scale needs every plot's extent
  useEffect(() => {
    if (!view) return;
    const d = extent(view.points);
    useStore.setState((s) => ({ plotDomains: withEntry(s.plotDomains, props.runId, d) }));
  }, [view, props.runId]);
  useEffect(() => () => {
    useStore.setState((s) => {
      const rest = dict(s.plotDomains);
      delete rest[props.runId];
      return { plotDomains: rest };
    });
  }, [props.runId]);

  if (!dataset) return <div className="embedding-placeholder" role="figure" aria-label="Embedding" data-points="0" />;
  const labels = axisLabels(projection, snap?.dim ?? 2);
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
      {hover && view && snap && (
        <HoverCard index={hover.index} x={hover.x} y={hover.y} points={snap.points} dim={snap.dim} predictions={snap.predictions} />
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
