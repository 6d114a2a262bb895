import { readFileSync } from 'node:fs';
import { comparisonLanes } from '../src/core/mesh/lanes';
import { latticeExtent, latticeNodes, meshLattice, pickPoints } from '../src/core/mesh/lattice';
import { solve } from '../src/core/samplers/convergence';
import { requireSampler } from '../src/core/samplers/registry';
import { cachedExactModel, makeGrid, makeProcess } from '../src/core/scene/build';
import type { MeshJob } from '../src/worker/protocol';
import { activeBackend, expect, test, type Watched } from './fixtures';

async function waitForRun({ page }: Watched) {
  await activeBackend(page);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done');
}

interface MeshExportJson {
  job: MeshJob;
  lanes: { sigma: number[]; scale: number[]; nfe: number; start: number[][]; end: number[][] }[];
}

test.describe('mesh view (flow map of the rectified flow and of a diffusion PF-ODE)', () => {
  test('the lattice at t = 1 lands where the sampler itself takes the same points', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(
      './#backend=wasm&view=mesh&dataset=gaussians8&process=vp&shift=2&sampler=heun&steps=8&mlines=5&mn=16&t=0.4',
    );
    await waitForRun(watched);
    await expect(page.getByTestId('straightness-table')).toHaveAttribute('data-state', 'done');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('mesh-export').click(),
    ]);
    const json = JSON.parse(readFileSync(await download.path(), 'utf8')) as MeshExportJson;
    expect(json.job.flowShift).toBe(2);
    const { flow, diffusion } = comparisonLanes(json.job.settings, json.job.flowShift);
    expect([flow.process, diffusion.process]).toEqual(['flow', 'vp']);
    const heun = requireSampler('heun');
    const denoise = cachedExactModel('gaussians8').denoise;
    for (const [lane, settings] of [flow, diffusion].entries()) {
      const mine = json.lanes[lane];
      const process = makeProcess(settings);
      const grid = makeGrid(settings, process);
      const s0 = process.scale(process.tOfSigma(grid.sigmas[0]));
      // The start is the regular 5 × 5 lattice over ±3 (process coordinates at t ≈ 1).
      const lattice = meshLattice(5, latticeExtent(s0, grid.sigmas[0]));
      const nodes = pickPoints(lattice.points, latticeNodes(lattice));
      mine.start.flat().forEach((v, i) => expect(v).toBeCloseTo(nodes[i], 4));
      // Its end is the sampler's own endpoint for those points (float64, here in Node).
      const { x, nfe } = solve(
        heun,
        heun.defaults,
        denoise,
        grid,
        nodes.map((v) => v / s0),
      );
      expect(mine.sigma[1]).toBe(0);
      expect(mine.nfe).toBe(nfe);
      mine.end.flat().forEach((v, i) => expect(Math.abs(v - x[i])).toBeLessThan(1e-4));
    }
    // The two processes' straightness figures are shown, both ≥ 1.
    for (const lane of [0, 1]) {
      const median = Number(
        await page.getByTestId(`straightness-${lane}`).getAttribute('data-median'),
      );
      expect(median).toBeGreaterThanOrEqual(1);
    }
    await page.screenshot({ path: 'docs/screenshots/mesh-view.png' });
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  test('dragging a point draws its ODE path on both processes; arrow keys move it', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto('./#backend=wasm&view=mesh&dataset=moons&steps=6&mlines=4&mn=16&t=0.5');
    await waitForRun(watched);
    const plot = page.getByTestId('mesh-plot-0');
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.45, { steps: 5 });
    await page.mouse.up();
    const probe = page.getByTestId('mesh-probe');
    await expect(probe).toHaveAttribute('data-state', 'done');
    await expect(probe).toContainText('placed at t fraction 0.500');
    const before = await probe.textContent();
    await plot.press('ArrowUp');
    await expect(probe).not.toHaveText(before!);
    await expect(probe).toHaveAttribute('data-state', 'done');
    const cell = page.getByTestId('straightness-1').locator('td').last();
    expect(Number(await cell.textContent())).toBeGreaterThanOrEqual(1);
    expect(watched.consoleErrors).toEqual([]);
  });

  test('error vs NFE: three ODE samplers on both processes from the same x_T', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto('./#backend=wasm&view=mesh&dataset=gaussians8&steps=4&mlines=3&mn=16');
    await waitForRun(watched);
    await page.getByTestId('sweep-run').click();
    const sweep = page.getByTestId('sweep');
    await expect(sweep).toHaveAttribute('data-state', 'done');
    await expect(sweep.locator('.viz-legend-item')).toHaveCount(6);
    expect(watched.consoleErrors).toEqual([]);
  });

  test('a stochastic sampler is replaced by an ODE solver, and the view says so', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto('./#backend=wasm&view=mesh&sampler=euler-maruyama&steps=5&mlines=3&mn=16');
    await waitForRun(watched);
    await expect(page.getByTestId('mesh-replaced')).toContainText('Euler');
    expect(watched.consoleErrors).toEqual([]);
  });

  test('the reflowed flow model runs in the mesh from a link (model=reflow)', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto('./#backend=wasm&view=mesh&dataset=moons&model=reflow&steps=4&mlines=3&mn=16');
    await waitForRun(watched);
    await expect(page.getByTestId('model-select')).toHaveValue('reflow');
    // A model that failed to load would be named in a notice and replaced by the exact one.
    await expect(page.getByTestId('notices')).toHaveCount(0);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });
});

test.describe('flow matching in the playground views', () => {
  test('reverse view: the flow process with a time shift runs to the end', async ({ watched }) => {
    const { page } = watched;
    await page.goto(
      './#backend=wasm&process=flow&shift=3&grid=time-uniform&sampler=heun&steps=10&n=300',
    );
    await waitForRun(watched);
    await expect(page.getByTestId('shift-input')).toHaveValue('3');
    await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', '10');
    await expect(page.getByTestId('step-readout')).toContainText('NFE 19');
    expect(watched.consoleErrors).toEqual([]);
  });

  test('compare view: ODE vs SDE on the flow (Euler–Maruyama through the score)', async ({
    watched,
  }) => {
    const { page } = watched;
    await page.goto(
      './#backend=wasm&view=compare&process=flow&sampler=euler&sampler2=euler-maruyama&steps=20&n=300',
    );
    await waitForRun(watched);
    await expect(page.getByTestId('panel-title-2')).toContainText('stochastic');
    await expect(page.getByTestId('step-readout')).toHaveAttribute('data-step', '20');
    expect(watched.consoleErrors).toEqual([]);
  });
});
