/**
 * Every preset of this folder: each *.json file is one preset (see preset.ts); adding a file adds a
 * menu item, with no code. Vite (the page, and vitest) bundles the files; the headless runner reads
 * the folder from disk instead (scripts/evalkit/preset.ts).
 */
import { parsePreset, sortPresets, type Preset } from './preset';

const files = import.meta.glob<unknown>('./*.json', { eager: true, import: 'default' });

export const PRESETS: readonly Preset[] = sortPresets(
  Object.entries(files).map(([path, json]) => parsePreset(path.replace(/^.*\//, '').replace(/\.json$/, ''), json)),
);

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
