/**
 * The discrete view: forward corruption, reverse sampling with the network and the
 * exact denoiser, the candidates probe, infilling of names and digits, likelihood, and bad input.
 * Oracles: the CLI's `sample --discrete` (the same seeds, float64 in Node) for the exact model,
 * the training names' first-letter frequencies for the exact denoiser at x_T, the template digit
 * for infilling, and the ELBO bound for the likelihood table.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { discreteSampleCommand } from '../src/cli/discrete';
import { digitsFromJson } from '../src/core/discrete/data/digits';
import { namesFromJson } from '../src/core/discrete/data/names';
import { activeBackend, expect, test, type Watched, seriousViolations } from './fixtures';

const BASE = './#backend=wasm&view=discrete';

async function runDone({ page }: Watched) {
  await activeBackend(page);
  await expect(page.getByTestId('view-loading')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', {
    timeout: 90_000,
  });
}

interface Exported {
  job: { dataset: string; model: string; seed: number; fixed?: number[] };
  nfe: number;
  samples: (string | number[])[];
}

async function exported(page: Page): Promise<Exported> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('discrete-export').click(),
  ]);
  return JSON.parse(readFileSync(await file.path(), 'utf8')) as Exported;
}

/** axe-core's serious or critical WCAG 2.1 A/AA violations on the page as it is. */
function clean(w: Watched) {
  expect(w.consoleErrors).toEqual([]);
  expect(w.foreignRequests).toEqual([]);
}

