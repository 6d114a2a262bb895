import { activeBackend, expect, test, type Watched } from './fixtures';

const SCENE = 'backend=wasm&view=lab&dataset=gaussians8&process=edm&grid=karras&n=300';

async function lockstepDone({ page }: Watched) {
  await activeBackend(page);
  await expect(page.getByTestId('lockstep-status')).toHaveAttribute('data-state', 'done');
}

test.describe('sampler lab', () => {
  test('lockstep: every panel starts from the same x_T and spends the same NFE budget', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`./#${SCENE}&lanes=euler;heun;ddpm&lnfe=8`);
    await lockstepDone(watched);
    const panels = page.getByTestId('lab-panel');
    await expect(panels).toHaveCount(3);
    const prints = await panels.evaluateAll((els) => els.map((e) => e.getAttribute('data-xt')));
    expect(prints[0]).toMatch(/^[0-9a-f]{8}$/);
    expect(new Set(prints).size).toBe(1);
    // Equal budget: Heun (2 evaluations per step, 1 on the step to σ = 0) gets 4 steps for 7 NFE.
    await expect(page.getByTestId('lane-readout-0')).toContainText('/8 · NFE 8/8');
    await expect(page.getByTestId('lane-readout-1')).toContainText('step 4/4 · NFE 7/7');
    await expect(page.getByTestId('lane-error-0')).toContainText('error vs reference');
    await expect(page.getByTestId('lane-error-2')).toContainText('stochastic');
    await expect(page.getByTestId('reference-info')).toContainText('rtol = atol = 1e-9');
    // The debugger: pick Heun's lane, go back to the first step, and read its typeset update.
    await page.getByTestId('debug-lane').selectOption('1');
    await page.getByTestId('scrub').fill('0');
    await expect(page.getByTestId('debug-step')).toContainText(
      'step 0 → 1 of 4, 2 model evaluations',
    );
    await expect(page.getByTestId('debug-equations').locator('.katex').first()).toBeVisible();
    await expect(page.getByTestId('debug-equations')).toContainText('the update');
    await page.screenshot({ path: 'docs/screenshots/lab-lockstep.png' });
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('a short sweep completes with a fitted order per sampler', async ({ watched }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`./#${SCENE}&lanes=euler;heun&lnfe=4&lbudgets=8,16,32,64&lsweepn=32&ltol=1e-8`);
    await lockstepDone(watched);
    await page.getByTestId('sweep-run').click();
    await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done');
    const orders = await page.getByTestId('measured-order').allTextContents();
    expect(orders).toHaveLength(2);
    const [euler, heun] = orders.map(Number);
    expect(euler).toBeGreaterThan(0.7);
    expect(heun).toBeGreaterThan(euler + 0.5);
    await expect(page.getByTestId('error-chart').locator('text.viz-end-label')).toHaveCount(2);
    await expect(page.getByTestId('export-md')).toBeEnabled();
    await page.getByTestId('error-chart').screenshot({ path: 'docs/screenshots/lab-sweep.png' });
    expect(watched.consoleErrors).toEqual([]);
  });

  test('likelihood: the heatmap renders, the held-out NLL is finite, the DDPM bound is drawn per t', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(
      './#backend=wasm&view=lab&dataset=gaussians8&process=vp-discrete&n=200&lanes=euler;heun&lnfe=4&lgrid=12',
    );
    await lockstepDone(watched);
    await page.getByTestId('likelihood-run').click();
    await expect(page.getByTestId('likelihood-status')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('likelihood-heatmap')).toHaveAttribute('data-drawn', 'true');
    const nll = Number(await page.getByTestId('nll').getAttribute('data-nll'));
    expect(Number.isFinite(nll)).toBe(true);
    await expect(page.getByTestId('nll')).toContainText('nats/point');
    await expect(page.getByTestId('elbo')).toContainText('L_T');
    await expect(page.getByTestId('elbo-chart').locator('path')).not.toHaveCount(0);
    await page.getByRole('region', { name: 'Likelihood' }).screenshot({
      path: 'docs/screenshots/lab-likelihood.png',
    });
    expect(watched.consoleErrors).toEqual([]);
  });
});
