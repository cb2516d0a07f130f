import { expect, type Locator, type Page } from '@playwright/test';

/** A run config for the URL hash, as the page itself writes it (see src/store/urlHash.ts). */
export function configHash(overrides: Record<string, unknown>, runs?: unknown[]): string {
  const cfg = {
    version: 1, dataset: 'mnist', backend: 'auto', embeddingDim: 2, batchSize: 128, seed: 1, evalSize: 2000, augment: true,
    runs: runs ?? [{ id: 'r1', name: 'Softmax cross-entropy', loss: 'softmax', learningRate: 0.001, params: {}, choices: {} }],
    ...overrides,
  };
  return '#config=' + encodeURIComponent(JSON.stringify(cfg));
}

export async function openApp(page: Page, hash = ''): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // a new load, as a user opening the link: from the app's own page a goto that changes only the
  // hash is a same-document navigation, which the page treats as a link pasted into a working tab
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto('/' + hash);
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
  expect(errors, 'no uncaught page errors').toEqual([]);
}

export async function plotState(page: Page, runGroup?: string): Promise<{ points: number; step: number; checksum: number }> {
  const scope = runGroup ? page.getByRole('group', { name: runGroup }) : page;
  const fig = scope.getByRole('figure', { name: 'Embedding' }).first();
  const [p, s, c] = await Promise.all([fig.getAttribute('data-points'), fig.getAttribute('data-step'), fig.getAttribute('data-checksum')]);
  return { points: Number(p ?? 0), step: Number(s ?? -1), checksum: Number(c ?? NaN) };
}

/**
 * Sweeps the pointer over a plot until a point's tooltip shows, and returns the tooltip. A point
 * answers within 8 px, so the sweep is a 40 × 40 grid and then the same grid offset by half a step
 * (a ~12 px grid alone leaves gaps between the points' circles). The plot is scrolled into view
 * first: the controls above it can push it below the fold, where a pointer move hovers nothing.
 */
export async function hoverUntilTooltip(page: Page, fig: Locator): Promise<Locator> {
  await fig.scrollIntoViewIfNeeded();
  const box = await fig.boundingBox();
  if (!box) throw new Error('no plot');
  const tooltip = page.getByRole('tooltip');
  for (let i = 0; i < 2 * 40 * 40 && !(await tooltip.isVisible()); i++) {
    const half = i >= 40 * 40 ? 0.5 : 0;
    const k = i % (40 * 40);
    await page.mouse.move(box.x + box.width * (0.02 + 0.96 * ((k % 40) + half) / 40), box.y + box.height * (0.02 + 0.96 * (Math.floor(k / 40) + half) / 40));
  }
  return tooltip;
}

/** The percentage shown in the "Test accuracy" element, as a fraction (NaN before the first snapshot). */
export async function testAccuracy(page: Page, runGroup?: string): Promise<number> {
  const scope = runGroup ? page.getByRole('group', { name: runGroup }) : page;
  const text = (await scope.getByLabel('Test accuracy', { exact: true }).first().textContent()) ?? '';
  const m = text.match(/([\d.]+)\s*%/);
  return m ? Number(m[1]) / 100 : NaN;
}

export async function backendName(page: Page): Promise<string> {
  return ((await page.getByTestId('backend-name').textContent()) ?? '').trim();
}

export async function throughput(page: Page): Promise<number> {
  const t = (await page.getByLabel('Throughput').textContent()) ?? '';
  return Number(t.replace(/[^\d.]/g, ''));
}
