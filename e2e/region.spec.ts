/**
 * Region constraints in the 2D playground: exact half-plane guidance on the exact
 * gaussians8 model and reconstruction guidance to a disc on its MLP run to done on wasm from
 * deep links; the readout shows the share inside and the sliced W1 to the restricted data;
 * axe finds nothing serious.
 */
import { activeBackend, expect, test, seriousViolations } from './fixtures';

test.describe('region-constrained sampling (wasm)', () => {
  test.setTimeout(180_000);

  test('exact half-plane guidance and network disc guidance from deep links', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 1000 });
    const cases = [
      ['model=exact&region=half&rang=0&roff=1.1', 0.95],
      ['model=mlp&region=disc&rcx=1&rcy=0.6&rrad=0.7&rzeta=2', 0.6],
    ] as const;
    for (const [fields, minShare] of cases) {
      await page.goto(
        `./#backend=wasm&view=reverse&dataset=gaussians8&sampler=ddim&steps=30&n=600&seed=1&${fields}`,
      );
      await activeBackend(page);
      await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', {
        timeout: 120_000,
      });
      const readout = page.getByTestId('guidance-readout');
      await expect(readout).toContainText('Inside the region', { timeout: 60_000 });
      expect(Number(await readout.getAttribute('data-value'))).toBeGreaterThan(minShare);
      // The plot plays to the last step before the picture is taken.
      await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', '30', {
        timeout: 60_000,
      });
      if (fields.startsWith('model=exact'))
        await page.screenshot({ path: 'docs/screenshots/region-half-exact.png' });
    }
    expect(await seriousViolations(page)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });
});
