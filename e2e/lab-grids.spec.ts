import { activeBackend, expect, seriousViolations, test } from './fixtures';

const SCENE =
  'backend=wasm&view=lab&dataset=gaussians8&process=edm&grid=karras&n=200&lanes=heun;euler&lnfe=12&lglane=1';

test('step grids: five rows beside their errors, and an optimised grid taken into the link', async ({
  watched,
}) => {
  const { page } = watched;
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`./#${SCENE}`);
  await activeBackend(page);
  await expect(page.getByTestId('lockstep-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('grids-lane')).toHaveValue('1');
  const status = page.getByTestId('grids-status');
  const run = page.getByTestId('grids-run');
  await run.click();
  await expect(status).toHaveAttribute('data-state', 'done');
  const plot = page.getByTestId('grids-plot');
  await expect(plot.locator('g.viz-grid-row')).toHaveCount(5);
  // Euler at 12 NFE: 12 steps, 11 from σ_max to σ_min, so 12 σ ticks per row.
  for (const id of ['uniform', 'karras', 'logsnr', 'dp', 'search'])
    await expect(plot.locator(`g[data-grid="${id}"] .viz-grid-ticks line`)).toHaveCount(12);
  const errors = await plot.locator('.viz-grid-error').allTextContents();
  expect(errors.map(Number).every((e) => e > 0 && Number.isFinite(e))).toBe(true);
  // The search starts at Karras and keeps only improvements.
  const [, karras, , , search] = errors.map(Number);
  expect(search).toBeLessThanOrEqual(karras);
  // The legend is keyboard-operable: hiding a row by Enter leaves four.
  await plot.getByRole('button', { name: 'log-SNR uniform' }).focus();
  await page.keyboard.press('Enter');
  await expect(plot.locator('g.viz-grid-row')).toHaveCount(4);
  await page.keyboard.press('Enter');
  await expect(plot.locator('g.viz-grid-row')).toHaveCount(5);
  expect(await seriousViolations(page, 'light')).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(page, 'dark')).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.getByRole('region', { name: 'Step grids' }).screenshot({
    path: 'docs/screenshots/lab-grids.png',
  });
  await page.getByTestId('grids-use-search').click();
  await expect(page).toHaveURL(/sigmas=80\.0{3,}%2C|sigmas=80\.0{3,},/);
  const sigmas = decodeURIComponent(new URL(page.url()).hash.match(/sigmas=([^&]*)/)![1]);
  expect(sigmas.split(',')).toHaveLength(12);
  expect(watched.consoleErrors).toEqual([]);
});

// moons' exact denoiser sums over its training points, so its σ search runs long enough (tens of
// seconds) to watch and cancel whatever the machine's speed.
test('step grids: the σ search shows progress, a second start supersedes the first, Cancel stops it', async ({
  watched,
}) => {
  const { page } = watched;
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(
    `./#${SCENE.replace('dataset=gaussians8', 'dataset=moons').replace('n=200', 'n=20')}`,
  );
  await activeBackend(page);
  await expect(page.getByTestId('lockstep-status')).toHaveAttribute('data-state', 'done');
  const status = page.getByTestId('grids-status');
  const run = page.getByTestId('grids-run');
  // The σ search shows its progress (Euler, 11 intervals: at most 1 + 3 × 10 × 26 = 781 runs);
  // a second start supersedes the first; Cancel, from the keyboard, stops it and says what is left.
  await run.click();
  const searching = /σ search: \d+ of at most 781 sampler runs, lowest error so far \d/;
  await expect(status).toContainText(searching);
  await run.click();
  await expect(status).toContainText(searching);
  const progress = Number(await page.getByTestId('grids-progress').getAttribute('value'));
  expect(progress).toBeGreaterThan(0.8);
  await page.getByTestId('grids-cancel').focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveAttribute('data-state', 'cancelled');
  await expect(status).toContainText(
    /search cancelled after \d+ of at most 781 sampler runs: no searched grid; the other grids are shown/,
  );
  const plot = page.getByTestId('grids-plot');
  await expect(plot.locator('g[data-grid="dp"] .viz-grid-ticks line')).toHaveCount(12);
  await expect(plot.locator('g[data-grid="search"] .viz-grid-ticks line')).toHaveCount(0);
  await expect(page.getByTestId('grids-use-search')).toBeDisabled();
});
