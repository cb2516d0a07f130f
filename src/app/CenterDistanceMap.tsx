import { interpolateViridis } from 'd3';
import { useMemo } from 'react';
import { classCenterDistances } from '../presets/centerDistances';
import type { Snapshot } from '../workers/protocol';

const CELL = 16;

/**
 * One run's heat map of the distances between class centers (darker = closer), held-out classes
 * marked with "?" on both axes. Drawn from the run's latest snapshot; the exact figures are in each
 * cell's tooltip.
 */
export function CenterDistanceMap(props: { name: string; snapshot: Snapshot; labels: Uint8Array; classNames: string[]; openSet: number[] }) {
  const { snapshot, labels, classNames, openSet } = props;
  const d = useMemo(() => classCenterDistances(snapshot.points, snapshot.dim, labels, classNames.length), [snapshot, labels, classNames.length]);
  const max = Math.max(1e-9, ...d.flat().filter(Number.isFinite));
  const k = classNames.length;
  const tag = (c: number) => `${classNames[c]}${openSet.includes(c) ? '?' : ''}`;
  const size = CELL * (k + 1);
  return (
    <figure className="center-map">
      <svg width={size} height={size} role="img" aria-label={`Distances between class centers, ${props.name}, step ${snapshot.step}`}>
        {Array.from({ length: k }, (_, c) => (
          <g key={c} fontSize={10} fill={openSet.includes(c) ? '#777' : '#223'}>
            <text x={CELL * (c + 1) + CELL / 2} y={CELL - 4} textAnchor="middle">{tag(c)}</text>
            <text x={CELL - 3} y={CELL * (c + 1) + CELL - 4} textAnchor="end">{tag(c)}</text>
          </g>
        ))}
        {d.map((row, i) => row.map((v, j) => (
          <rect key={`${i}-${j}`} x={CELL * (j + 1)} y={CELL * (i + 1)} width={CELL - 1} height={CELL - 1}
            fill={Number.isFinite(v) ? interpolateViridis(v / max) : '#eee'}>
            <title>{`${tag(i)} ↔ ${tag(j)}: ${Number.isFinite(v) ? v.toPrecision(3) : 'no points'}`}</title>
          </rect>
        )))}
      </svg>
      <figcaption>{props.name} · step {snapshot.step} · max {max.toPrecision(3)}</figcaption>
    </figure>
  );
}
