import { useMemo, useRef, useState } from 'react';
import type { EmbeddingSnapshot } from '../viz/embeddingPlot';
import { AlignedProjector } from '../viz/projection';
import { useStore } from '../store/store';
import { EmbeddingView } from './EmbeddingView';
import { HoverCard } from './HoverCard';

/**
 * A run's latest snapshot, projected to 2-D (PCA aligned frame to frame when the embedding has more
 * than two dimensions) and drawn; hovering a point shows its image, label, prediction and neighbours.
 */
export function RunEmbedding(props: { runId: string }) {
  const snap = useStore((s) => s.runs[props.runId]?.snapshot ?? null);
  const marks = useStore((s) => s.runs[props.runId]?.marks);
  const dataset = useStore((s) => s.dataset);
  const colourBy = useStore((s) => s.colourBy);
  const projector = useRef<AlignedProjector | null>(null);
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);

  const view: EmbeddingSnapshot | null = useMemo(() => {
    if (!snap || !dataset) return null;
    if (!projector.current) projector.current = new AlignedProjector({ kind: 'pca' });
    const points = snap.dim === 2 ? snap.points : projector.current.project(snap.points, snap.dim);
    let overlay: EmbeddingSnapshot['overlay'] = null;
    if (snap.overlay) {
      const o = snap.overlay;
      overlay = { kind: o.kind, points: o.dim === 2 ? o.points : projector.current.projectExtra(o.points, o.dim) };
    }
    return {
      step: snap.step, points, labels: dataset.evalLabels, predictions: snap.predictions, gradNorms: snap.gradNorms,
      overlay, unitCircle: snap.unitCircle, marks,
    };
  }, [snap, dataset, marks]);

  if (!dataset) return <div className="embedding-placeholder" role="figure" aria-label="Embedding" data-points="0" />;
  return (
    <>
      <EmbeddingView
        ariaLabel="Embedding"
        exportId={props.runId}
        classNames={dataset.classNames}
        snapshot={view}
        colourBy={colourBy}
        axisLabels={snap && snap.dim > 2 ? ['PC 1', 'PC 2'] : ['f₁', 'f₂']}
        onHover={(index, x, y) => setHover(index === null ? null : { index, x, y })}
      />
      {hover && view && snap && (
        <HoverCard index={hover.index} x={hover.x} y={hover.y} points={snap.points} dim={snap.dim} predictions={snap.predictions} />
      )}
    </>
  );
}
