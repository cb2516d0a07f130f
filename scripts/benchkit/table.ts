/** Plain-text tables for the terminal (and, pasted as is, for docs/benchmarks.md: they are Markdown). */
export function markdownTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => '| ' + r.map((c, j) => c.padEnd(widths[j])).join(' | ') + ' |';
  return [line(rows[0]), '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |', ...rows.slice(1).map(line)].join('\n');
}

export const fmt = (v: number | null | undefined, digits = 0): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
