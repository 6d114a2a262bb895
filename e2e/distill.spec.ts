/**
 * Distilled students in the browser: model=distill runs distill-<dataset>-<N>
 * with DDIM on its own grid, model=consistency runs consistency-<dataset> with multistep
 * consistency sampling; a notice names the student. A data set without students says so and
 * runs on the exact model. The lab and the mesh, which do not run students, say what they run.
 */
import { activeBackend, expect, test, type Watched, seriousViolations } from './fixtures';

async function waitForRun({ page }: Watched) {
  await activeBackend(page);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
}

test.describe('distilled students (model=distill | consistency)', () => {
  test('the 4-step progressive student of gaussians8 runs from a link and is named', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('./#backend=wasm&view=reverse&model=distill&dataset=gaussians8&steps=4');
    await waitForRun(watched);
    await expect(page.getByTestId('notices')).toContainText(
      'distill-gaussians8-4 runs ddim with 4 steps on its own σ grid',
    );
    await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', '4');
    await expect(page.getByTestId('step-readout')).toContainText('NFE 4');
    expect(await seriousViolations(page)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('the consistency model of moons runs 2 steps of multistep consistency sampling', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto('./#backend=wasm&view=reverse&model=consistency&dataset=moons&steps=2');
    await waitForRun(watched);
    await expect(page.getByTestId('notices')).toContainText(
      'consistency-moons runs consistency with 2 steps on its own σ grid',
    );
    await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', '2');
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('a data set without students says so and runs on the exact model', async ({ watched }) => {
    const { page } = watched;
    await page.goto('./#backend=wasm&view=reverse&model=distill&dataset=rings&steps=4');
    await waitForRun(watched);
    await expect(page.getByTestId('notices')).toContainText(
      /no progressively distilled student is shipped for "rings" \(distilled for: .*gaussians8.*\); running the exact model instead/,
    );
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('the mesh and the lab run the exact model and say why', async ({ watched }) => {
    const { page } = watched;
    await page.goto(
      './#backend=wasm&view=mesh&model=distill&dataset=gaussians8&steps=4&mlines=3&mn=16',
    );
    await waitForRun(watched);
    const notices = page.getByTestId('notices');
    await expect(notices).toContainText(
      'model=distill: the progressively distilled students run their own sampler and steps, so they run in the playground views only; in the mesh the exact model runs instead',
    );
    await page.goto(
      './#backend=wasm&view=lab&model=consistency&dataset=gaussians8&process=edm&grid=karras&n=200&lanes=euler;heun&lnfe=8&lbudgets=8,16&lsweepn=16&ltol=1e-6',
    );
    await expect(page.getByTestId('lockstep-status')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('lab-models')).toHaveAttribute('data-model', 'exact');
    await expect(notices).toContainText(
      "model=consistency: the consistency models run their own sampler and steps, so they run in the playground views only; in the lab's panels the exact model runs instead",
    );
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });
});
