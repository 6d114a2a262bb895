/**
 * The manifold view: the globe with coastlines, rotated by dragging; forward and reverse
 * runs of the exact models and of the trained networks reaching done on wasm; the torus square;
 * axe clean; screenshots.
 */
import type { Page } from '@playwright/test';
import { activeBackend, expect, test, seriousViolations } from './fixtures';

/** Pixels of the canvas with the globe's land colour (#d9d3c3). */
function landPixels(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (
        Math.abs(data[i] - 0xd9) < 3 &&
        Math.abs(data[i + 1] - 0xd3) < 3 &&
        Math.abs(data[i + 2] - 0xc3) < 3
      )
        n++;
    return n;
  });
}

test.describe('manifold view', () => {
  test('the globe: coastlines, drag to rotate, forward and reverse runs done, axe clean', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1100 });
    await page.goto('./#view=manifold&backend=wasm&msteps=24&mpart=200&mt=0.6&mlon=10&mlat=25');
    await activeBackend(page);
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', {
      timeout: 120_000,
    });
    const forward = page.getByTestId('manifold-forward');
    await expect(forward).toHaveAttribute('data-land', 'drawn');
    await expect(forward).toHaveAttribute('data-points', '200');
    for (let k = 0; k < 4; k++)
      await expect(page.getByTestId(`manifold-canvas-${k}`)).toHaveAttribute('data-points', '200');
    const before = await landPixels(page, 'manifold-forward');
    expect(before).toBeGreaterThan(2000);
    // The Riemannian lanes stay on the sphere to float64 precision.
    for (let k = 0; k < 3; k++)
      expect(
        Number((await page.getByTestId(`manifold-off-${k}`).textContent())!.split(': ')[1]),
      ).toBeLessThan(1e-9);
    await page.screenshot({ path: 'docs/screenshots/manifold-globe.png' });

    const box = (await forward.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 80, box.y + box.height / 2 + 30, { steps: 8 });
    await page.mouse.up();
    await expect(forward).not.toHaveAttribute('data-lon', '10');
    const lon = Number(await forward.getAttribute('data-lon'));
    expect(lon).toBeGreaterThan(20);
    expect(page.url()).toContain(`mlon=${lon}`);
    // Every globe turns together, and the land moved with it.
    await expect(page.getByTestId('manifold-canvas-2')).toHaveAttribute('data-lon', String(lon));
    expect(await landPixels(page, 'manifold-forward')).not.toBe(before);

    expect(await seriousViolations(page)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('the trained networks (vMF on the sphere) run to done on wasm, on the sphere to 1e-5', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1100 });
    await page.goto('./#view=manifold&backend=wasm&mmodel=network&mdata=vmf&msteps=20&mpart=150');
    await activeBackend(page);
    await expect(page.getByTestId('mmodel-select')).toHaveValue('network');
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', {
      timeout: 120_000,
    });
    for (let k = 0; k < 4; k++)
      await expect(page.getByTestId(`manifold-canvas-${k}`)).toHaveAttribute('data-points', '150');
    for (let k = 0; k < 3; k++)
      expect(
        Number((await page.getByTestId(`manifold-off-${k}`).textContent())!.split(': ')[1]),
      ).toBeLessThan(1e-5);
    await expect(page.getByTestId('notices')).toHaveCount(0);
    await page.screenshot({ path: 'docs/screenshots/manifold-network.png' });
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('the torus: dihedral data, four lanes done, a data set of the other manifold is replaced', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1100 });
    await page.goto('./#view=manifold&manifold=torus&mdata=vmf&backend=wasm&msteps=24&mpart=200');
    await activeBackend(page);
    await expect(page.getByTestId('manifold-note')).toContainText('showing wrapped');
    await page.getByTestId('mdata-select').selectOption('dihedral');
    await expect(page.getByTestId('manifold-note')).toHaveCount(0);
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', {
      timeout: 120_000,
    });
    for (let k = 0; k < 4; k++)
      await expect(page.getByTestId(`manifold-canvas-${k}`)).toHaveAttribute('data-points', '200');
    await page.screenshot({ path: 'docs/screenshots/manifold-torus.png' });
    expect(await seriousViolations(page)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
});
