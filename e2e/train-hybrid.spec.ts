/**
 * Improved DDPM's learned variance in the train view, from a deep link on WASM: a short hybrid
 * run pauses at its stated step with samples and bounds of the learned and the fixed variances,
 * and the schedule inspector then plots the learned Σ_θ beside β_t and β̃_t.
 */
import { activeBackend, expect, test, seriousViolations } from './fixtures';

const LINK =
  'backend=wasm&view=train&dataset=gaussians8&twidth=32&tdepth=2&tbatch=128&tevery=1000' +
  '&tmode=hybrid&tvsteps=20&tstop=40&tauto=1';

test('a hybrid run pauses at its step; the inspector shows the learned variance', async ({
  watched,
}) => {
  test.setTimeout(120_000);
  const { page } = watched;
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.goto(`./#${LINK}`);
  expect(await activeBackend(page)).toBe('wasm');
  const status = page.getByTestId('train-status');
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 90_000 });
  await expect(status).toHaveAttribute('data-step', '40');
  await expect(status).toHaveAttribute('data-snapshot-step', '40');
  const report = page.getByTestId('train-hybrid-report');
  await expect(report).toContainText('20 steps');
  for (const choice of ['learned', 'beta', 'betaTilde']) {
    const bound = Number(await page.getByTestId(`train-hybrid-bound-${choice}`).textContent());
    expect(Number.isFinite(bound)).toBe(true);
  }
  await report.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/train-hybrid.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('tab-schedules').click();
  const chart = page.getByTestId('learned-variance-chart');
  await expect(chart).toBeVisible();
  await expect(page.getByTestId('learned-variance-note')).toContainText('at step 40');
  await expect(chart.locator('path').first()).toBeVisible();
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/schedules-learned-variance.png' });
  expect(await seriousViolations(page)).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
});
