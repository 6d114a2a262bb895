import { readFile } from 'node:fs/promises';
import { activeBackend, expect, test } from './fixtures';

/** Small lockstep runs (200 particles, 2 lanes, 8 NFE) on wasm. */
const LAB =
  'backend=wasm&dataset=gaussians8&process=edm&grid=karras&n=200&lanes=euler;heun&lnfe=8&lbudgets=8,16&lsweepn=16&ltol=1e-6';

test('the lab runs its panels on a network from the Train view; without one it falls back to exact', async ({
  watched,
}) => {
  const { page } = watched;
  await page.setViewportSize({ width: 1400, height: 1000 });
  const status = page.getByTestId('lockstep-status');
  const models = page.getByTestId('lab-models');

  // No network in the page yet: a notice, and the panels run on the exact model.
  await page.goto(`./#${LAB}&view=lab&model=trained`);
  expect(await activeBackend(page)).toBe('wasm');
  await expect(status).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('notices')).toContainText('no trained model in this page yet');
  await expect(models).toHaveAttribute('data-model', 'exact');
  await expect(models).toContainText('could not be used');
  const exactPrint = await page.getByTestId('lab-panel').first().getAttribute('data-xt');

  // Upload saved weights in the Train view (the shipped mlp's files are in the same format).
  await page.getByTestId('tab-train').click();
  const files = await Promise.all(
    ['model.json', 'weights.bin'].map(async (name) => ({
      name,
      mimeType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
      buffer: await (await page.request.get(`./models/mlp-gaussians8/${name}`)).body(),
    })),
  );
  await page.getByTestId('weights-upload').setInputFiles(files);
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-state', 'done');

  // "Compare samplers on it in the lab": same settings, panels on the uploaded network.
  await page.getByTestId('lab-trained').click();
  await expect(page).toHaveURL(/view=lab/);
  await expect(page.getByTestId('lab-model-select')).toHaveValue('trained');
  await expect(models).toHaveAttribute('data-model', 'trained');
  await expect(status).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
  // Once done, data-model is what the run reports it ran on (a fallback would say 'exact').
  expect(await models.getAttribute('data-model')).toBe('trained');
  await expect(models).toContainText(
    'Reference: exact denoiser; panels: network trained in this page (uploaded',
  );
  await expect(page.getByTestId('lab-panel')).toHaveCount(2);
  expect(await page.getByTestId('lab-panel').first().getAttribute('data-xt')).toBe(exactPrint);
  await expect(page.getByTestId('lane-error-0')).toContainText('error vs reference');

  // The report names the panels' model (the sweep itself runs on the exact model).
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done');
  const exported = async (id: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(id).click(),
    ]);
    return readFile((await download.path())!, 'utf8');
  };
  const report = JSON.parse(await exported('export-json')) as { lockstep: { model: string } };
  expect(report.lockstep.model).toMatch(/^network trained in this page \(uploaded: /);
  expect(await exported('export-md')).toContain(
    `Panels: **${report.lockstep.model}**. Reference and errors: the exact denoiser, so each error`,
  );
  expect(watched.consoleErrors).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
});
