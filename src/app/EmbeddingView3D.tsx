import { useEffect, useId, type CSSProperties } from 'react';
import type { ColourBy, HoverCallback } from '../viz/embeddingPlot';
import { Plot3D, type Scene3D } from '../viz/plot3d';
import { useLivePlot } from './useLivePlot';

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
  const hintId = useId();
  const { ref, plot } = useLivePlot((el, hover) => new Plot3D(el, { classNames, colourBy, onHover: hover }), { classNames, colourBy, onHover, exportId: props.exportId });
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
