import { useEffect, useId, useRef, type CSSProperties } from 'react';
import type { ColourBy, HoverCallback } from '../viz/embeddingPlot';
import { Plot3D, type Scene3D } from '../viz/plot3d';
import { registerPlot, unregisterPlot } from '../viz/plotRegistry';

/** small print under a plot; #555 on white keeps the contrast above 7:1 */
export const NOTE_STYLE: CSSProperties = { fontSize: 12, color: '#555', margin: '2px 0 0' };

/** React wrapper around `Plot3D` (embedding size 3): created once, prop changes forwarded. */
export function EmbeddingView3D(props: {
  ariaLabel: string;
  classNames: string[];
  scene: Scene3D | null;
  colourBy?: ColourBy;
  onHover?: HoverCallback;
  exportId?: string;
}) {
  const { classNames, scene, colourBy = 'class', onHover } = props;
  const ref = useRef<HTMLDivElement>(null);
  const plot = useRef<Plot3D | null>(null);
  const hover = useRef<HoverCallback | undefined>(onHover);
  const hintId = useId();
  useEffect(() => {
    hover.current = onHover;
  }, [onHover]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const p = new Plot3D(el, { classNames, colourBy, onHover: (i, x, y) => hover.current?.(i, x, y) });
    plot.current = p;
    const exportId = props.exportId;
    if (exportId) registerPlot(exportId, p);
    return () => {
      if (exportId) unregisterPlot(exportId, p);
      p.destroy();
      if (plot.current === p) plot.current = null;
    };
    // options are applied by the effects below; re-creating the plot would lose its rotation
  }, []);

  const namesKey = classNames.join('\u0000');
  useEffect(() => plot.current?.setClassNames(classNames), [namesKey]);
  useEffect(() => plot.current?.setColourBy(colourBy), [colourBy]);
  useEffect(() => {
    if (scene) plot.current?.setScene(scene);
  }, [scene]);

  return (
    <>
      <div ref={ref} role="figure" aria-label={props.ariaLabel} aria-describedby={hintId} tabIndex={0}
        style={{ position: 'relative', width: '100%', aspectRatio: '5 / 4' }} />
      <p id={hintId} className="plot-note" style={NOTE_STYLE}>3-D view: drag, or focus it and use the arrow keys, to turn it (Home or double-click resets).</p>
    </>
  );
}
