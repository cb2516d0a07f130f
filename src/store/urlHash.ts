import type { ExperimentConfig } from './config';
import { clip } from '../util/clip';
import { validateConfig } from './validate';

const PREFIX = '#config=';

/** Readable (URI-encoded JSON) so a user can edit the link by hand. */
export function configToHash(c: ExperimentConfig): string {
  return PREFIX + encodeURIComponent(JSON.stringify(c));
}

/** null when the hash holds no config; throws ConfigError naming the field when it holds a bad one. */
export function configFromHash(hash: string): ExperimentConfig | null {
  if (!hash.startsWith(PREFIX)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(hash.slice(PREFIX.length)));
  } catch (e) {
    throw new Error(`The link's config is not valid JSON (${clip(e instanceof Error ? e.message : String(e), 120)})`);
  }
  return validateConfig(parsed);
}
