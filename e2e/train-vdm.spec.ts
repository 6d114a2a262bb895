/**
 * A Variational Diffusion Model in the train view, from a deep link on WASM: the ε-network and
 * the learned log-SNR schedule train a stated number of steps and pause; the report compares the
 * learned schedule with linear γ, and the schedule inspector then plots the learned curve.
 */
import { activeBackend, expect, test, seriousViolations } from './fixtures';

const LINK =
  'backend=wasm&view=train&dataset=gaussians8&twidth=16&tdepth=1&tbatch=64&tevery=1000' +
  '&tmode=vdm&tvw=8&tvlr=0.05&tvn=20&tstop=30&tauto=1';

test('VDM: 30 steps from a deep link pause with the learned schedule, shown in the schedule inspector', async ({
  watched,
}) => {
  test.setTimeout(90_000);
  const { page } = watched;
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`./#${LINK}`);
  expect(await activeBackend(page)).toBe('wasm');
  const status = page.getByTestId('train-status');
  await expect(status).toHaveAttribute('data-state', 'paused');
  await expect(status).toHaveAttribute('data-step', '30');
  await expect(status).toHaveAttribute('data-snapshot-step', '30');
  const report = page.getByTestId('train-vdm-report');
  await expect(report).toHaveAttribute('data-step', '30');
  const ratio = Number(await page.getByTestId('train-vdm-ratio').textContent());
  expect(ratio).toBeGreaterThan(0);
  await expect(page.getByTestId('train-save')).toBeDisabled();
  await page.screenshot({ path: 'docs/screenshots/train-vdm.png' });
  expect(await seriousViolations(page)).toEqual([]);

  // The same page (the run's record lives on) in the schedule inspector.
  await page.getByTestId('tab-schedules').click();
  const note = page.getByTestId('learned-schedule-note');
  await expect(note).toHaveAttribute('data-learned', '1');
  await expect(note).toContainText('step 30');
  await expect(page.getByTestId('learned-schedule-chart')).toContainText('learned (VDM, step 30)');
  await page.getByTestId('learned-schedule-chart').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/schedules-learned.png' });
  expect(await seriousViolations(page)).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
});

test('the schedule inspector without a VDM run says how to get one', async ({ watched }) => {
  const { page } = watched;
  await page.goto('./#view=schedules');
  const note = page.getByTestId('learned-schedule-note');
  await expect(note).toHaveAttribute('data-learned', '0');
  await expect(note).toContainText(
    'Train a VDM model in the Train view to see its learned schedule',
  );
  expect(watched.consoleErrors).toEqual([]);
});
