/**
 * The 2D playground by hand: drawing and uploading points, every export, the keyboard, the
 * layout at 1280×720 and at phone width, and the schedule inspector (the views' accessibility
 * scans are a11y.spec.ts's).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { activeBackend, expect, test, type Watched } from './fixtures';

async function waitForRunOf({ page }: Watched, steps: number) {
  await expect(page.getByTestId('step-readout')).toHaveAttribute('data-total', String(steps));
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', String(steps));
}

/** Clicks an Export menu item and returns the saved file's bytes and suggested name. */
async function exportFile(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const menu = page.getByTestId('export-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  const saved = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId(testId).click();
  const download = await saved;
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test.describe('2D playground by hand', () => {
  test('draw your own: painted points sample at once; uploads are validated', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto('./#backend=wasm&dataset=custom&spacing=linspace&steps=10&n=300&speed=8');
    await activeBackend(page);
    await expect(page.getByTestId('custom-count')).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'idle');
    const box = (await page.getByTestId('draw-area').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.6, { steps: 25 });
    await page.mouse.up();
    const drawn = Number(await page.getByTestId('custom-count').getAttribute('data-count'));
    expect(drawn).toBeGreaterThan(10);
    await waitForRunOf(watched, 10);

    const upload = page.getByTestId('upload-points');
    await upload.setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('x,y\n1,2\n3,banana\n'),
    });
    await expect(page.getByTestId('upload-error')).toContainText(
      'bad.csv: line 3, column 2: "banana" is not a number',
    );
    await expect(page.getByTestId('custom-count')).toHaveAttribute('data-count', String(drawn));
    await upload.setInputFiles({
      name: 'big.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(3 * 1024 * 1024, 0x20),
    });
    await expect(page.getByTestId('upload-error')).toContainText('larger than 2 MB');

    // A 8×5 grid: after normalisation its points are about 0.4 apart.
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 8},${Math.floor(i / 8)}`);
    await upload.setInputFiles({
      name: 'grid.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`x,y\n${rows.join('\n')}\n`),
    });
    await expect(page.getByTestId('upload-error')).toHaveCount(0);
    await expect(page.getByTestId('custom-count')).toHaveAttribute('data-count', '40');
    await expect(page.getByTestId('custom-count')).toContainText('grid.csv');
    // A new step count tells the next run apart from the drawn set's finished one.
    await page.getByTestId('steps-input').fill('40');
    await page.getByTestId('steps-input').press('Enter');
    await waitForRunOf(watched, 40);
    // The exact denoiser of a point set carries every particle onto one of its points: the
    // last step is x = D(x, σ(t = 0)) with σ ≈ 0.01, far below the points' spacing of 0.4
    // (with 40 steps no particle is left near a midpoint between two points).
    const { bytes } = await exportFile(page, 'export-particles-json');
    const exported = JSON.parse(bytes.toString('utf8'));
    const data: number[] = exported.settings.customPoints;
    expect(data).toHaveLength(80);
    for (const [x, y] of exported.particles as number[][]) {
      let nearest = Infinity;
      for (let i = 0; i < data.length; i += 2)
        nearest = Math.min(nearest, Math.hypot(x - data[i], y - data[i + 1]));
      expect(nearest).toBeLessThan(1e-5);
    }
    // The forward view noises the same set (resampled) over its exact density.
    await page.getByTestId('tab-forward').click();
    await expect(page.getByTestId('forward-readout')).toContainText('t = 299.7');
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
    expect(watched.consoleErrors).toEqual([]);
  });

  test('exports the figure (PNG, SVG), the data (CSV, JSON), the playback (GIF) and the link', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('./#backend=wasm&sampler=heun&steps=6&n=200&seed=2&speed=8');
    await activeBackend(page);
    await waitForRunOf(watched, 6);
    // Heun evaluates twice per step but once on the last: the chart marks all 11 evaluations.
    await expect(page.getByTestId('schedule-chart')).toHaveAttribute('data-evals', '11');
    await expect(page.getByTestId('schedule-chart')).toContainText('NFE 11');
    // Each curve's panel and the t axis carry one mark per evaluation.
    const chart = page.getByTestId('schedule-chart');
    await expect(chart.locator('g.viz-panel').first().locator('.viz-evals circle')).toHaveCount(11);
    await expect(chart.locator('g.viz-panel').last().locator('.viz-evals circle')).toHaveCount(11);
    const png = await exportFile(page, 'export-png');
    expect(png.name).toMatch(/\.png$/);
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const svg = (await exportFile(page, 'export-svg')).bytes.toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<image');
    expect(svg).toContain('class="viz-x-axis"');
    const csv = (await exportFile(page, 'export-particles-csv')).bytes.toString('utf8');
    expect(csv.trim().split('\n')).toHaveLength(201);
    const traj = (await exportFile(page, 'export-trajectories-csv')).bytes.toString('utf8');
    expect(traj.trim().split('\n')).toHaveLength(1 + 7 * 200);
    const json = JSON.parse(
      (await exportFile(page, 'export-trajectories-json')).bytes.toString('utf8'),
    );
    expect(json.frames).toHaveLength(7);
    expect(json.frames[6].nfe).toBe(11);
    const gif = await exportFile(page, 'export-gif');
    expect(gif.bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    await page.getByTestId('copy-link').click();
    await expect(page.getByTestId('export-status')).toHaveText('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    // A run on another grid replaces the marks (they are kept per evaluation as a run streams).
    await page.goto('./#backend=wasm&sampler=heun&steps=4&n=200&seed=2&speed=8');
    await waitForRunOf(watched, 4);
    await expect(chart).toContainText('NFE 7');
    await expect(chart.locator('g.viz-panel').first().locator('.viz-evals circle')).toHaveCount(7);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('keyboard: space plays and pauses, arrows step, R rewinds; focus is visible', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./#backend=wasm&steps=12&n=300&speed=8');
    await activeBackend(page);
    await waitForRunOf(watched, 12);
    const readout = page.getByTestId('step-readout');
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('r');
    await expect(readout).toHaveAttribute('data-step', '0');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(readout).toHaveAttribute('data-step', '2');
    await page.keyboard.press('ArrowLeft');
    await expect(readout).toHaveAttribute('data-step', '1');
    await page.keyboard.press(' ');
    await expect(page.getByTestId('play-pause')).toHaveAttribute('data-playing', 'true');
    await expect(readout).toHaveAttribute('data-step', '12');
    await expect(page.getByTestId('play-pause')).toHaveAttribute('data-playing', 'false');
    // Tab to a control: the focused element shows an outline.
    await page.getByTestId('step-back').focus();
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement!).outlineStyle,
    );
    expect(outline).not.toBe('none');
    // A control's tooltip opens on keyboard focus with its equation typeset by KaTeX.
    const tip = page.getByTestId('steps-input').locator('xpath=ancestor::div[1]').locator('.tip');
    await tip.locator('button').focus();
    await expect(tip.locator('[role="tooltip"] .katex')).toBeVisible();
    // At 1280×720 the plot and the playback bar are both on screen.
    const bar = (await page.getByTestId('playback').boundingBox())!;
    expect(bar.y + bar.height).toBeLessThanOrEqual(720);
    expect(watched.consoleErrors).toEqual([]);
  });

  test('phone width: settings collapse behind a button and nothing overflows', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('./#backend=wasm&view=compare&steps=5&n=200');
    await activeBackend(page);
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('steps-input')).toBeHidden();
    await page.getByTestId('controls-toggle').click();
    await expect(page.getByTestId('steps-input')).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const plot = (await page.getByTestId('reverse-plot').first().boundingBox())!;
    expect(plot.width).toBeLessThanOrEqual(390);
  });

  test('schedule inspector: spacings’ timesteps, a pasted diffusers config, bad JSON', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto('./#backend=wasm&view=schedules&steps=10');
    await expect(page.getByTestId('spacing-leading')).toHaveText(
      '900, 800, 700, 600, 500, 400, 300, 200, 100, 0',
    );
    await expect(page.getByTestId('spacing-trailing')).toHaveText(
      '999, 899, 799, 699, 599, 499, 399, 299, 199, 99',
    );
    // The default text is Stable Diffusion 1.5's PNDM config: PLMS repeats its second timestep.
    await expect(page.getByTestId('diffusers-timesteps')).toHaveText(
      '901, 801, 801, 701, 601, 501, 401, 301, 201, 101, 1',
    );
    await expect(page.getByTestId('diffusers-unsupported')).toContainText('clip_sample');
    const config = page.getByTestId('diffusers-config');
    await config.fill(
      '{"_class_name": "EulerDiscreteScheduler", "timestep_spacing": "trailing", "rescale": 3}',
    );
    await expect(page.getByTestId('diffusers-timesteps')).toHaveText(
      '999, 899, 799, 699, 599, 499, 399, 299, 199, 99',
    );
    await expect(page.getByTestId('diffusers-unsupported')).toContainText('rescale');
    await config.fill('{"_class_name": "EulerDiscreteScheduler",');
    await expect(page.getByTestId('diffusers-error')).toContainText('not valid JSON');
    await page.getByTestId('curve-sigmoid').uncheck();
    await expect(page).toHaveURL(/curves=linear%2Cscaled_linear%2Csquaredcos_cap_v2/);
    expect(watched.consoleErrors).toEqual([]);
  });
});
