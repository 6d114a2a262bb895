import { activeBackend, expect, test, type Watched } from './fixtures';

async function waitForRun({ page }: Watched) {
  await activeBackend(page);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
}

/** Waits until playback has reached the last step. */
async function waitForEnd({ page }: Watched, steps: number) {
  await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', String(steps));
}

test.describe('2D playground', () => {
  test('reverse view: runs a sampler, plays to the end, steps back and forward by keyboard', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto('./#backend=wasm&sampler=dpmpp-2m&steps=15&n=800&ghosts=1');
    await waitForRun(watched);
    await waitForEnd(watched, 15);
    await expect(page.getByTestId('step-readout')).toContainText('NFE 15');
    await page.getByTestId('step-back').click();
    await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', '14');
    await page.getByTestId('step-back').press('ArrowLeft');
    await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', '13');
    await page.getByTestId('step-back').press('ArrowRight');
    await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', '14');
    await page.getByTestId('step-forward').click();
    await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', '15');
    // Mid-run (σ > 0) the score field is drawn beside the trails and x̂₀ estimates.
    await page.keyboard.press('r');
    for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', '11');
    await page.screenshot({ path: 'docs/screenshots/reverse-view.png' });
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('the end, asked for while the run streams, is where the view stops once it is computed', async ({
    watched,
  }) => {
    const { page } = watched;
    const scene = 'backend=wasm&dataset=moons&model=mlp&steps=200';
    await page.goto(`./#${scene}&n=100`);
    await waitForRun(watched);
    // On the loaded model, a run long enough to be caught streaming (seconds on 2 cores).
    await page.evaluate((hash) => (window.location.hash = hash), `${scene}&n=10000`);
    const readout = page.getByTestId('step-readout');
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
    await expect(readout).not.toHaveAttribute('data-step', '0');
    await page.getByTestId('scrub').fill('200');
    // Still streaming: the view shows the latest computed frame, not the end yet.
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'running');
    expect(Number(await readout.getAttribute('data-step'))).toBeLessThan(200);
    await expect(page.getByTestId('play-pause')).toHaveAttribute('data-playing', 'false');
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', {
      timeout: 120_000,
    });
    await expect(readout).toHaveAttribute('data-step', '200');
    expect(watched.consoleErrors).toEqual([]);
  });

  test('a settings change starts exactly one new run and keeps the URL in step', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto('./#backend=wasm&steps=8&n=300');
    await waitForRun(watched);
    // Let the first run play to its end, so the new run must restart playback itself.
    await waitForEnd(watched, 8);
    await page.getByTestId('sampler-select').selectOption('heun');
    await expect(page).toHaveURL(/sampler=heun/);
    await waitForRun(watched);
    await waitForEnd(watched, 8);
    // Heun (EDM Algorithm 2) spends 2 evaluations per step except the last one onto σ = 0.
    await expect(page.getByTestId('step-readout')).toContainText('NFE 15');
  });

  test('forward view: the t slider noises the data over the exact density', async ({ watched }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto('./#backend=wasm&view=forward&dataset=moons&t=0.2');
    await waitForRun(watched);
    // The discrete VP process indexes t = 0..999, so the fraction 0.2 is t = 0.2 · 999.
    await expect(page.getByTestId('forward-readout')).toContainText('t = 199.8');
    const input = page.getByTestId('t-input');
    await input.fill('0.6');
    await input.press('Enter');
    await expect(page).toHaveURL(/t=0.6/);
    await expect(page.getByTestId('forward-readout')).toContainText('t = 599.4');
    await page.getByTestId('t-input').fill('0.3');
    await page.getByTestId('t-input').press('Enter');
    await expect(page.getByTestId('forward-readout')).toContainText('t = 299.7');
    await page.screenshot({ path: 'docs/screenshots/forward-view.png' });
    expect(watched.consoleErrors).toEqual([]);
  });

  test('ODE vs SDE: two samplers from the same x_T side by side', async ({ watched }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(
      './#backend=wasm&view=compare&process=vp&sampler=euler&sampler2=euler-maruyama&steps=25&n=800',
    );
    await waitForRun(watched);
    await waitForEnd(watched, 25);
    await expect(page.getByTestId('panel-title-1')).toContainText('deterministic');
    await expect(page.getByTestId('panel-title-2')).toContainText('stochastic');
    await page.screenshot({ path: 'docs/screenshots/ode-vs-sde.png' });
    expect(watched.consoleErrors).toEqual([]);
  });

  test('bad values in a link are clamped and reported; the app keeps working', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto(
      './#backend=wasm&steps=99999&n=5&sampler=heun&sChurn=-3&eta=0.5&hide=wings&dataset=unicorns',
    );
    const notices = page.getByTestId('notices');
    await expect(notices).toContainText('steps=99999 is outside 1..1000');
    await expect(notices).toContainText('n=5 is outside 100..20000');
    await expect(notices).toContainText('dataset="unicorns" is not one of');
    await expect(notices).toContainText('sChurn=-3 is outside');
    await expect(notices).toContainText('sampler heun has no parameter "eta"');
    await expect(notices).toContainText('no control "wings"');
    await expect(page.getByTestId('steps-input')).toHaveValue('1000');
    await page.getByTestId('steps-input').fill('6');
    await page.getByTestId('steps-input').press('Enter');
    await waitForRun(watched);
    await waitForEnd(watched, 6);
  });

  test('typing garbage into a number box is flagged and not applied', async ({ watched }) => {
    const { page } = watched;
    await page.goto('./#backend=wasm&steps=7&n=200');
    await waitForRun(watched);
    await page.getByTestId('steps-input').fill('abc');
    await page.getByTestId('steps-input').press('Enter');
    await expect(page.getByText('not a number; kept 7')).toBeVisible();
    await expect(page).toHaveURL(/steps=7/);
  });
});
