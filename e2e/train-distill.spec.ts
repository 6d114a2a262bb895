/**
 * Training-based acceleration in the train view, from deep links on WASM: one round of
 * progressive distillation (a 4-step teacher, the exact denoiser of gaussians8, taught to a
 * 2-step student) and a consistency-distillation run, each a stated number of steps.
 */
import { activeBackend, expect, test, type Watched, seriousViolations } from './fixtures';

const NET = 'backend=wasm&view=train&dataset=gaussians8&twidth=32&tdepth=2&tbatch=128&tevery=1000';

/** Waits until the run is paused at `step` with that step's snapshot shown. */
async function pausedAt({ page }: Watched, step: number) {
  const status = page.getByTestId('train-status');
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 110_000 });
  await expect(status).toHaveAttribute('data-step', String(step));
  await expect(status).toHaveAttribute('data-snapshot-step', String(step));
}

/** The report table's rows as [NFE, teacher, student] text. */
async function reportRows({ page }: Watched): Promise<string[][]> {
  return page
    .getByTestId('train-distill-report')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
}

test.describe('distillation in the train view', () => {
  test('one round of progressive distillation: the 2-step student is measured beside the teacher', async ({
    watched,
  }) => {
    test.setTimeout(180_000);
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(`./#${NET}&tmode=distill&tdn=4&tround=150&tstop=150&tauto=1`);
    expect(await activeBackend(page)).toBe('wasm');
    await pausedAt(watched, 150);
    // The round ended at step 150: its 2-step student now teaches a 1-step one.
    await expect(page.getByTestId('train-distill-report')).toContainText(
      'round 2 of 2, student of 1 step',
    );
    const rows = await reportRows(watched);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '4']);
    // The 2-step student of round 1 was measured at the round's end.
    expect(Number(rows[1][2])).toBeGreaterThan(0);
    expect(rows.every((r) => Number(r[1]) > 0)).toBe(true);
    // The same figures against NFE on log axes: one line per model.
    const chart = page.getByTestId('train-distill-chart');
    await expect(chart.locator('g.viz-series')).toHaveCount(2);
    await expect(chart.getByRole('button', { name: 'student, DDIM on its grid' })).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/train-distill.png' });
    expect(await seriousViolations(page)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('consistency distillation: 100 steps, then one- and multistep samples measured', async ({
    watched,
  }) => {
    test.setTimeout(180_000);
    const { page } = watched;
    await page.goto(`./#${NET}&tmode=cd&tlevels=18&tstop=100&tauto=1`);
    await pausedAt(watched, 100);
    await expect(page.getByTestId('train-distill-report')).toContainText(
      'consistency distillation',
    );
    const rows = await reportRows(watched);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '4']);
    expect(rows.every((r) => Number(r[2]) > 0)).toBe(true);
    await expect(page.getByTestId('train-save')).toBeDisabled();
    expect(await seriousViolations(page)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });
});
