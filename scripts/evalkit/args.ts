/** Command-line reading shared by scripts/eval.ts and scripts/evaluate-losses.ts. */
import { isLossId, LOSS_IDS } from '../../src/losses';
import type { LossId } from '../../src/losses/types';

export function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

export function numberOption(args: string[], name: string, fallback: number): number {
  const v = Number(option(args, name, String(fallback)));
  if (!Number.isFinite(v)) throw new Error(`--${name} must be a number`);
  return v;
}

/** --losses a,b (default: every registered loss, in the registry's order) */
export function lossesOption(args: string[]): LossId[] {
  return option(args, 'losses', LOSS_IDS.join(',')).split(',').map((s) => {
    if (!isLossId(s)) throw new Error(`unknown loss ${s}; known: ${LOSS_IDS.join(', ')}`);
    return s;
  });
}

/** Every `--set loss.key=value`, e.g. { pair: { lambda: 0.1 } }: parameters other than the registry's defaults. */
export function paramOverrides(args: string[]): Partial<Record<LossId, Record<string, number>>> {
  const out: Partial<Record<LossId, Record<string, number>>> = {};
  args.forEach((a, i) => {
    if (a !== '--set') return;
    const m = /^(\w+)\.(\w+)=(.+)$/.exec(args[i + 1] ?? '');
    if (!m || !isLossId(m[1]) || !Number.isFinite(Number(m[3]))) throw new Error(`--set wants loss.param=number, got ${args[i + 1]}`);
    (out[m[1]] ??= {})[m[2]] = Number(m[3]);
  });
  return out;
}

/** Every `--choose loss.key=value`, e.g. { heated: { schedule: 'constant' } }: choices other than the registry's defaults. */
export function choiceOverrides(args: string[]): Partial<Record<LossId, Record<string, string>>> {
  const out: Partial<Record<LossId, Record<string, string>>> = {};
  args.forEach((a, i) => {
    if (a !== '--choose') return;
    const m = /^(\w+)\.(\w+)=([\w-]+)$/.exec(args[i + 1] ?? '');
    if (!m || !isLossId(m[1])) throw new Error(`--choose wants loss.choice=value, got ${args[i + 1]}`);
    (out[m[1]] ??= {})[m[2]] = m[3];
  });
  return out;
}
