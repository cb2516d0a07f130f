/**
 * Maps keyed by outside strings (run ids come from links and files) as objects without a prototype:
 * in a plain object `runs['constructor']` finds Object's constructor, and `runs['__proto__'] = x`
 * replaces the prototype instead of adding an entry.
 */
export function dict<T>(from?: Readonly<Record<string, T>>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (from) for (const k of Object.keys(from)) out[k] = from[k];
  return out;
}

/** A copy of `from` with `key` set: the dict counterpart of `{ ...from, [key]: value }`. */
export function withEntry<T>(from: Readonly<Record<string, T>>, key: string, value: T): Record<string, T> {
  const out = dict(from);
  out[key] = value;
  return out;
}

/** `from[key]` only when it is an own entry, for maps that may still be plain objects. */
export function own<T>(from: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(from, key) ? from[key] : undefined;
}
