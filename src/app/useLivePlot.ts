import { useEffect, useRef } from 'react';
import type { ColourBy } from '../viz/colours';
import { registerPlot, unregisterPlot, type ExportablePlot } from '../viz/plotRegistry';
import type { HoverCallback } from '../viz/plotTypes';

/** What the React wrappers need of a plot object (the 2-D `EmbeddingPlot`, the 3-D `Plot3D`). */
interface LivePlot extends ExportablePlot {
  setClassNames(names: string[]): void;
  setColourBy(mode: ColourBy): void;
  destroy(): void;
}

/**
 * A plot object in a container React renders: created once per mount (StrictMode's mount → unmount →
 * mount gets a fresh one) and destroyed with it, registered under `exportId` so export/ can read the
 * scene it shows, its class names and colouring kept up to date. Other options are the caller's
 * effects on `plot`: re-creating the plot would lose its zoom, rotation and animation.
 */
export function useLivePlot<P extends LivePlot>(
  create: (el: HTMLDivElement, onHover: HoverCallback) => P,
  props: { classNames: string[]; colourBy: ColourBy; onHover?: HoverCallback; exportId?: string },
) {
  const ref = useRef<HTMLDivElement>(null);
  const plot = useRef<P | null>(null);
  // the plot calls whatever callback is current, so a new closure each render needs no re-subscription
  const hover = useRef<HoverCallback | undefined>(props.onHover);
  useEffect(() => {
    hover.current = props.onHover;
  }, [props.onHover]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const p = create(el, (i, x, y) => hover.current?.(i, x, y));
    plot.current = p;
    const exportId = props.exportId;
    if (exportId) registerPlot(exportId, p);
    return () => {
      if (exportId) unregisterPlot(exportId, p);
      p.destroy();
      if (plot.current === p) plot.current = null;
    };
    // created once per mount; the effects below and the caller's apply later changes
  }, []);

  // props arrive as new arrays on every render: compare by content, not identity
  const namesKey = props.classNames.join('\u0000');
  useEffect(() => plot.current?.setClassNames(props.classNames), [namesKey]);
  useEffect(() => plot.current?.setColourBy(props.colourBy), [props.colourBy]);
  return { ref, plot };
}
