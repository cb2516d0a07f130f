import { useEffect, useRef, type CSSProperties } from 'react';
import { LineChart, type ChartMarker } from '../viz/lineChart';

export interface LineChartSeries {
  name: string;
  /** [x, y] pairs; may be appended to in place (bump `version` to have the chart pick them up) */
  points: readonly (readonly [number, number])[];
}

export interface LineChartViewProps {
  /** accessible name, set on the chart's <svg role="img"> */
  ariaLabel: string;
  series: LineChartSeries[];
  marks?: ChartMarker[];
  title?: string;
  xLabel?: string;
  yLabel?: string;
  logY?: boolean;
  yDomain?: [number, number] | null;
  /** EMA weight in [0, 1) for noisy curves; 0 draws the raw points only */
  smoothing?: number;
  /** bumped by the store when histories grow in place */
  version?: number;
  className?: string;
  style?: CSSProperties;
}

/** Thin React wrapper around `LineChart`: appends only the points it has not seen yet. */
export function LineChartView(props: LineChartViewProps) {
  const { ariaLabel, series, marks, title, xLabel, yLabel, logY = false, yDomain = null, smoothing = 0, version } = props;
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<LineChart | null>(null);
  /** the array each series was last read from: a new array means the history was reset */
  const sources = useRef(new Map<string, LineChartSeries['points']>());

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = new LineChart(el, { ariaLabel, title, xLabel, yLabel, logY, yDomain, smoothing });
    chart.current = c;
    sources.current = new Map();
    return () => {
      c.destroy();
      if (chart.current === c) chart.current = null;
    };
    // options are forwarded by the effect below; re-creating would re-append every point
  }, []);

  const yKey = yDomain ? yDomain.join(',') : '';
  useEffect(() => {
    chart.current?.setOptions({ ariaLabel, title, xLabel, yLabel, logY, yDomain, smoothing });
  }, [ariaLabel, title, xLabel, yLabel, logY, yKey, smoothing]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const seen = sources.current;
    const wanted = new Set(series.map((s) => s.name));
    for (const name of c.seriesNames()) {
      if (!wanted.has(name)) {
        c.removeSeries(name);
        seen.delete(name);
      }
    }
    for (const s of series) {
      const pts = s.points;
      const have = c.count(s.name);
      if (seen.get(s.name) !== pts || pts.length < have) {
        c.setSeries(s.name, pts.map((p) => p[0]), pts.map((p) => p[1]));
        seen.set(s.name, pts);
      } else {
        for (let i = have; i < pts.length; i++) c.append(s.name, pts[i][0], pts[i][1]);
      }
    }
  }, [series, version]);

  const marksKey = (marks ?? []).map((m) => `${m.step}:${m.text}`).join('\u0000');
  useEffect(() => chart.current?.setMarkers(marks ?? []), [marksKey]);

  return <div ref={ref} className={props.className} style={{ position: 'relative', width: '100%', height: 220, ...props.style }} />;
}
