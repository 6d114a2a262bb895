/**
 * Accessibility: an axe-core scan of every view in the app's view list, in the light and the
 * dark theme (prefers-color-scheme), and of the states that add content (notices, an open
 * tooltip, the open menus), reports no serious or critical violations of WCAG 2.1 A/AA. One test
 * per view, so each has its own time budget. The course is scanned by course.spec.ts, every
 * chapter in both themes once its figures are done, and not again here.
 */
import type { Page } from '@playwright/test';
import { VIEWS } from '../src/state/fields';
import { activeBackend, expect, test, seriousViolations } from './fixtures';

/** Waits until the view's chunk has loaded and its work has settled: no run loading or in progress. */
async function settled(page: Page) {
  await expect(page.getByTestId('view-loading')).toHaveCount(0);
  await expect
    .poll(() => page.getByTestId('run-status').getAttribute('data-state'), { timeout: 90_000 })
    .toMatch(/^(done|idle|error)$/);
}

for (const view of VIEWS.filter((v) => v !== 'course')) {
  test(`axe: no serious or critical violations in the ${view} view`, async ({ watched }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`./#view=${view}&backend=wasm&steps=4&n=200`);
    await activeBackend(page);
    await expect(page.getByTestId(`tab-${view}`)).toHaveAttribute('aria-selected', 'true');
    await settled(page);
    expect(await seriousViolations(page, view)).toEqual([]);
    // The dark theme: the page's palette switches (the plots' paper with it), and passes too.
    await page.emulateMedia({ colorScheme: 'dark' });
    const paper = () =>
      page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await expect.poll(paper).toBe('rgb(20, 24, 32)');
    expect(await seriousViolations(page, `${view}, dark`)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });
}

test('axe: no serious or critical violations with notices, a tooltip and the menus open', async ({
  watched,
}) => {
  const { page } = watched;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./#backend=wasm&steps=4&n=200&nope=1');
  await activeBackend(page);
  await expect(page.getByTestId('notices')).toContainText('unknown URL parameter "nope"');
  await settled(page);
  const tip = page.getByTestId('steps-input').locator('xpath=ancestor::div[1]').locator('.tip');
  await tip.locator('button').focus();
  await expect(tip.locator('[role="tooltip"] .katex')).toBeVisible();
  await page.getByText('Diagnostics', { exact: true }).click();
  await page.getByTestId('export-menu').locator('summary').click();
  expect(await seriousViolations(page, 'reverse, opened')).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
});
