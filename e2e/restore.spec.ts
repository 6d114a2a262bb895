/**
 * Inverse problems: every measurement with every solver that applies to it runs to
 * done on wasm from a deep link, shows y, A⁺y and the restorations with PSNR and the residual;
 * axe finds nothing serious on the panel.
 */
import { OPERATORS } from '../src/core/restore/operators';
import { SOLVER_IDS, solverApplies } from '../src/core/restore/registry';
import { activeBackend, expect, test, seriousViolations } from './fixtures';

const pairs = SOLVER_IDS.flatMap((s) =>
  OPERATORS.filter((o) => solverApplies(s, o)).map((o) => [s, o] as const),
);

test.describe('inverse problems on the digits model (wasm)', () => {
  test.setTimeout(600_000);

  test('each measurement and each solver runs to done from a deep link', async ({ watched }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 1100 });
    for (const [solver, op] of pairs) {
      await page.goto(
        `./#backend=wasm&view=images&model=digits&panel=restore&op=${op}&solver=${solver}&steps=8&sigy=0.05&image=2&seed=1&jump=2&resample=2`,
      );
      await activeBackend(page);
      const panel = page.getByTestId('restore');
      await expect(panel, `${solver} on ${op}`).toHaveAttribute('data-state', 'done', {
        timeout: 120_000,
      });
      await expect(page.getByTestId('restore-result')).toContainText('PSNR');
      expect(Number(await panel.getAttribute('data-psnr'))).toBeGreaterThan(5);
      if (op === 'sr4' && solver === 'ddrm')
        await page.screenshot({ path: 'docs/screenshots/images-restore-sr4.png' });
      if (op === 'blur' && solver === 'dps')
        await page.screenshot({ path: 'docs/screenshots/images-restore-blur-dps.png' });
      if (op === 'mask' && solver === 'pigdm')
        await page.screenshot({ path: 'docs/screenshots/images-restore-mask.png' });
      await page.goto('about:blank');
    }
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('a solver that does not apply is replaced with a note; axe is clean', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(
      './#backend=wasm&view=images&model=digits&panel=restore&op=blur&solver=ilvr&steps=4',
    );
    await activeBackend(page);
    await expect(page.getByText('ilvr does not apply to the "blur" measurement')).toBeVisible();
    await expect(page.getByTestId('restore')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('restore-solver')).toHaveValue('ddrm');
    expect(await seriousViolations(page)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
});
