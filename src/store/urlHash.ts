import type { ExperimentConfig } from '../config/config';
import { clip } from '../util/clip';
import { SETTING_KEYS, specOf } from '../config/settings';
import { validateConfig } from './validate';

const PREFIX = '#config=';

/** Readable (URI-encoded JSON) so a user can edit the link by hand. */
export function configToHash(c: ExperimentConfig): string {
  // settings kept out of the URL (the table's `url: false`) are read back at their defaults
  const local = SETTING_KEYS.filter((k) => !specOf(k).url);
  const shared = local.length ? Object.fromEntries(Object.entries(c).filter(([k]) => !local.includes(k as never))) : c;
  return PREFIX + encodeURIComponent(JSON.stringify(shared));
}

/** null when the hash holds no config; throws ConfigError naming the field when it holds a bad one. */
export function configFromHash(hash: string): ExperimentConfig | null {
  if (!hash.startsWith(PREFIX)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(hash.slice(PREFIX.length)));
  } catch (e) {
    throw new Error(`The link's config is not valid JSON (${clip(e instanceof Error ? e.message : String(e), 120)})`, { cause: e });
  }
  return validateConfig(parsed);
}
