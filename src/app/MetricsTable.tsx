import { useStore } from '../store/store';

const pct = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)}`);
const num = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(3));
const UNSEEN_HELP = 'Retrieval on unseen classes (Musgrave et al. 2020): recall@K and MAP@R with the held-out classes\' shown test images as queries and database, no known-class image among them';

/** Held-out test metrics of every run, computed in the metrics worker (see src/metrics). */
export function MetricsTable() {
  const config = useStore((s) => s.config);
  const runs = useStore((s) => s.runs);
  const dataset = useStore((s) => s.dataset);
  const openSet = config.openSet.length > 0;
  // a column only when a run's classifier reads another layer than the plot (the triplet's trunk):
  // its figure is shown beside the plotted feature's accuracy, never instead of it
  const trunk = config.runs.some((r) => typeof runs[r.id]?.metrics?.trunkAccuracy === 'number');
  return (
    <section className="metrics">
      <table aria-label="Metrics">
        <caption>
          Test metrics at the step each plot showed, on the test images it showed: {dataset ? `all ${dataset.evalLabels.length} class-balanced shown images` : 'the shown images'} at
          a pause and at the plan&apos;s end, part of them while training (Images)
          {openSet ? ` (classes ${config.openSet.join(', ')} held out as unknown; "Unseen" columns: retrieval among their images only)` : ''}; accuracy, recall@K and MAP@R on the shown embedding
          (accuracy with the loss&apos;s own rule there: nearest class mean where its classifier is not on it).
        </caption>
        <thead>
          <tr>
            <th scope="col">Run</th><th scope="col">Step</th><th scope="col">Accuracy %</th>
            <th scope="col">R@1</th><th scope="col">R@2</th><th scope="col">R@4</th><th scope="col">R@8</th>
            <th scope="col">MAP@R</th><th scope="col">NMI</th><th scope="col">Open-set AUROC</th>
            {openSet && (
              <>
                <th scope="col" title={UNSEEN_HELP}>Unseen R@1</th><th scope="col" title={UNSEEN_HELP}>Unseen R@2</th>
                <th scope="col" title={UNSEEN_HELP}>Unseen R@4</th><th scope="col" title={UNSEEN_HELP}>Unseen R@8</th>
                <th scope="col" title={UNSEEN_HELP}>Unseen MAP@R</th>
              </>
            )}
            {trunk && <th scope="col" title="Accuracy of the classifier on the trunk (the layer before the plotted embedding), for losses that have one">Trunk classifier acc %</th>}
            <th scope="col" title="How many of the shown test images these figures are over">Images</th>
          </tr>
        </thead>
        <tbody>
          {config.runs.map((r) => {
            const m = runs[r.id]?.metrics;
            return (
              <tr key={r.id} data-run-id={r.id}>
                <th scope="row">{r.name}</th>
                <td>{m ? runs[r.id].metricsStep : '–'}</td>
                <td>{pct(m?.accuracy)}</td>
                <td>{pct(m?.recall[1])}</td><td>{pct(m?.recall[2])}</td><td>{pct(m?.recall[4])}</td><td>{pct(m?.recall[8])}</td>
                <td>{num(m?.mapAtR)}</td><td>{num(m?.nmi)}</td><td>{openSet ? num(m?.auroc) : 'no split'}</td>
                {openSet && (
                  <>
                    <td>{pct(m?.unseen?.recall[1])}</td><td>{pct(m?.unseen?.recall[2])}</td><td>{pct(m?.unseen?.recall[4])}</td><td>{pct(m?.unseen?.recall[8])}</td>
                    <td>{num(m?.unseen?.mapAtR)}</td>
                  </>
                )}
                {trunk && <td title={typeof m?.trunkAccuracy === 'number' ? undefined : 'this loss classifies from the plotted feature'}>{typeof m?.trunkAccuracy === 'number' ? pct(m.trunkAccuracy) : 'n/a'}</td>}
                <td>{m ? runs[r.id].metricsPoints : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="confusions">
        {config.runs.map((r) => {
          const m = runs[r.id]?.metrics;
          if (!m || !dataset) return null;
          return (
            <details key={r.id}>
              <summary>Per-class accuracy and confusion: {r.name}</summary>
              <Confusion confusion={m.confusion} perClass={m.perClass} names={dataset.classNames} label={`Confusion matrix ${r.name}`} />
            </details>
          );
        })}
      </div>
    </section>
  );
}

function Confusion(props: { confusion: number[][]; perClass: number[]; names: string[]; label: string }) {
  const { confusion, perClass, names } = props;
  const max = Math.max(1, ...confusion.flat());
  return (
    <table className="confusion" aria-label={props.label}>
      <thead>
        <tr><th scope="col">true \ predicted</th>{names.map((n) => <th key={n} scope="col">{n}</th>)}<th scope="col">acc %</th></tr>
      </thead>
      <tbody>
        {confusion.map((row, i) => (
          <tr key={names[i]}>
            <th scope="row">{names[i]}</th>
            {row.map((v, j) => (
              <td key={j} style={{ background: `rgba(${i === j ? '43,95,217' : '217,72,43'},${(v / max).toFixed(3)})`, color: v / max > 0.6 ? '#fff' : undefined }}>{v}</td>
            ))}
            <td>{pct(perClass[i])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
