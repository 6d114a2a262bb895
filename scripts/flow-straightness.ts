/**
 * Straightness (path length / end-to-end distance, in each process's own coordinates) of the
 * probability-flow ODE paths of the VP SDE and of the rectified flow, from the same x_T, on
 * the exact models of a few data sets, and the endpoint error of a few ODE samplers at a few
 * NFE on both processes (time-uniform and Karras grids). The figures in docs/FLOW.md.
 *
 *   npx tsx scripts/flow-straightness.ts [datasets…]
 */
import { sampleDataset } from '../src/core/data/index.ts';
import { solvePath, uniformTimes } from '../src/core/mesh/odePath.ts';
import { sweep, type SweepPoint } from '../src/core/lab/sweep.ts';
import { straightness } from '../src/core/metrics/straightness.ts';
import { float64Ops } from '../src/core/ops.ts';
import { cachedExactModel, initialState, makeGrid, makeProcess } from '../src/core/scene/build.ts';
import { DEFAULT_SCENE, type ProcessId } from '../src/core/scene/settings.ts';
import type { SigmaGridKind } from '../src/core/schedules/grid.ts';
import type { SamplerParams } from '../src/core/samplers/types.ts';

const PATHS = 1000;
const STEPS = 400;
const SWEEP_PATHS = 256;
const BUDGETS = [8, 16, 32];
const SAMPLERS: { id: string; params: SamplerParams }[] = [
  { id: 'euler', params: {} },
  { id: 'heun', params: {} },
  { id: 'midpoint', params: { coordinates: 'process' } },
  { id: 'dpmpp-2m', params: {} },
];
const PROCESSES: ProcessId[] = ['vp', 'flow'];

function pathStraightness(dataset: string, processId: ProcessId) {
  const settings = { ...DEFAULT_SCENE, dataset, process: processId };
  const process = makeProcess(settings);
  const sigma0 = makeGrid(settings, process).sigmas[0];
  const times = uniformTimes(process.tOfSigma(sigma0), process.tMin, STEPS);
  const x = initialState(PATHS, 2, 0, sigma0);
  const states = solvePath(float64Ops, cachedExactModel(dataset).denoise, process, x, times);
  const frames = states.map((s, k) => s.map((v) => v * process.scale(times[k])));
  return straightness(frames, 2);
}

function errors(dataset: string, processId: ProcessId, grid: SigmaGridKind): SweepPoint[] {
  const scene = {
    ...DEFAULT_SCENE,
    dataset,
    process: processId,
    sigmaGrid: grid,
    particles: SWEEP_PATHS,
  };
  const events = sweep({
    scene,
    samplers: SAMPLERS,
    budgets: BUDGETS,
    denoise: cachedExactModel(dataset).denoise,
    heldOut: sampleDataset(dataset, SWEEP_PATHS, 0x0dd5eed),
    tolerance: { rtol: 1e-6, atol: 1e-6 },
    projections: 16,
  });
  for (;;) {
    const next = events.next();
    if (next.done) return next.value.points;
  }
}

const datasets = process.argv.slice(2);
for (const dataset of datasets.length > 0 ? datasets : ['gaussians8', 'moons', 'swissroll']) {
  for (const p of PROCESSES) {
    const s = pathStraightness(dataset, p);
    console.log(
      `${dataset}\t${p}\tstraightness median ${s.median.toFixed(3)}\tmean ${s.mean.toFixed(3)}`,
    );
  }
  for (const grid of ['time-uniform', 'karras'] as const)
    for (const p of PROCESSES) {
      const pts = errors(dataset, p, grid);
      const row = pts.map(
        (q) => `${SAMPLERS[q.sampler].id}@${q.nfe}: ${q.endpointError?.toExponential(2)}`,
      );
      console.log(`${dataset}\t${p}\t${grid}\t${row.join('\t')}`);
    }
}
