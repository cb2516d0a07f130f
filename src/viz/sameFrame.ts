import type { EmbeddingSnapshot } from './plotTypes';

/**
 * Whether two snapshots are the same frame with other step marks: every other field the same
 * object. The page rebuilds a plot's snapshot object when a slider adds a mark; the data arrays stay.
 */
export function sameFrame(a: EmbeddingSnapshot, b: EmbeddingSnapshot): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof EmbeddingSnapshot)[]);
  for (const k of keys) if (k !== 'marks' && a[k] !== b[k]) return false;
  return true;
}
