import { useStore } from '../store/store';
import { LineChartView } from './LineChartView';

/** Training loss and test accuracy of every run, with the steps where a parameter changed. */
export function Charts() {
  const runs = useStore((s) => s.runs);
  const config = useStore((s) => s.config);
  const series = config.runs.map((r) => ({ name: r.name + (config.runs.filter((x) => x.name === r.name).length > 1 ? ` (${r.id})` : ''), id: r.id }));
  const loss = series.map((s) => ({ name: s.name, points: runs[s.id]?.lossHistory ?? [] }));
  const acc = series.map((s) => ({ name: s.name, points: runs[s.id]?.accHistory ?? [] }));
  const marks = config.runs.flatMap((r) => (runs[r.id]?.marks ?? []).map((m) => ({ step: m.step, text: `${r.name}: ${m.text}` })));
  const version = config.runs.reduce((a, r) => a + (runs[r.id]?.version ?? 0), 0);
  return (
    <div className="charts">
      <LineChartView ariaLabel="Training loss" title="Training loss" series={loss} marks={marks} logY version={version} />
      <LineChartView ariaLabel="Test accuracy chart" title="Test accuracy" series={acc} marks={marks} yDomain={[0, 1]} version={version} />
    </div>
  );
}
