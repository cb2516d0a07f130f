import { LOSSES } from '../losses';
import type { LossId } from '../losses/types';
import { MAX_RUNS } from '../config/config';
import { useStore, type ColourBy } from '../store/store';
import * as ctl from './controller';

/** Runs and how they are shown: add a run, colour mode, one scale for all plots, the open-set split. */
export function CompareBar() {
  const runs = useStore((s) => s.config.runs);
  const colourBy = useStore((s) => s.colourBy);
  const sameScale = useStore((s) => s.sameScale);
  const openSet = useStore((s) => s.config.openSet);
  const used = new Set(runs.map((r) => r.loss));
  // the next loss not yet on the page, so "Add run" builds a comparison by itself
  const nextLoss: LossId = (LOSSES.find((l) => !used.has(l.id)) ?? LOSSES[0]).id;
  return (
    <div className="toolbar compare" role="toolbar" aria-label="Comparison">
      <button type="button" onClick={() => ctl.addRun(nextLoss)} disabled={runs.length >= MAX_RUNS}
        title={runs.length >= MAX_RUNS ? `At most ${MAX_RUNS} runs` : `Adds a ${LOSSES.find((l) => l.id === nextLoss)?.label} run`}>
        Add run
      </button>
      <label>
        Colour by{' '}
        <select aria-label="Colour by" value={colourBy} onChange={(e) => ctl.setColourBy(e.currentTarget.value as ColourBy)}>
          <option value="class">class</option>
          <option value="correct">correct / wrong prediction</option>
          <option value="gradient">norm of the loss gradient</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={sameScale} onChange={(e) => ctl.setSameScale(e.currentTarget.checked)} /> Same scale for all plots
      </label>
      <label title="Classes held out of training and scored as unknown (open-set AUROC)">
        Held-out classes{' '}
        <input
          key={openSet.join(',')}
          aria-label="Held-out classes"
          defaultValue={openSet.join(', ')}
          placeholder="none, e.g. 8, 9"
          size={10}
          onBlur={(e) => { if (e.currentTarget.value.trim() !== openSet.join(', ')) ctl.setOpenSet(e.currentTarget.value); }}
          onKeyDown={(e) => { if (e.key === 'Enter') ctl.setOpenSet(e.currentTarget.value); }}
        />
      </label>
    </div>
  );
}
