import { useEffect, useMemo, useRef } from 'react';
import { useStore } from '../store/store';

const NEIGHBOURS = 5;

/**
 * The hovered test image (or, for the toy sets, the point's place in the input plane) with its
 * label, the run's prediction and its nearest neighbours in the embedding.
 */
export function HoverCard(props: { index: number; x: number; y: number; points: Float32Array; dim: number; predictions: Uint8Array; shown: Int32Array | null }) {
  const dataset = useStore((s) => s.dataset);
  const { index, points, dim, shown } = props;
  const neighbours = useMemo(() => nearest(points, dim, index, NEIGHBOURS), [points, dim, index]);
  if (!dataset) return null;
  // point i of a frame that shows part of the shown samples is sample shown[i] of the session's set
  const sample = (i: number) => (shown ? shown[i] : i);
  const label = dataset.evalLabels[sample(index)];
  const pred = props.predictions[index];
  const name = (c: number) => dataset.classNames[c] ?? String(c);
  return (
    <div className="tooltip" style={{ left: props.x + 14, top: props.y + 14 }} role="tooltip">
      <Thumb index={sample(index)} size={56} />
      <div>label <strong>{name(label)}</strong> · predicted <strong style={{ color: pred === label ? '#1a7f37' : '#c62828' }}>{name(pred)}</strong></div>
      <div className="neighbours" style={{ display: 'flex', gap: 3, marginTop: 4 }}>
        {neighbours.map((j) => (
          <div key={j} style={{ textAlign: 'center' }}>
            <Thumb index={sample(j)} size={28} />
            <small>{name(dataset.evalLabels[sample(j)])}</small>
          </div>
        ))}
      </div>
    </div>
  );
}

function Thumb(props: { index: number; size: number }) {
  const dataset = useStore((s) => s.dataset);
  if (dataset?.evalPoints) return <PointThumb index={props.index} size={props.size} points={dataset.evalPoints} />;
  return <ImageThumb index={props.index} size={props.size} />;
}

/** A toy sample is a place in the input plane: the plane's test points faint, this one marked. */
function PointThumb(props: { index: number; size: number; points: Float32Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { index, size, points } = props;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < points.length; i += 2) {
      x0 = Math.min(x0, points[i]); x1 = Math.max(x1, points[i]);
      y0 = Math.min(y0, points[i + 1]); y1 = Math.max(y1, points[i + 1]);
    }
    const span = Math.max(x1 - x0, y1 - y0, 1e-6);
    const px = (x: number) => 2 + ((x - x0) / span) * (size - 4);
    const py = (y: number) => size - 2 - ((y - y0) / span) * (size - 4);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size, size);
    ctx.fillStyle = '#c8ccd2';
    for (let i = 0; i < points.length; i += 2) ctx.fillRect(px(points[i]), py(points[i + 1]), 1, 1);
    ctx.fillStyle = '#111';
    ctx.beginPath();
    ctx.arc(px(points[2 * index]), py(points[2 * index + 1]), Math.max(2, size / 14), 0, 2 * Math.PI);
    ctx.fill();
  }, [index, size, points]);
  const [x, y] = [points[2 * index], points[2 * index + 1]];
  return <canvas ref={ref} width={size} height={size} title={`input (${x.toFixed(2)}, ${y.toFixed(2)})`} style={{ width: size, height: size, border: '1px solid #ddd' }} />;
}

function ImageThumb(props: { index: number; size: number }) {
  const dataset = useStore((s) => s.dataset);
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c || !dataset) return;
    const { width: W, height: H, channels: C, evalImages } = dataset;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(W, H);
    const off = props.index * W * H * C;
    for (let p = 0; p < W * H; p++) {
      for (let k = 0; k < 3; k++) img.data[p * 4 + k] = evalImages[off + p * C + (C === 3 ? k : 0)];
      img.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [dataset, props.index]);
  if (!dataset) return null;
  return <canvas ref={ref} width={dataset.width} height={dataset.height} style={{ width: props.size, height: props.size, imageRendering: 'pixelated' }} />;
}

function nearest(points: Float32Array, dim: number, q: number, k: number): number[] {
  const n = points.length / dim;
  const best: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (i === q) continue;
    let d = 0;
    for (let j = 0; j < dim; j++) { const t = points[i * dim + j] - points[q * dim + j]; d += t * t; }
    if (best.length < k || d < best[best.length - 1][0]) {
      best.push([d, i]);
      best.sort((a, b) => a[0] - b[0]);
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => b[1]);
}
