import { useStore } from '../store/store';
import { Charts } from './Charts';
import { CompareBar } from './CompareBar';
import { MetricsTable } from './MetricsTable';
import { OwnImagesPanel } from './OwnImagesPanel';
import { ImportedRuns } from './ImportedRuns';
import { PresetCard } from './PresetCard';
import { PresetsMenu } from './PresetsMenu';
import { ErrorBanner } from './ErrorBanner';
import { ResumeOffer } from './ResumeOffer';
import { ExportBar } from './ExportMenu';
import { RunPanel } from './RunPanel';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { TrainingWatchdog } from './TrainingWatchdog';

export function App() {
  const runs = useStore((s) => s.config.runs);
  return (
    <main className="app">
      <header className="app-header">
        <h1>Metric-learning playground</h1>
        <p className="tagline">Train a LeNet in your browser and watch how each loss shapes the embedding.</p>
        <PresetsMenu />
      </header>
      <Toolbar />
      <OwnImagesPanel />
      <CompareBar />
      <ExportBar />
      <ErrorBanner />
      <TrainingWatchdog />
      <ResumeOffer />
      <PresetCard />
      <StatusBar />
      {/* one or two runs get the room of the row (see styles.css); more share it */}
      <div className="runs" data-runs={Math.min(runs.length, 3)}>
        {runs.map((r) => <RunPanel key={r.id} run={r} canRemove={runs.length > 1} />)}
      </div>
      <ImportedRuns />
      <MetricsTable />
      <Charts />
    </main>
  );
}
