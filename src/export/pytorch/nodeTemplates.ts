/** The Python templates read from disk (Node scripts and tests; the page bundles them with Vite's ?raw). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asTemplates, TEMPLATE_FILES, type Templates } from './generate';

export function readTemplates(): Templates {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'templates');
  return asTemplates(Object.fromEntries(TEMPLATE_FILES.map((n) => [n, readFileSync(join(dir, n), 'utf8')])));
}
