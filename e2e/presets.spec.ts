import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openApp, plotState } from './helpers';

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
    if (p.id === 'toy-2d') {
      // the toy set and its network: the Dataset select and the status bar name them
      await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('toy-spirals');
      await expect(page.getByText(/Model: 2 inputs → fc64 ReLU → fc64 ReLU → fc2 \(MLP, He init\)/)).toBeVisible();
    }
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

/** Loads one preset from the menu; returns its card. */
async function loadFromMenu(page: Page, title: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('menuitem', { name: title }).click();
  const card = page.getByRole('region', { name: title });
  await expect(card).toBeVisible();
  return card;
}

const UNKNOWN_GREY = '#c4c4c4';

test('nirvana-open draws the held-out digits grey with an "unknown" legend entry, on the page and in an exported SVG', async ({ page }) => {
  test.setTimeout(240_000);
  const p = presets.find((x) => x.id === 'nirvana-open');
  if (!p) throw new Error('nirvana-open preset missing');
  await openApp(page);
  const card = await loadFromMenu(page, p.preset.title);
  await expect(card.getByRole('status', { name: 'Verdict' })).toHaveText(TRAINED_VERDICT, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  for (const r of p.runs) {
    // frames while training embed part of the test set; a pause brings the full 2 000
    await expect.poll(async () => (await plotState(page, r.name)).points, { timeout: 30_000 }).toBe(2000);
    const legend = page.getByRole('group', { name: r.name, exact: true }).getByRole('figure', { name: 'Embedding' }).locator('g.legend');
    await expect(legend).toContainText('unknown');
    // the held-out digits have no class swatch of their own
    expect(await legend.locator('text').allTextContents()).not.toContain(String(p.openSet[0]));
  }
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: 'SVG', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export SVG' });
  await dialog.getByRole('combobox', { name: 'Run' }).selectOption({ label: p.runs[0].name });
  await dialog.getByRole('button', { name: /download/i }).click();
  const svg = readFileSync(await (await download).path(), 'utf8');
  const circles = svg.split('<g class="points"')[1].split('</g>')[0].match(/<circle [^>]*>/g) ?? [];
  const grey = circles.filter((c) => c.includes(`fill="${UNKNOWN_GREY}"`)).length;
  // 2 000 class-balanced test digits, four of ten classes held out
  expect([circles.length, grey]).toEqual([2000, 800]);
  expect(svg).toContain('>unknown<');
});

test('toy-2d trains to its planned length in the page and pauses there with the final verdict (no extra step)', async ({ page }) => {
  test.setTimeout(420_000);
  const p = presets.find((x) => x.id === 'toy-2d');
  if (!p) throw new Error('toy-2d preset missing');
  await openApp(page);
  const card = await loadFromMenu(page, p.preset.title);
  // 20 epochs of 4 000 points in batches of 128: 625 steps; the verdict is read at that step itself
  await expect(card.getByRole('status', { name: 'Verdict' })).toHaveText(/Holds at step 625, the planned length|Does not hold here \(step 625 of 625 planned\)/, { timeout: 400_000 });
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  for (const r of p.runs) await expect(page.getByRole('group', { name: r.name, exact: true }).getByRole('figure', { name: 'Embedding' })).toHaveAttribute('data-step', '625');
});
