import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from './config';
import { defaultOf, needsRebuild, REBUILD_KEYS, SETTING_KEYS, SETTINGS, specOf, withDatasetDefaults } from './settings';
import { defaultConfig } from '../store/store';
import { validateConfig } from '../store/validate';

/** A value of setting k different from the default config's, and valid. */
function other(k: (typeof SETTING_KEYS)[number], c: ExperimentConfig): unknown {
  const s = specOf(k);
  switch (s.kind) {
    case 'number': return c[k] === s.max ? s.min : s.max;
    case 'choice': return s.options.find((o) => o.value !== c[k])?.value;
    case 'boolean': return !c[k];
    case 'classes': return [s.maxClass];
    case 'text': return c[k] === '' ? '0123456789abcdef' : '';
  }
}

describe('the settings table', () => {
  it('gives the default config: each setting at its default for MNIST, in table order', () => {
    const c = defaultConfig();
    expect(Object.keys(c)).toEqual(['version', ...SETTING_KEYS, 'runs']);
    expect(c.plannedEpochs).toBe(SETTINGS.plannedEpochs.perDataset.mnist);
    expect(c.openSet).not.toBe(SETTINGS.openSet.default); // a copy: editing it leaves the table alone
  });

  it('rebuilds for exactly the settings marked so; the plan and the schedule apply in place', () => {
    const c = defaultConfig();
    for (const k of SETTING_KEYS) {
      expect(needsRebuild(c, { ...c, [k]: other(k, c) }), k).toBe(specOf(k).rebuild);
    }
    expect(REBUILD_KEYS).not.toContain('plannedEpochs');
    expect(REBUILD_KEYS).not.toContain('lrSchedule');
    expect(needsRebuild(c, { ...c, openSet: [...c.openSet] })).toBe(false); // equal by value
  });

  it('validates every setting against its entry, naming the field', () => {
    const c = defaultConfig();
    for (const k of SETTING_KEYS) {
      expect(() => validateConfig({ ...c, [k]: 'nonsense' }), k).toThrow(new RegExp(`^${k}: `));
      const ok = { ...c, [k]: other(k, c) };
      expect(validateConfig(JSON.parse(JSON.stringify(ok)))[k]).toEqual(ok[k]);
    }
  });

  it('reads a link without a setting added later at its default for the link\'s dataset', () => {
    const { plannedEpochs: _p, lrSchedule: _l, openSet: _o, ...old } = { ...defaultConfig(), dataset: 'cifar10' as const };
    const c = validateConfig(old);
    expect([c.plannedEpochs, c.lrSchedule, c.openSet]).toEqual([defaultOf('plannedEpochs', 'cifar10'), 'cosine', []]);
  });

  it('a plan left at the old dataset\'s default follows a new dataset; a chosen one stays', () => {
    const c = defaultConfig();
    expect(withDatasetDefaults(c, { dataset: 'cifar10' }).plannedEpochs).toBe(100);
    expect(withDatasetDefaults({ ...c, plannedEpochs: 7 }, { dataset: 'cifar10' }).plannedEpochs).toBe(7);
    expect(withDatasetDefaults(c, { dataset: 'cifar10', plannedEpochs: 3 }).plannedEpochs).toBe(3);
  });
});
