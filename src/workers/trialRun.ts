/**
 * Before an uploaded set replaces a working session, the runs are built on it and take their first
 * steps on a throwaway trainer. A set that parses can still not train with these runs: a triplet run
 * needs every class in its P×K batches, flat or nearly flat images give a NaN loss at the first step.
 * Found here, the session that works is never disposed and the set is never stored.
 */
import type { Dataset } from '../data/types';
import { DataError } from '../data/types';
import { Trainer } from '../engine/trainer';
import type { ExperimentConfig } from '../config/config';
import { clip } from '../util/clip';

/** the first steps: where a NaN from the data itself shows (later ones are the runs' own business) */
export const TRIAL_STEPS = 2;

export const TRIAL_FIX = 'Choose the official cifar-10-binary.tar.gz (all ten classes), or change the runs and load the files again; the runs you had go on.';

/** Resolves when `config`'s runs build on `ds` and their first steps' losses are finite; else a DataError. */
export async function trialTrain(ds: Dataset, config: ExperimentConfig, names: string, steps = TRIAL_STEPS, fix = TRIAL_FIX): Promise<void> {
  const refused = (why: string) => new DataError(`${clip(names)} was not used: ${why}.`, fix);
  let trainer: Trainer;
  try {
    trainer = new Trainer(ds, config);
  } catch (e) {
    throw refused(`the runs cannot be built on it (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    for (let i = 0; i < steps; i++) {
      const bad = (await trainer.trainStep()).find((p) => !Number.isFinite(p.loss));
      if (bad) {
        const name = config.runs.find((r) => r.id === bad.runId)?.name ?? bad.runId;
        throw refused(`training on it gave run "${name}" a loss of ${bad.loss} at step ${i + 1}`);
      }
    }
  } catch (e) {
    throw e instanceof DataError ? e : refused(`its first training step failed (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    trainer.dispose();
  }
}
