import { expect, test } from '@playwright/test';
import { allZeroRecords, recordsOfClasses, subsetTestBin, subsetTrainBin } from '../src/testing/cifarFixtures';
import { configHash, openApp, plotState } from './helpers';

test('Reset after a fatal dataset error tries again instead of leaving every control disabled', async ({ page }) => {
  // the trainer worker fetches the files: a context route sees a dedicated worker's requests too
  let broken = true;
  let served = 0;
  await page.context().route('**/mnist/train-labels-idx1-ubyte.gz', async (route) => {
    if (!broken) return route.continue();
    served++;
    await route.fulfill({ status: 200, contentType: 'application/octet-stream', body: 'not an idx file at all' });
  });
  await page.goto('/' + configHash({ evalSize: 300, backend: 'wasm', batchSize: 32 }));
  const reset = page.getByRole('button', { name: 'Reset', exact: true });
  const train = page.getByRole('button', { name: 'Train' });
  const failure = page.getByRole('alert').filter({ hasText: 'train-labels-idx1-ubyte' });
  await expect(failure).toBeVisible({ timeout: 120_000 });
  await expect(train).toBeDisabled();
  await expect(reset).toBeEnabled();
  expect(served).toBe(1);

  // the file is still broken: Reset loads it again, fails again with the message, and stays usable
  await reset.click();
  await expect.poll(() => served, { timeout: 60_000 }).toBe(2);
  await expect(failure).toBeVisible();
  await expect(reset).toBeEnabled({ timeout: 60_000 });

  // the file is back: Reset builds the session, and it trains
  broken = false;
  await reset.click();
  await expect(train).toBeEnabled({ timeout: 120_000 });
  await expect(failure).toHaveCount(0);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(async () => (await plotState(page)).step, { timeout: 60_000 }).toBe(1);
});

const bin = (name: string, bytes: Uint8Array) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
const softmax = { id: 'r1', name: 'Softmax cross-entropy', loss: 'softmax', learningRate: 0.001, params: {}, choices: {} };
const triplet = { id: 'r2', name: 'Triplet regularizer', loss: 'triplet', learningRate: 0.001, params: {}, choices: {} };
/** real CIFAR-10 records of two classes only (cat, dog): they parse, and a triplet run cannot draw its P×K batches */
const twoClasses = () => [
  bin('train.bin', recordsOfClasses(subsetTrainBin(), [3, 5])),
  bin('test.bin', recordsOfClasses(subsetTestBin(), [3, 5])),
];

test('an upload the runs cannot train on leaves the session as it was, and is not kept', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 300, backend: 'wasm', batchSize: 32 }, [softmax, triplet]));
  const description = page.getByTestId('dataset-description');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await step.click();
  await expect.poll(async () => (await plotState(page)).step, { timeout: 60_000 }).toBe(1);
  const input = page.getByLabel('CIFAR-10 files');

  // all-zero images: nothing to learn (a channel's spread of 0 gives NaN at the first step)
  await input.setInputFiles([bin('data_batch_1.bin', allZeroRecords(64)), bin('test_batch.bin', subsetTestBin().subarray(0, 20 * 3073))]);
  await expect(page.getByRole('alert').filter({ hasText: 'every training image has the same red value everywhere' })).toBeVisible({ timeout: 60_000 });

  // two classes: the triplet run cannot be built on them; found before the session is touched
  await input.setInputFiles(twoClasses());
  const refused = page.getByRole('alert').filter({ hasText: 'train.bin, test.bin was not used: the runs cannot be built on it (P×K sampling needs' });
  await expect(refused).toBeVisible({ timeout: 120_000 });
  await expect(description).toHaveText(/^MNIST/);
  await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('mnist');
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  // the same runs go on from where they were (a rebuilt session would start again at 0)
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  await step.click();
  await expect.poll(async () => (await plotState(page, 'Triplet regularizer')).step, { timeout: 60_000 }).toBe(2);
  // nothing was kept for the next visit
  await expect(page.getByRole('button', { name: 'Forget uploaded CIFAR-10' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Forget uploaded CIFAR-10' })).toHaveCount(0);
});

test('a kept upload whose start fails at the next visit can be forgotten there', async ({ page }) => {
  await openApp(page, configHash({ evalSize: 300, backend: 'wasm', batchSize: 32 }, [softmax]));
  // two classes train a softmax run: used and kept
  await page.getByLabel('CIFAR-10 files').setInputFiles(twoClasses());
  const description = page.getByTestId('dataset-description');
  await expect(description).toHaveText(/^CIFAR-10 \(uploaded 2 files\)/, { timeout: 120_000 });
  const forget = page.getByRole('button', { name: 'Forget uploaded CIFAR-10' });
  await expect(forget).toBeVisible();

  // the next visit asks for a triplet run on CIFAR-10: the start on the kept set fails
  await page.goto('/?again' + configHash({ dataset: 'cifar10', evalSize: 300, backend: 'wasm', batchSize: 32 }, [softmax, triplet]));
  await expect(page.getByRole('alert').filter({ hasText: 'P×K sampling needs' })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();
  await forget.click();
  await expect(description).toHaveText(/^CIFAR-10 subset/, { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  await expect(forget).toHaveCount(0);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(async () => (await plotState(page, 'Triplet regularizer')).step, { timeout: 60_000 }).toBe(1);
});
