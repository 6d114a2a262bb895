/**
 * Class guidance in the 2D playground: classifier guidance and CFG on the exact
 * gaussians8 model and classifier guidance on its MLP run to done on wasm from deep links; the
 * readout shows the exact classifier's agreement with the class; axe finds nothing serious.
 */
import { activeBackend, expect, test, seriousViolations } from './fixtures';

test.describe('class guidance on gaussians8 (wasm)', () => {
  test.setTimeout(180_000);

  test('classifier guidance and CFG from deep links', async ({ watched }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 1000 });
    const cases = [
      ['model=exact&guide=classifier&gclass=3&guidance=1', 0.95],
      ['model=exact&guide=cfg&gclass=6&guidance=3', 0.95],
      ['model=mlp&guide=classifier&gclass=1&guidance=1', 0.8],
    ] as const;
    for (const [fields, minAgreement] of cases) {
      await page.goto(
        `./#backend=wasm&view=reverse&dataset=gaussians8&sampler=ddim&steps=30&n=600&seed=1&${fields}`,
      );
      await activeBackend(page);
      await expect(page.getByTestId('run-status'), fields).toHaveAttribute('data-state', 'done', {
        timeout: 120_000,
      });
      const readout = page.getByTestId('guidance-readout');
      await expect(readout).toContainText('exact classifier puts', { timeout: 60_000 });
      expect(Number(await readout.getAttribute('data-value')), fields).toBeGreaterThan(
        minAgreement,
      );
      // The plot plays to the last step before the picture is taken.
      await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', '30', {
        timeout: 60_000,
      });
      if (fields.includes('guide=classifier&gclass=3'))
        await page.screenshot({ path: 'docs/screenshots/class-guidance-exact.png' });
    }
    expect(await seriousViolations(page)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });
});
