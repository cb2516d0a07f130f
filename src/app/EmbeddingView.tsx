import { useEffect, useRef, type CSSProperties } from 'react';
import {
  EmbeddingPlot,
  type ColourBy,
  type Domain2D,
  type EmbeddingSnapshot,
  type HoverCallback,
} from '../viz/embeddingPlot';
import { registerPlot, unregisterPlot } from '../viz/plotRegistry';

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
  const ref = useRef<HTMLDivElement>(null);
  const plot = useRef<EmbeddingPlot | null>(null);
  // the plot calls whatever callback is current, so a new closure each render needs no re-subscription
  const hover = useRef<HoverCallback | undefined>(onHover);
  useEffect(() => {
    hover.current = onHover;
  }, [onHover]);

  // created once per mount; StrictMode's mount → unmount → mount gets a fresh plot each time
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const p = new EmbeddingPlot(el, {
      classNames,
      title,
      colourBy,
      sharedDomain,
      axisLabels,
      onHover: (i, x, y) => hover.current?.(i, x, y),
    });
    plot.current = p;
    const exportId = props.exportId;
    if (exportId) registerPlot(exportId, p);
    return () => {
      if (exportId) unregisterPlot(exportId, p);
      p.destroy();
      if (plot.current === p) plot.current = null;
    };
    // options are applied by the effects below; re-creating the plot would lose its zoom and animation
  }, []);

  // props arrive as new arrays on every render: compare by content, not identity
  const namesKey = classNames.join('\u0000');
  useEffect(() => plot.current?.setClassNames(classNames), [namesKey]);
  const domainKey = sharedDomain ? sharedDomain.flat().join(',') : '';
  useEffect(() => plot.current?.setSharedDomain(sharedDomain), [domainKey]);
  useEffect(() => plot.current?.setColourBy(colourBy), [colourBy]);
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
