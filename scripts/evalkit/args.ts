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

/** --losses a,b (default: `fallback`, else every registered loss, in the registry's order) */
export function lossesOption(args: string[], fallback: readonly LossId[] = LOSS_IDS): LossId[] {
  return option(args, 'losses', fallback.join(',')).split(',').map((s) => {
    if (!isLossId(s)) throw new Error(`unknown loss ${s}; known: ${LOSS_IDS.join(', ')}`);
    return s;
  });
}

/**
 * Every `--flag loss.key=value` on the command line, each value read by `read` (null: refused with
 * `wants` in the message), grouped by loss.
 */
function perLossOverrides<T>(args: string[], flag: string, wants: string, read: (v: string) => T | null): Partial<Record<LossId, Record<string, T>>> {
  const out: Partial<Record<LossId, Record<string, T>>> = {};
  args.forEach((a, i) => {
    if (a !== flag) return;
    const m = /^(\w+)\.(\w+)=(.+)$/.exec(args[i + 1] ?? '');
    const value = m ? read(m[3]) : null;
    if (!m || !isLossId(m[1]) || value === null) throw new Error(`${flag} wants ${wants}, got ${args[i + 1]}`);
    (out[m[1]] ??= {})[m[2]] = value;
  });
  return out;
}

/** Every `--set loss.key=value`, e.g. { pair: { lambda: 0.1 } }: parameters other than the registry's defaults. */
export function paramOverrides(args: string[]): Partial<Record<LossId, Record<string, number>>> {
  return perLossOverrides(args, '--set', 'loss.param=number', (v) => (Number.isFinite(Number(v)) ? Number(v) : null));
}

/** Every `--choose loss.key=value`, e.g. { heated: { schedule: 'constant' } }: choices other than the registry's defaults. */
export function choiceOverrides(args: string[]): Partial<Record<LossId, Record<string, string>>> {
  return perLossOverrides(args, '--choose', 'loss.choice=value', (v) => (/^[\w-]+$/.test(v) ? v : null));
}
