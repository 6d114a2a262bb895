/**
 * Image likelihood: the bits-per-dimension panel runs to done on wasm from a deep
 * link and shows the chosen image's and the mean's PF-ODE and bound values; a flow-matching
 * model gets a note instead of a run; axe finds nothing serious.
 */
import { activeBackend, expect, test, seriousViolations } from './fixtures';

test.describe('likelihood in bits per dimension on the digits model (wasm)', () => {
  test.setTimeout(300_000);

  test('runs to done from a deep link, with both estimates and a clean axe scan', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(
      './#backend=wasm&view=images&model=digits&panel=likelihood&image=3&lkn=3&probes=2&steps=6&lkterms=8&seed=1',
    );
    await activeBackend(page);
    const panel = page.getByTestId('likelihood');
    await expect(panel).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
    // At 6 Heun steps the value is far from converged (docs/LIKELIHOOD.md), so only finite.
    expect(Number.isFinite(Number(await panel.getAttribute('data-bpd')))).toBe(true);
    await expect(page.getByTestId('likelihood-few-steps')).toBeVisible();
    await expect(page.getByTestId('likelihood-mean-ode')).toContainText('±');
    await expect(page.getByTestId('likelihood-mean-elbo')).toContainText('±');
    await expect(page.getByTestId('likelihood-result')).toContainText('2 probes per image');
    await page.screenshot({ path: 'docs/screenshots/images-likelihood.png' });
    expect(await seriousViolations(page)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('a flow-matching model gets a note, not a run', async ({ watched }) => {
    const { page } = watched;
    await page.goto('./#backend=wasm&view=images&model=digits-fm&panel=likelihood');
    await activeBackend(page);
    await expect(page.getByTestId('likelihood-flow')).toContainText('flow-matching');
    expect(watched.consoleErrors).toEqual([]);
  });
});
