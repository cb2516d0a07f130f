import { useEffect, type CSSProperties } from 'react';
import {
  EmbeddingPlot,
  type ColourBy,
  type Domain2D,
  type EmbeddingSnapshot,
  type HoverCallback,
} from '../viz/embeddingPlot';
import { useLivePlot } from './useLivePlot';

export interface EmbeddingViewProps {
  /** accessible name of the figure, e.g. "Embedding" */
  ariaLabel: string;
  classNames: string[];
  snapshot: EmbeddingSnapshot | null;
  title?: string;
  colourBy?: ColourBy;
  sharedDomain?: Domain2D | null;
  axisLabels?: [string, string];
  onHover?: HoverCallback;
  /** draw the snapshot's decision regions behind the points (default on) */
  showRegions?: boolean;
  className?: string;
  /** registers the plot under this id so export/ can read its scene (e.g. the run id) */
  exportId?: string;
  /** the container needs a size; by default it is full width with a 5:4 aspect ratio */
  style?: CSSProperties;
}

/** Thin React wrapper around `EmbeddingPlot`: creates it once, forwards prop changes. */
export function EmbeddingView(props: EmbeddingViewProps) {
  const { ariaLabel, classNames, snapshot, title, colourBy = 'class', sharedDomain = null, axisLabels, onHover } = props;
  const { ref, plot } = useLivePlot(
    (el, hover) => new EmbeddingPlot(el, { classNames, title, colourBy, sharedDomain, axisLabels, onHover: hover }),
    { classNames, colourBy, onHover, exportId: props.exportId },
  );

  // props arrive as new arrays on every render: compare by content, not identity
  const domainKey = sharedDomain ? sharedDomain.flat().join(',') : '';
  useEffect(() => plot.current?.setSharedDomain(sharedDomain), [domainKey]);
  useEffect(() => plot.current?.setTitle(title ?? ''), [title]);
  const axisKey = axisLabels ? axisLabels.join('\u0000') : '';
  useEffect(() => plot.current?.setAxisLabels(axisLabels ?? null), [axisKey]);
  const showRegions = props.showRegions ?? true;
  useEffect(() => plot.current?.setShowRegions(showRegions), [showRegions]);
  useEffect(() => {
    if (snapshot) plot.current?.setSnapshot(snapshot);
  }, [snapshot]);

  return (
    <div
      ref={ref}
      role="figure"
      aria-label={ariaLabel}
      className={props.className}
      style={{ position: 'relative', width: '100%', aspectRatio: '5 / 4', ...props.style }}
    />
  );
}
