/**
 * The latent view: both 2D sets run to done on wasm with the decoded map and grid; pressing and
 * dragging a particle changes its decoded image; the 16D set shows the grid and filmstrip; no
 * console errors (the `watched` fixture), axe clean; screenshots.
 */
import type { Page } from '@playwright/test';
import { activeBackend, expect, seriousViolations, test } from './fixtures';

async function runToDone(page: Page, hash: string): Promise<void> {
  await page.goto(`./#view=latent&backend=wasm&${hash}`);
  await activeBackend(page);
  await expect(page.getByTestId('latent-view')).toHaveAttribute('data-state', 'done', {
    timeout: 120_000,
  });
}

/** Presses the ringed (selected) particle and drags it by (dx, dy) CSS pixels. */
async function dragRinged(page: Page, dx: number, dy: number): Promise<void> {
  const plane = page.getByTestId('latent-plane');
  const ring = (await plane.getAttribute('data-ring'))!.split(',').map(Number);
  // Hovering scrolls the plane into view and waits until it stops moving (the End key may have
  // scrolled the page), so the press lands on the ring.
  await plane.hover({ position: { x: ring[0], y: ring[1] } });
  const box = (await plane.boundingBox())!;
  const [x, y] = [box.x + ring[0], box.y + ring[1]];
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 6 });
  await page.mouse.up();
}

test.describe('latent view', () => {
  for (const set of ['fashion2', 'digits2'] as const) {
    test(`${set}: runs to done, drag a particle to decode, axe clean`, async ({ watched }) => {
      const { page } = watched;
      await page.setViewportSize({ width: 1280, height: 1000 });
      await runToDone(page, `zset=${set}&zsteps=12&zpart=300&seed=2`);
      const plane = page.getByTestId('latent-plane');
      await expect(plane).toHaveAttribute('data-points', '300');
      // Twelve view tabs still fit one line at 1280 px, none scrolled out of sight.
      const tabs = page.locator('.view-tabs');
      const [scroll, client] = await tabs.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(scroll).toBeLessThanOrEqual(client);
      await expect(page.getByTestId('latent-images')).toHaveAttribute('data-frames', '13');
      // Pressing and dragging the ringed particle decodes the latent under the pointer.
      await page.keyboard.press('End');
      // The ring is pressed where the last step draws it, so wait for that frame to be drawn.
      await expect(plane).toHaveAttribute('data-step', '12');
      const selected = page.getByTestId('latent-selected');
      await expect(selected).not.toHaveAttribute('data-ink', '');
      const before = {
        z: await selected.getAttribute('data-z'),
        ink: await selected.getAttribute('data-ink'),
      };
      // A press that lands while the page still moves misses the ring: press again.
      await expect(async () => {
        await dragRinged(page, 90, -70);
        await expect(selected).toContainText('Dragged', { timeout: 5_000 });
      }).toPass({ timeout: 60_000 });
      await expect(selected).not.toHaveAttribute('data-z', before.z!);
      await expect(selected).not.toHaveAttribute('data-ink', before.ink!);
      // The measured pixel-vs-latent table opens and is part of the axe check.
      await page.getByTestId('pixel-vs-latent').locator('summary').click();
      await expect(page.getByTestId('pixel-vs-latent')).toContainText('3,253');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `docs/screenshots/latent-${set}.png` });
      expect(await seriousViolations(page, set)).toEqual([]);
    });
  }

  test('the trained latent MLP, one class with guidance, truncated at σ = 5', async ({
    watched,
  }) => {
    const { page } = watched;
    await runToDone(
      page,
      'zset=digits2&zmodel=network&zclass=3&zguide=2&zsigma=5&zsteps=20&zpart=200',
    );
    await expect(page.getByTestId('latent-plane')).toHaveAttribute('data-points', '200');
    // Truncation keeps the steps below σ = 5 of the 20-step grid: fewer frames than 21.
    const frames = Number(await page.getByTestId('latent-view').getAttribute('data-frames'));
    expect(frames).toBeGreaterThan(2);
    expect(frames).toBeLessThan(21);
  });

  test('fashion16: the grid and filmstrip without a plane', async ({ watched }) => {
    const { page } = watched;
    await runToDone(page, 'zset=fashion16&zsteps=8&zpart=64&zsigma=2');
    await expect(page.getByTestId('latent-plane')).toHaveCount(0);
    await expect(page.getByTestId('filmstrip')).toBeVisible();
    expect(await seriousViolations(page, 'fashion16')).toEqual([]);
  });
});
