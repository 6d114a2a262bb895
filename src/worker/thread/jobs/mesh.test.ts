import { describe, expect, it } from 'vitest';
import { latticeExtent, latticeNodes, meshLattice, pickPoints } from '../../../core/mesh/lattice';
import { solvePath, uniformTimes } from '../../../core/mesh/odePath';
import { float64Ops as ops } from '../../../core/ops';
import { solve } from '../../../core/samplers/convergence';
import { requireSampler } from '../../../core/samplers/registry';
import { cachedExactModel, makeGrid, makeProcess } from '../../../core/scene/build';
import { DEFAULT_SCENE, type SceneSettings } from '../../../core/scene/settings';
import {
  PATH_STEPS,
  type LatticeFrame,
  type MeshFrame,
  type MeshJob,
  type MeshPathJob,
  type StraightnessFrame,
} from '../../protocol/mesh';
import type { JobContext } from './context';
import { runMesh, runMeshPath } from './mesh';

const scene: SceneSettings = {
  ...DEFAULT_SCENE,
  dataset: 'gaussians8',
  process: 'vp',
  sigmaGrid: 'karras',
  sampler: 'heun',
  steps: 6,
  seed: 3,
};
const job: MeshJob = {
  kind: 'mesh',
  settings: scene,
  model: 'exact',
  flowShift: 2,
  lines: 4,
  particles: 20,
};

function harness(cancelAfter = Infinity) {
  const frames: MeshFrame[] = [];
  const ctx: JobContext<MeshFrame> = {
    runId: 1,
    modelsUrl: '',
    isCancelled: () => frames.length >= cancelAfter,
    emit: (_s, _t, frame) => frames.push(frame),
    progress: () => {},
  };
  return { ctx, frames };
}

describe('runMesh', () => {
  it('carries the lattice with the scene’s own sampler: its last frame is the sampler’s endpoint', async () => {
    const { ctx, frames } = harness();
    await runMesh(job, ctx);
    const lattice = frames.filter((f): f is LatticeFrame => f.kind === 'lattice');
    const lanes = [
      { ...scene, process: 'flow' as const, flowShift: 2 },
      { ...scene, process: 'vp' as const },
    ];
    for (const [lane, settings] of lanes.entries()) {
      const mine = lattice.filter((f) => f.lane === lane);
      expect(mine.map((f) => f.step)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      const process = makeProcess(settings);
      const grid = makeGrid(settings, process);
      const s0 = process.scale(process.tOfSigma(grid.sigmas[0]));
      // The first frame is the regular lattice, ±3 on both processes.
      const start = meshLattice(4, latticeExtent(s0, grid.sigmas[0])).points;
      expect(start[0]).toBeCloseTo(-3, 2);
      mine[0].points.forEach((v, i) => expect(v).toBeCloseTo(start[i], 5));
      // The last frame is the sampler's endpoint (σ = 0, scale 1) from x_T = lattice/s0.
      const { x } = solve(
        requireSampler('heun'),
        requireSampler('heun').defaults,
        cachedExactModel('gaussians8').denoise,
        grid,
        start.map((v) => v / s0),
      );
      const last = mine[mine.length - 1];
      expect(last.sigma).toBe(0);
      last.points.forEach((v, i) => expect(v).toBeCloseTo(x[i], 4));
      expect(last.nfe).toBe(2 * 6 - 1);
    }
  });

  it('measures the straightness of the seed’s x_T on both processes after the lattices', async () => {
    const { ctx, frames } = harness();
    await runMesh(job, ctx);
    const s = frames.filter((f): f is StraightnessFrame => f.kind === 'straightness');
    expect(s.map((f) => f.lane)).toEqual([0, 1]);
    for (const f of s) {
      expect(f.perParticle).toHaveLength(20);
      expect(f.perParticle.every((v) => v >= 1 - 1e-6)).toBe(true);
      expect(f.median).toBeGreaterThanOrEqual(1 - 1e-6);
      expect(f.shown).toBe(12);
      expect(f.paths).toHaveLength(2 * 12 * (PATH_STEPS + 1));
    }
  });

  it('stops between steps once cancelled', async () => {
    const { ctx, frames } = harness(4);
    await runMesh(job, ctx);
    expect(frames.length).toBeLessThan(8);
  });

  it('refuses a stochastic sampler and sizes out of range, by name', async () => {
    const { ctx } = harness();
    await expect(
      runMesh({ ...job, settings: { ...scene, sampler: 'euler-maruyama' } }, ctx),
    ).rejects.toThrow(/stochastic/);
    await expect(runMesh({ ...job, lines: 1 }, ctx)).rejects.toThrow(/lines/);
  });
});

describe('runMeshPath', () => {
  const pathJob: MeshPathJob = {
    kind: 'meshPath',
    settings: scene,
    model: 'exact',
    flowShift: 1,
    point: [0.7, -0.4],
    fraction: 0.35,
  };

  it('passes through the point at its time on both lanes, from t_max to t_min', async () => {
    const { ctx } = harness();
    const { paths, straightness } = await runMeshPath(pathJob, ctx);
    for (const [lane, id] of (['flow', 'vp'] as const).entries()) {
      const process = makeProcess({ process: id, betaSchedule: 'linear', flowShift: 1 });
      const path = paths[lane];
      expect(path).toHaveLength(2 * (PATH_STEPS + 1));
      const up = Math.round(PATH_STEPS * 0.65);
      expect(path[2 * up]).toBeCloseTo(0.7, 5);
      expect(path[2 * up + 1]).toBeCloseTo(-0.4, 5);
      // Solving forward from the path's start at t_max lands on the point again.
      const t = process.tMin + 0.35 * (process.tMax - process.tMin);
      const sMax = process.scale(process.tMax);
      const start = Float64Array.of(path[0] / sMax, path[1] / sMax);
      const back = solvePath(
        ops,
        cachedExactModel('gaussians8').denoise,
        process,
        start,
        uniformTimes(process.tMax, t, up),
      );
      const end = back[up].map((v) => v * process.scale(t));
      expect(Math.hypot(end[0] - 0.7, end[1] + 0.4)).toBeLessThan(1e-2);
      expect(straightness[lane]).toBeGreaterThanOrEqual(1);
    }
  });

  it('at t = t_max the whole path runs forwards', async () => {
    const { ctx } = harness();
    const { paths } = await runMeshPath({ ...pathJob, fraction: 1 }, ctx);
    expect(paths[0][0]).toBeCloseTo(0.7, 6);
    expect(paths[0]).toHaveLength(2 * (PATH_STEPS + 1));
  });

  it('refuses a point that is not finite', async () => {
    const { ctx } = harness();
    await expect(runMeshPath({ ...pathJob, point: [NaN, 0] }, ctx)).rejects.toThrow(/finite/);
  });
});

describe('the lattice nodes', () => {
  it('are where the e2e test reads them: pickPoints of latticeNodes', () => {
    const l = meshLattice(3, 1);
    expect(Array.from(pickPoints(l.points, latticeNodes(l)))).toEqual([
      -1, -1, 0, -1, 1, -1, -1, 0, 0, 0, 1, 0, -1, 1, 0, 1, 1, 1,
    ]);
  });
});
