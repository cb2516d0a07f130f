/** The experiment config as a downloadable file, and reading one back (checked field by field). */
import type { ExperimentConfig } from '../config/config';
import { validateConfig } from '../store/validate';
import { clip } from '../util/clip';
import { EMBEDDINGS_FORMAT } from './table';

export const CONFIG_FILE_NAME = 'playground-config.json';

export function configFileText(c: ExperimentConfig): string {
  return JSON.stringify(c, null, 2) + '\n';
}

/**
 * Parses a config file; throws an Error whose message names the bad field (ConfigError) or says the
 * file is not JSON. An embeddings export carries its config too, so it is accepted as well.
 */
export function parseConfigText(text: string): ExperimentConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`the file is not valid JSON (${clip(e instanceof Error ? e.message : String(e), 120)})`, { cause: e });
  }
  if (typeof parsed === 'object' && parsed !== null && (parsed as { format?: unknown }).format === EMBEDDINGS_FORMAT) {
    return validateConfig((parsed as { config?: unknown }).config);
  }
  return validateConfig(parsed);
}
