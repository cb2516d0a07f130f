import { describe, expect, it } from 'vitest';
import { checkpointFailure, isQuotaError, loadCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint';
import { defaultConfig } from './store';

const cp = (): Checkpoint => ({
  version: 1, savedAt: 1, config: defaultConfig(), histories: {},
  state: { globalStep: 3, samplesDrawn: 96, runs: [{ id: 'r1', step: 3, loss: 1, variables: [{ shape: [2], data: new Float32Array([1, 2]) }], optimizer: [] }] },
});

describe('checkpoint storage', () => {
  it('tells a quota error from other storage failures', () => {
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    expect(isQuotaError(quota)).toBe(true);
    expect(checkpointFailure(quota).message).toMatch(/storage quota for this site is full/);
    expect(isQuotaError(new Error('InvalidStateError'))).toBe(false);
    expect(checkpointFailure(new Error('no IndexedDB')).message).toBe('The session was not checkpointed: no IndexedDB.');
  });

  it('saves and loads through the storage functions; refuses what is not a checkpoint of this version', async () => {
    const mem = new Map<IDBValidKey, unknown>();
    await saveCheckpoint(cp(), async (k, v) => { mem.set(k, v); });
    const get = async (k: IDBValidKey) => mem.get(k);
    expect((await loadCheckpoint(get as never))?.state.globalStep).toBe(3);
    const [key] = [...mem.keys()];
    mem.set(key, { ...cp(), version: 2 });
    expect(await loadCheckpoint(get as never)).toBeNull();
    mem.set(key, { ...cp(), config: { ...defaultConfig(), batchSize: -5 } });
    expect(await loadCheckpoint(get as never)).toBeNull();
    expect(await loadCheckpoint((async () => { throw new Error('storage off'); }) as never)).toBeNull();
  });
});
