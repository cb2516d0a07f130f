/** Longest stretch of an outside value that a message repeats: enough to recognise it, never a wall of text. */
export const CLIP_LENGTH = 60;

/**
 * Shortens a value echoed in a message (a bad field from a link, a file name, a tar entry) so a
 * megabyte-long value cannot become a megabyte-long banner; the cut is marked with an ellipsis.
 */
export function clip(value: string, max = CLIP_LENGTH): string {
  if (value.length <= max) return value;
  return `${value.slice(0, max - 1)}…`;
}

/** JSON.stringify (what validation messages quote), clipped; `undefined` reads as "nothing". */
export function clipJson(value: unknown, max = CLIP_LENGTH): string {
  let s: string | undefined;
  try {
    s = JSON.stringify(value);
  } catch {
    s = undefined; // a cyclic or BigInt value cannot come from JSON.parse, but stay total
  }
  return clip(s ?? String(value), max);
}
