// applyConfig / patchGlobal: what reaches the store, the link and the worker. The worker client is
// replaced by a recorder; the page's `history` by a stub (Node has none).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExperimentConfig } from '../config/config';
import { getLoss } from '../losses';
import { defaultRun } from '../store/runs';
import { defaultConfig, useStore } from '../store/store';
import { configFromHash } from '../store/urlHash';
import { dict } from '../util/dict';

const worker = vi.hoisted(() => ({ configure: vi.fn(async () => {}), setView: vi.fn(async () => {}) }));
vi.mock('../workers/client', () => ({ trainerClient: () => worker }));

const { applyConfig, patchGlobal, setOpenSet } = await import('./controller');

let hash = '';
beforeEach(() => {
  vi.stubGlobal('location', { href: 'http://127.0.0.1/' });
  vi.stubGlobal('history', { replaceState: (_s: unknown, _t: string, url: string) => { hash = url; } });
  hash = '';
  worker.configure.mockClear();
  const classNames = Array.from({ length: 10 }, (_, i) => String(i));
  useStore.setState({ config: defaultConfig(), status: 'ready', progress: null, errors: [], runs: dict(), runViews: dict(), dataset: { classNames } as never });
});

describe('applyConfig', () => {
  it('a setting that needs a new session: the page shows Preparing, the link and the worker get the config', () => {
    const next = { ...defaultConfig(), batchSize: 64 };
    expect(applyConfig(next)).toBe(true);
    const s = useStore.getState();
    expect([s.config, s.status, s.progress?.stage]).toEqual([next, 'loading', 'Preparing']);
    expect(configFromHash(hash)).toEqual(next);
    expect(worker.configure).toHaveBeenCalledWith(next, 'http://127.0.0.1/');
  });

  it('a change the worker applies in place (the plan, the schedule) keeps the page ready', () => {
    const next: ExperimentConfig = { ...defaultConfig(), plannedEpochs: 5, lrSchedule: 'constant' };
    expect(applyConfig(next)).toBe(true);
    expect(useStore.getState().status).toBe('ready');
    expect(worker.configure).toHaveBeenCalledTimes(1);
  });

  it('refuses settings that cannot work, naming the run, and changes nothing', () => {
    // the simplex loss without its dimension-raising layer needs C−1 = 9 dimensions for ten classes
    const run = defaultRun('simplex', 'r1');
    const noDam = { ...run, choices: { ...run.choices, dam: 'off' } };
    expect(getLoss('simplex').minEmbeddingDim(10, noDam.choices)).toBeGreaterThan(2);
    const before = useStore.getState().config;
    expect(applyConfig({ ...before, runs: [noDam] })).toBe(false);
    const s = useStore.getState();
    expect(s.config).toBe(before);
    expect(s.errors.at(-1)?.message).toMatch(/needs an embedding of at least \d+ dimensions/);
    expect([worker.configure.mock.calls.length, hash]).toEqual([0, '']);
  });
});

describe('patchGlobal', () => {
  it('a plan at the old dataset\'s default follows a new dataset', () => {
    patchGlobal({ dataset: 'cifar10' });
    expect(useStore.getState().config.plannedEpochs).toBe(100);
  });
});

describe('setOpenSet', () => {
  it('takes distinct class ids the dataset has, sorted', () => {
    setOpenSet('9; 8');
    expect(useStore.getState().config.openSet).toEqual([8, 9]);
  });

  it('refuses what is not a list of distinct ids, and what the dataset cannot do, with the same words as a link', () => {
    const before = useStore.getState().config;
    for (const text of ['8, 8', 'eight', '-1', '2.5']) {
      setOpenSet(text);
      expect(useStore.getState().errors.at(-1)?.message).toMatch(/distinct class ids/);
    }
    setOpenSet('10');
    expect(useStore.getState().errors.at(-1)?.message).toMatch(/held-out classes 10 do not exist in this dataset \(classes 0–9\)/);
    setOpenSet('0 1 2 3 4 5 6 7 8');
    expect(useStore.getState().errors.at(-1)?.message).toMatch(/leaves fewer than two to train on/);
    // a five-class set loaded: its own count, not ten
    useStore.setState({ dataset: { id: 'mnist', classNames: ['a', 'b', 'c', 'd', 'e'] } as never });
    setOpenSet('7');
    expect(useStore.getState().errors.at(-1)?.message).toMatch(/classes 0–4/);
    expect(useStore.getState().config).toBe(before);
  });
});
