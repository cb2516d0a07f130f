import { describe, expect, it } from 'vitest';
import { defaultRun } from '../store/runs';
import { defaultConfig } from '../store/store';
import { RunUpdates } from './runUpdates';

const cfg = { ...defaultConfig(), runs: [defaultRun('heated', 'r1'), defaultRun('softmax', 'r2')] };
const alpha = (v: number) => ({ ...cfg.runs[0], params: { ...cfg.runs[0].params, alpha: v } });

describe('slider changes during a rebuild', () => {
  it('apply at once when no configure is in flight', () => {
    const u = new RunUpdates();
    expect(u.record(alpha(8))).toBe(true);
  });

  it('are kept while a build is in flight and laid over the config it builds', () => {
    const u = new RunUpdates();
    u.configReceived();
    u.buildStarted();
    expect(u.record(alpha(8))).toBe(false);
    expect(u.over(cfg).runs[0].params.alpha).toBe(8);
    expect(u.over(cfg).runs[1]).toBe(cfg.runs[1]);
    u.buildDone();
    expect(u.record(alpha(9))).toBe(true);
    expect(u.over(cfg).runs[0].params.alpha).toBe(9);
  });

  it('a later config from the page supersedes them', () => {
    const u = new RunUpdates();
    u.configReceived();
    u.record(alpha(8));
    u.configReceived(); // sent after the change, so it holds it (or something newer)
    expect(u.over(cfg)).toBe(cfg);
  });

  it('a change for a run whose loss was switched since is not applied', () => {
    const u = new RunUpdates();
    u.configReceived();
    u.record(alpha(8));
    const switched = { ...cfg, runs: [{ ...defaultRun('center', 'r1') }, cfg.runs[1]] };
    expect(u.over(switched).runs[0].loss).toBe('center');
  });
});
