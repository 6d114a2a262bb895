/**
 * Deep links of the 2D playground: every lesson preset from the Lessons menu, every sampler
 * of the registry on the exact model, and the exported particles against the CLI's output for
 * the same settings and seed (the CLI is an independent run of the same core in Node).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SAMPLERS } from '../src/core/samplers/registry';
import { sampleCommand } from '../src/cli/sample';
import { LESSONS } from '../src/state/lessons';
import { activeBackend, expect, test, type Watched } from './fixtures';

/** Waits for a run `steps` steps long to finish (and, with `toEnd`, playback to reach its end). */
async function waitForRunOf({ page }: Watched, steps: number, toEnd = true) {
  await expect(page.getByTestId('step-readout')).toHaveAttribute('data-total', String(steps));
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
  if (toEnd)
    await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', String(steps));
}

/** Exports the particles of the shown step as JSON and returns them. */
async function exportedParticles({ page }: Watched): Promise<number[][]> {
  const menu = page.getByTestId('export-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  const saved = page.waitForEvent('download');
  await page.getByTestId('export-particles-json').click();
  const file = await (await saved).path();
  return JSON.parse(readFileSync(file, 'utf8')).particles as number[][];
}

/**
 * The largest coordinate difference between two point lists, relative to max(1, |x|): the app
 * streams float32 frames, so a run that ends far out (DDIM inversion of x_T reaches |x| ≈ 5·10⁵)
 * agrees with the float64 CLI to float32 rounding, not to a fixed absolute figure.
 */
function maxDiff(got: number[][], want: number[][]): number {
  expect(got).toHaveLength(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++)
    for (let c = 0; c < 2; c++) {
      const scale = Math.max(1, Math.abs(want[i][c]));
      worst = Math.max(worst, Math.abs(got[i][c] - want[i][c]) / scale);
    }
  return worst;
}

test.describe('2D playground deep links', () => {
  test('each lesson preset opens from the Lessons menu, explains itself and runs', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('./#backend=wasm&steps=5&n=200');
    await activeBackend(page);
    for (const lesson of LESSONS) {
      await page.getByTestId('lessons-menu').locator('summary').click();
      await page.getByTestId(`lesson-link-${lesson.id}`).click();
      await expect(page.getByTestId('lesson-banner')).toContainText(lesson.title);
      const params = new URLSearchParams(lesson.hash);
      await expect(page).toHaveURL(new RegExp(`lesson=${lesson.id}`));
      await expect(page).toHaveURL(/backend=wasm/);
      const view = params.get('view');
      if (view === 'reverse' || view === 'compare') {
        await waitForRunOf(watched, Number(params.get('steps')), false);
      } else if (view === 'forward') {
        await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
        await expect(page.getByTestId('forward-readout')).toContainText('t = 299.7');
      } else if (view === 'train') {
        await expect(page.getByTestId('train-status')).toHaveAttribute(
          'data-snapshot-step',
          /^\d+$/,
        );
      } else if (view === 'discrete') {
        await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
        await expect(page.getByTestId('discrete-forward-grid')).toBeVisible();
      } else {
        await expect(page.getByTestId('curves-chart').locator('path').first()).toBeVisible();
      }
      for (const name of (params.get('hide') ?? '').split(',').filter(Boolean))
        await expect(page.getByTestId(`${name}-select`)).toHaveCount(0);
    }
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('every sampler of the registry runs from a link on the exact model and matches the CLI', async ({
    watched,
  }) => {
    test.setTimeout(240_000);
    const { page } = watched;
    await page.goto('./#backend=wasm');
    await activeBackend(page);
    const mismatches: string[] = [];
    for (const [i, def] of SAMPLERS.entries()) {
      // A distinct step count per sampler tells its run apart from the previous one.
      const steps = 4 + i;
      const link = `backend=wasm&dataset=gaussians8&sampler=${def.id}&steps=${steps}&n=100&seed=${i}&speed=8`;
      await page.goto(`./#${link}`);
      await waitForRunOf(watched, steps);
      const readout = page.getByTestId('step-readout');
      await expect(readout, def.id).not.toContainText('NaN');
      const cli = (await sampleCommand(
        ['--dataset', 'gaussians8', '--sampler', def.id, '--steps', String(steps)].concat([
          '--n',
          '100',
          '--seed',
          String(i),
        ]),
      )) as { samples: number[][]; nfe: number };
      await expect(readout, def.id).toContainText(`NFE ${cli.nfe}`);
      const diff = maxDiff(await exportedParticles(watched), cli.samples);
      if (!(diff < 1e-5)) mismatches.push(`${def.id}: ${diff}`);
    }
    expect(mismatches).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });

  test('the exported JSON equals the CLI binary’s output for the same settings and seed', async ({
    watched,
  }) => {
    const { page } = watched;
    const args = ['sample', '--dataset', 'moons', '--sampler', 'ddim', '--eta', '0.5'].concat([
      '--steps',
      '12',
      '--n',
      '150',
      '--seed',
      '7',
      '--beta',
      'squaredcos_cap_v2',
    ]);
    const out = execFileSync(process.execPath, ['bin/diffusion-playground.mjs', ...args], {
      encoding: 'utf8',
    });
    const cli = JSON.parse(out) as { samples: number[][] };
    await page.goto(
      './#backend=wasm&dataset=moons&sampler=ddim&eta=0.5&steps=12&n=150&seed=7&schedule=squaredcos_cap_v2',
    );
    await activeBackend(page);
    await waitForRunOf(watched, 12);
    expect(maxDiff(await exportedParticles(watched), cli.samples)).toBeLessThan(1e-5);
  });
});
