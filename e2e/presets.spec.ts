import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

/** The preset files as the page bundles them (src/presets/*.json), in menu order. */
interface PresetFile { runs: { id: string; name: string }[]; openSet: number[]; seed: number; preset: { title: string; order: number } }
const dir = join(process.cwd(), 'src/presets');
const presets = readdirSync(dir).filter((f) => f.endsWith('.json'))
  .map((f) => ({ id: f.slice(0, -5), ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as PresetFile) }))
  .sort((a, b) => a.preset.order - b.preset.order || a.id.localeCompare(b.id));

// a verdict computed from metrics measured after training began (step-0 metrics exist before it)
const TRAINED_VERDICT = /Holds at step [1-9]\d*|Not yet at step [1-9]\d*|Does not hold here/;

test('every preset loads its experiment from the menu, trains, and its card shows a verdict', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  const menuButton = page.getByRole('button', { name: 'Presets' });
  await menuButton.click();
  await expect(page.getByRole('menuitem')).toHaveCount(presets.length);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Presets' })).toHaveCount(0);

  for (const p of presets) {
    await menuButton.click();
    await page.getByRole('menuitem', { name: p.preset.title }).click();
    const card = page.getByRole('region', { name: p.preset.title });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Claim:');
    await expect(card).toContainText('Paper:');
    // the whole experiment was loaded: its runs by name, its held-out classes, its seed
    for (const r of p.runs) await expect(page.getByRole('group', { name: r.name, exact: true })).toBeVisible();
    await expect(page.locator('section.run')).toHaveCount(p.runs.length);
    await expect(page.getByLabel('Seed', { exact: true })).toHaveValue(String(p.seed));
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain(`"openSet":${JSON.stringify(p.openSet)}`);
    // training started, and the verdict reads metrics from after step 0
    await expect(card.getByRole('status', { name: 'Verdict' })).toHaveText(TRAINED_VERDICT, { timeout: 60_000 });
    await expect(card.getByRole('listitem').first()).toContainText(/[✓✗]/);
    if (p.id === 'nirvana-dam') {
      await expect(card.getByRole('img', { name: /^Distances between class centers/ })).toHaveCount(p.runs.length);
      // the card with its heat maps and the open menu pass axe-core
      await menuButton.click();
      const axe = await new AxeBuilder({ page }).include('.preset-card').include('.presets-menu').analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
      await page.keyboard.press('Escape');
    }
  }
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Close preset card' }).click();
  await expect(page.getByRole('region', { name: presets[presets.length - 1].preset.title })).toHaveCount(0);
});
