/**
 * Presentation mode (present=1): at projector sizes the chrome is gone, the figure runs,
 * the keys work (←/→ step through chapters' figures or lessons, space, R, F, ?), axe finds no
 * serious violation and nothing is logged as an error.
 */
import { activeBackend, expect, test, seriousViolations } from './fixtures';

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`presentation mode at ${width}×${height}: a chapter's figures, the keys`, async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width, height });
    await page.goto('./#view=course&chapter=forward&present=1&backend=wasm');
    await activeBackend(page);
    await expect(page.getByTestId('present-strip')).toBeVisible();
    await expect(page.locator('.app-header')).toBeHidden();
    await expect(page.locator('.view-tabs')).toBeHidden();
    const first = page.getByTestId('figure-forward-noise');
    await expect(first).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    // The plot fills most of the window's height.
    const box = await first.locator('.plot').boundingBox();
    expect(box!.height).toBeGreaterThan(height * 0.55);
    expect(box!.y + box!.height).toBeLessThanOrEqual(height);

    if (width === 1920) await page.screenshot({ path: 'docs/screenshots/course-present.png' });
    await page.keyboard.press('?');
    await expect(page.getByTestId('present-help')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('present-help')).toHaveCount(0);

    // → : the chapter's second figure, then the next chapter; ← back.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('figure-forward-cosine')).toHaveAttribute('data-state', 'done', {
      timeout: 90_000,
    });
    await page.keyboard.press('ArrowRight');
    const ddpm = page.getByTestId('figure-ddpm-ddpm-ddim');
    await expect(ddpm).toBeVisible();
    expect(page.url()).toContain('chapter=ddpm');
    await expect(ddpm).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    // Space pauses and plays; R rewinds to x_T.
    await expect(ddpm.getByTestId('figure-play')).toHaveText('Play', { timeout: 30_000 });
    await page.keyboard.press('r');
    await expect(ddpm).toHaveAttribute('data-step', '0');
    await page.keyboard.press(' ');
    await expect(ddpm.getByTestId('figure-play')).toHaveText('Pause');
    await page.keyboard.press(' ');
    await expect(ddpm.getByTestId('figure-play')).toHaveText('Play');
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('figure-forward-cosine')).toBeVisible();
    expect(page.url()).toContain('chapter=forward');
    // F: the Fullscreen API (headless Chromium grants it); F again leaves.
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
}

test('presentation mode on a lesson link: ←/→ move through the lessons', async ({ watched }) => {
  const { page } = watched;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(
    './#lesson=ode-sde&view=compare&process=vp&dataset=gaussians8&sampler=euler&sampler2=euler-maruyama&steps=100&n=1500&backend=wasm&present=1',
  );
  await activeBackend(page);
  await expect(page.getByTestId('present-title')).toContainText('ODE vs SDE');
  await expect(page.locator('.app-header')).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('present-title')).toContainText('Why the cosine schedule');
  expect(page.url()).toContain('present=1');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('present-title')).toContainText('ODE vs SDE');
  await expect(page.getByTestId('play-pause')).toHaveAttribute('data-playing', /true|false/);
  expect(await seriousViolations(page)).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
});

test('first visit: the introduction on the bare address, dismissed for good', async ({
  watched,
}) => {
  const { page } = watched;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./');
  await activeBackend(page);
  const intro = page.getByTestId('first-visit');
  await expect(intro).toBeVisible();
  await expect(intro.getByRole('link', { name: 'Start the course' })).toHaveAttribute(
    'href',
    '#view=course',
  );
  await page.screenshot({ path: 'docs/screenshots/first-visit.png' });
  expect(await seriousViolations(page)).toEqual([]);
  await intro.getByTestId('first-visit-dismiss').click();
  await expect(intro).toHaveCount(0);
  await page.reload();
  await activeBackend(page);
  await expect(page.getByTestId('reverse-plot')).toBeVisible();
  await expect(page.getByTestId('first-visit')).toHaveCount(0);
  expect(watched.consoleErrors).toEqual([]);
});