test.describe('discrete view', () => {
  test('exact model on names, one token per step: training names, the same as the CLI', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1000 });
    // 12 steps for 12 positions: the confidence sampler reveals one token per step, so the exact
    // model samples sequentially from the empirical distribution (a training name every time).
    const run =
      'dset=names&dmodel=exact&dsampler=confidence&dparams=order:random&dcount=12&dsteps=12&dseed=5';
    await page.goto(`${BASE}&${run}`);
    await runDone(watched);
    const rows = page.getByTestId('discrete-reverse-grid-row');
    await expect(rows).toHaveCount(12);
    await expect(page.getByTestId('discrete-reverse-grid').locator('.tok-masked')).toHaveCount(0);
    const cli = await discreteSampleCommand([
      '--discrete',
      'names',
      '--model',
      'exact',
      '--sampler',
      'confidence',
      '--param',
      'order=random',
      '--count',
      '12',
      '--steps',
      '12',
      '--seed',
      '5',
    ]);
    const mine = await exported(page);
    expect(mine.samples).toEqual(cli.samples);
    await expect(page.getByTestId('discrete-shares')).toContainText('12 in the training set');

    // Step 0 is all mask; the exact denoiser's first-letter candidates are the training
    // names' first-letter frequencies (oracle: counted here from names.json).
    await page.getByTestId('discrete-step').fill('0');
    await expect(page.getByTestId('discrete-reverse-grid').locator('.tok-masked')).toHaveCount(144);
    await page.getByTestId('discrete-reverse-grid-row').first().locator('.tok').first().click();
    const probe = page.getByTestId('discrete-probe');
    await expect(probe).toHaveAttribute('data-state', 'done');
    const train = namesFromJson(JSON.parse(readFileSync('public/data/names.json', 'utf8'))).train;
    const counts = new Map<string, number>();
    for (const n of train) counts.set(n[0], (counts.get(n[0]) ?? 0) + 1);
    const [letter, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const exactTop = probe.locator('table').first().locator('tbody tr').first();
    await expect(exactTop.locator('td').first()).toHaveText(letter);
    await expect(exactTop.locator('td').nth(1)).toContainText((count / train.length).toFixed(3));
    await page.getByTestId('discrete-reverse-grid').focus();
    await page.keyboard.press('ArrowRight');
    await expect(probe).toContainText('position 2');
    // A mid-run step for the picture: revealed, committed and masked tokens, and a probe.
    await page.getByTestId('discrete-step').fill('6');
    await page
      .getByTestId('discrete-reverse-grid-row')
      .first()
      .locator('.tok-masked')
      .first()
      .click();
    await expect(probe).toHaveAttribute('data-state', 'done');
    await page
      .locator('section[aria-labelledby="discrete-reverse-title"]')
      .screenshot({ path: 'docs/screenshots/discrete-reverse.png' });
    clean(watched);
  });

  test('network on names: valid samples, a probe beside the exact model, and likelihood', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`${BASE}&dset=names&dmodel=network&dcount=32&dsteps=32`);
    await runDone(watched);
    await expect(page.getByTestId('discrete-reverse-info')).toContainText('mdlm-names');
    await expect(page.getByTestId('discrete-reverse-grid-row')).toHaveCount(32);
    const shares = await page.getByTestId('discrete-shares').textContent();
    const valid = Number(/(\d+) valid/.exec(shares ?? '')?.[1]);
    expect(valid).toBeGreaterThanOrEqual(28);
    await page.getByTestId('discrete-step').fill('10');
    await page.getByTestId('discrete-reverse-grid-row').nth(3).locator('.tok').nth(2).click();
    const probe = page.getByTestId('discrete-probe');
    await expect(probe).toHaveAttribute('data-state', 'done');
    await expect(probe.locator('table')).toHaveCount(2);

    await page.getByTestId('discrete-likelihood-run').click();
    const table = page.getByTestId('discrete-likelihood');
    await expect(table).toBeVisible({ timeout: 120_000 });
    const num = async (id: string) =>
      [...((await page.getByTestId(id).textContent()) ?? '').matchAll(/\d+\.\d+/g)].map((m) =>
        Number(m[0]),
      );
    const [elbo] = await num('likelihood-elbo');
    const [ar] = await num('likelihood-ar');
    const [exactElbo, exactNll, gapStderr] = await num('likelihood-exact');
    // The model cards' figures on all 840 held-out names: 3.108 (ELBO) and 2.846 (AR).
    expect(elbo).toBeGreaterThan(2.5);
    expect(elbo).toBeLessThan(3.8);
    expect(ar).toBeGreaterThan(2.3);
    expect(ar).toBeLessThan(elbo);
    // For the exact denoiser the bound is tight: ELBO and NLL differ by sampling noise only.
    expect(Math.abs(exactElbo - exactNll)).toBeLessThan(4 * gapStderr);
    clean(watched);
  });

  test('forward corruption: clean at t = 0, all mask at t = 1, and the heatmaps', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`${BASE}&dset=names&dmodel=exact&dcount=4&dsteps=4&dt=0`);
    await runDone(watched);
    const grid = page.getByTestId('discrete-forward-grid');
    await expect(grid.locator('.tok-clean')).toHaveCount(24 * 12);
    await page.getByTestId('dt-input').fill('1');
    await page.getByTestId('dt-input').press('Enter');
    await expect(grid.locator('.tok-masked')).toHaveCount(24 * 12);
    await page.getByTestId('dproc-select').selectOption('uniform');
    await page.getByTestId('dt-input').fill('0.3');
    await page.getByTestId('dt-input').press('Enter');
    await expect(grid.locator('.tok-masked')).toHaveCount(0);
    await expect(grid.locator('.tok-replaced').first()).toBeVisible();
    await expect(page.getByTestId('discrete-q-bar').locator('canvas')).toBeVisible();
    await page
      .locator('section[aria-labelledby="discrete-forward-title"]')
      .screenshot({ path: 'docs/screenshots/discrete-forward.png' });
    clean(watched);
  });

  test('infilling: a name pattern and painted digit pixels are kept in every sample', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`${BASE}&dset=names&dmodel=network&dcount=8&dsteps=16&dfix=ma`);
    await runDone(watched);
    const names = (await exported(page)).samples as string[];
    expect(names).toHaveLength(8);
    for (const n of names) expect(n.startsWith('ma')).toBe(true);
    await expect(page.getByTestId('discrete-reverse-grid').locator('.tok-fixed')).toHaveCount(16);

    await page.goto(`${BASE}&dset=digits&dmodel=network&dcount=8&dsteps=16&dclass=3&dsrc=2`);
    await runDone(watched);
    await page.getByRole('button', { name: 'Keep top half' }).click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', {
      timeout: 90_000,
    });
    await expect.poll(() => page.url()).toContain('dpaint=ffffffff00000000');
    const run = await exported(page);
    const template = digitsFromJson(
      JSON.parse(readFileSync('public/data/digits8x8.json', 'utf8')),
    ).test.tokens.slice(2 * 64, 2 * 64 + 32);
    for (const digit of run.samples as number[][]) {
      expect(digit.slice(0, 32)).toEqual(Array.from(template));
      expect(digit.every((v) => v >= 0 && v <= 16)).toBe(true);
    }
    await page.locator('.view-layout').screenshot({ path: 'docs/screenshots/discrete-infill.png' });
    // The digits' tiles, the paint grid and an open probe pass axe too (the last frame: t = 0).
    await page.locator('[data-testid="discrete-reverse-grid"] canvas').click({
      position: { x: 20, y: 40 },
    });
    await expect(page.getByTestId('discrete-probe')).toHaveAttribute('data-state', 'none');
    expect(await seriousViolations(page)).toEqual([]);
    clean(watched);
  });

  test('exact model on digits of one class, then bad link values reported and clamped', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`${BASE}&dset=digits&dmodel=exact&dclass=7&dcount=6&dsteps=8&dseed=2`);
    await runDone(watched);
    const cli = await discreteSampleCommand([
      '--discrete',
      'digits',
      '--model',
      'exact',
      '--class',
      '7',
      '--count',
      '6',
      '--steps',
      '8',
      '--seed',
      '2',
    ]);
    expect((await exported(page)).samples).toEqual(cli.samples);

    await page.goto(`${BASE}&dset=names&dmodel=exact&dcount=4&dsteps=0&dfix=M1&dparams=bogus:1`);
    await runDone(watched);
    const notices = page.getByTestId('notices');
    await expect(notices).toContainText('dsteps');
    await expect(notices).toContainText('dfix');
    await expect(notices).toContainText('bogus');
    await expect(page.getByTestId('discrete-reverse-grid-row')).toHaveCount(4);
    clean(watched);
  });
});
