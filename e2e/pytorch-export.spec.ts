import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { openApp } from './helpers';

/**
 * Issue 16's round trip: the PyTorch script's embeddings file, loaded into the page with "Load
 * embeddings…", shows as an imported run with its points and the page's metrics of them; and the
 * Export menu saves the project. Runs the generated train.py (Debian's python3-torch; PYTHON
 * overrides /usr/bin/python3): a short CPU run, one process.
 */
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

test('the PyTorch script\'s embeddings load into the page with their points and metrics', async ({ page }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'pytorch-e2e-'));
  const config = {
    version: 1, dataset: 'mnist', backend: 'auto', embeddingDim: 2, batchSize: 64, seed: 2, evalSize: 300, augment: false, openSet: [],
    plannedEpochs: 2, lrSchedule: 'cosine',
    runs: [{ id: 'r1', name: 'Center from PyTorch', loss: 'center', learningRate: 0.006, params: {}, choices: {} }],
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  execFileSync('npx', ['tsx', 'scripts/export-pytorch.ts', '--config', join(dir, 'config.json'), '--out', join(dir, 'project')], { stdio: 'inherit' });
  execFileSync(PYTHON, [join(dir, 'project', 'train.py'), '--steps', '60', '--out', join(dir, 'out')], { stdio: 'inherit' });
  const file = join(dir, 'out', 'embeddings-r1.json');
  const py = JSON.parse(readFileSync(join(dir, 'out', 'metrics.json'), 'utf8')) as Record<string, { accuracy: number; recall: Record<string, number> }>;

  await openApp(page);
  await page.getByLabel('Embeddings file').setInputFiles(file);
  const panel = page.getByRole('group', { name: 'Center from PyTorch (imported)' });
  await expect(panel.getByText('imported', { exact: true })).toBeVisible();
  await expect(panel.getByRole('figure', { name: 'Embedding' })).toHaveAttribute('data-points', '300');
  const row = page.getByRole('table', { name: 'Metrics of imported embeddings' }).getByRole('row', { name: /Center from PyTorch/ });
  const cells = row.getByRole('cell');
  await expect(cells.nth(1)).toHaveText((py.r1.accuracy * 100).toFixed(1)); // same predictions, same accuracy
  const r1 = Number(await cells.nth(2).textContent());
  expect(Math.abs(r1 - py.r1.recall['1'] * 100)).toBeLessThan(1); // the page's recall@1 of the same points (ties may break apart)

  // Export → PyTorch script saves the project with the dataset files beside it
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'PyTorch script' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^pytorch-mnist-1-run\.zip$/);
  const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const names = Object.keys(zip).map((n) => n.replace(/^[^/]+\//, ''));
  for (const f of ['train.py', 'losses.py', 'model.py', 'data.py', 'metrics.py', 'README.md', 'experiment.json', 'data/train-images-idx3-ubyte.gz']) expect(names).toContain(f);
});
