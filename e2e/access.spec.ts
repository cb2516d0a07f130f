import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { configHash, openApp } from './helpers';

/** Every axe-core violation as one readable line (rule, impact, the first offending elements). */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 4 ? ` (+${v.nodes.length - 4})` : ''}`);
}

test('every slider moves with the arrow keys, Page Up/Down and Home/End', async ({ page }) => {
  // the first run at learning rate 0.001 (configHash's), where the issue found the slider stuck
  await openApp(page, configHash({ evalSize: 500 }));
  const add = page.getByRole('button', { name: 'Add run' });
  for (let i = 0; i < 5; i++) await add.click();
  const desc = (run: string) => page.getByRole('group', { name: run }).locator('.run-desc');

  // Learning rate (log scale): 0.001 → two steps up → back down, then to its ends
  const softmax = page.getByRole('group', { name: 'Softmax cross-entropy' });
  const lr = softmax.getByRole('slider', { name: 'Learning rate', exact: true });
  const lrValue = softmax.getByRole('spinbutton', { name: 'Learning rate value' });
  await expect(lrValue).toHaveValue('0.001');
  await lr.focus();
  await lr.press('ArrowRight');
  await lr.press('ArrowRight');
  await expect(lrValue).toHaveValue('0.0015');
  await expect(lr).toHaveAttribute('aria-valuetext', '0.0015');
  await lr.press('ArrowLeft');
  await lr.press('ArrowDown');
  await lr.press('ArrowDown');
  await expect(lrValue).toHaveValue('0.0008');
  await lr.press('ArrowUp');
  await expect(lrValue).toHaveValue('0.001');
  await lr.press('PageUp');
  await expect(lrValue).toHaveValue('0.01');
  await lr.press('PageDown');
  await lr.press('PageDown');
  await expect(lrValue).toHaveValue('0.0001');
  await lr.press('Home');
  await expect(lrValue).toHaveValue('0.00001');
  await lr.press('End');
  await expect(lrValue).toHaveValue('0.1');

  // λ of the center loss (log): 0.1 moves with one press each way
  const center = page.getByRole('group', { name: 'Center loss' });
  const lambda = center.getByRole('slider', { name: 'λ', exact: true });
  const lambdaValue = center.getByRole('spinbutton', { name: 'λ value' });
  await expect(lambdaValue).toHaveValue('0.1');
  await lambda.press('ArrowRight');
  await expect(lambdaValue).toHaveValue('0.12');
  await expect(desc('Center loss')).toContainText('λ=0.12');
  await lambda.press('ArrowLeft');
  await lambda.press('ArrowLeft');
  await expect(lambdaValue).toHaveValue('0.08');

  // every slider on the page (six losses, log and linear) moves one way and the other, and Home/End reach its ends
  expect(await page.getByRole('slider').count()).toBeGreaterThanOrEqual(12);
  await sweepSliders(page.getByRole('slider'));
  // and those of the loss that Add run ×5 does not reach (the seventh), on a run switched to it
  const cosface = 'Additive-margin softmax (CosFace)';
  await softmax.getByRole('combobox', { name: 'Loss' }).selectOption({ label: cosface });
  const group = page.getByRole('group', { name: cosface });
  await expect(group.getByRole('slider', { name: 'Scale s' })).toHaveCount(1);
  await expect(group.getByRole('slider', { name: 'Margin' })).toHaveCount(1);
  await sweepSliders(group.getByRole('slider'));
});

/** Each slider: Home, ArrowRight, PageUp, End, ArrowLeft, PageDown move it as a keyboard user expects. */
async function sweepSliders(sliders: Locator): Promise<void> {
  const n = await sliders.count();
  for (let i = 0; i < n; i++) {
    const s = sliders.nth(i);
    const name = await s.getAttribute('aria-label');
    const [min, max] = [Number(await s.getAttribute('min')), Number(await s.getAttribute('max'))];
    const value = async () => Number(await s.inputValue());
    await s.press('Home');
    await expect.poll(value, { message: `${name}: Home` }).toBeCloseTo(min, 9);
    await s.press('ArrowRight');
    await expect.poll(value, { message: `${name}: ArrowRight from min` }).toBeGreaterThan(min);
    await s.press('PageUp');
    const paged = await value();
    await s.press('End');
    await expect.poll(value, { message: `${name}: End` }).toBeCloseTo(max, 9);
    expect(paged, `${name}: PageUp`).toBeGreaterThan(min);
    await s.press('ArrowLeft');
    await expect.poll(value, { message: `${name}: ArrowLeft from max` }).toBeLessThan(max);
    await s.press('PageDown');
    await expect.poll(value, { message: `${name}: PageDown` }).toBeLessThan(max);
  }
}

test('no failed request and no console error on load (the page has an icon)', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => problems.push(`failed ${r.url()}`));
  await openApp(page);
  // the browser asks for the icon after load; give it the time to do so
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  expect(problems).toEqual([]);
  const icon = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel~="icon"]')?.href ?? null);
  expect(icon, 'an icon link').not.toBeNull();
  const res = await page.request.get(icon!);
  expect(res.status()).toBe(200);
});

test('axe-core: no violations on the default page, with six runs, with the export dialog open, and with a preset', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 500 }));
  expect(await axeViolations(page), 'default page').toEqual([]);

  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Add run' }).click();
  await expect(page.getByRole('group', { name: /./ }).filter({ has: page.getByRole('slider', { name: 'Learning rate' }) })).toHaveCount(6);
  // trained a little, so every plot, chart and the metrics table hold numbers when audited
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByRole('figure', { name: 'Embedding' }).first()).toHaveAttribute('data-points', /[1-9]/);
  expect(await axeViolations(page), 'six runs').toEqual([]);

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: 'PNG', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export PNG' });
  await expect(dialog).toBeVisible();
  expect(await axeViolations(page), 'export dialog').toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // the Presets menu open, then a preset loaded (its card, the verdict), paused
  await page.getByRole('button', { name: 'Presets' }).click();
  const first = page.getByRole('menu', { name: 'Presets' }).getByRole('menuitem').first();
  const title = (await first.textContent()) ?? '';
  expect(await axeViolations(page), 'presets menu').toEqual([]);
  await first.click();
  await expect(page.getByRole('region', { name: title })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeEnabled({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });
  expect(await axeViolations(page), `preset "${title}"`).toEqual([]);
});

test('a 390-px-wide phone: no horizontal scroll, plots stacked, controls reachable', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, configHash({ evalSize: 500 }));
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Add run' }).click();
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByRole('figure', { name: 'Embedding' }).first()).toHaveAttribute('data-points', /[1-9]/);
  const width = () => page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(await width()).toBeLessThanOrEqual(390);

  // plots one under the other, each within the screen
  const boxes = await Promise.all((await page.getByRole('figure', { name: 'Embedding' }).all()).map((f) => f.boundingBox()));
  expect(boxes).toHaveLength(3);
  for (const b of boxes) {
    expect(b!.x).toBeGreaterThanOrEqual(0);
    expect(b!.x + b!.width).toBeLessThanOrEqual(390);
    expect(b!.width).toBeGreaterThan(250);
  }
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height);

  // every control lies within the screen's width and can be reached
  const controls = page.locator('button:visible, select:visible, input:visible, summary:visible');
  const outside = await controls.evaluateAll((els) => els
    .map((e) => ({ e, r: e.getBoundingClientRect() }))
    .filter(({ r }) => r.left < 0 || r.right > 390)
    .map(({ e, r }) => `${e.tagName} ${e.getAttribute('aria-label') ?? e.textContent?.trim()} ${Math.round(r.left)}–${Math.round(r.right)}`));
  expect(outside).toEqual([]);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeEnabled();
  await page.getByRole('button', { name: 'Pause' }).click();
  const center = page.getByRole('group', { name: 'Center loss' });
  const lr = center.getByRole('slider', { name: 'Learning rate' });
  const lrValue = async () => Number(await center.getByRole('spinbutton', { name: 'Learning rate value' }).inputValue());
  const before = await lrValue();
  await lr.scrollIntoViewIfNeeded();
  await lr.press('ArrowRight');
  await expect.poll(lrValue).toBeGreaterThan(before);
  // and after training a while the metrics table and the charts still fit, and the narrow layout passes axe too
  expect(await width()).toBeLessThanOrEqual(390);
  expect(await axeViolations(page), 'at 390 px').toEqual([]);
});
