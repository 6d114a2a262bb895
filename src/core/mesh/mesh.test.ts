import { describe, expect, it } from 'vitest';
import { mixtureDenoiser } from '../denoisers/gaussianMixture';
import { float64Ops as ops } from '../ops';
import { normals } from '../rng';
import { BENCHMARK_MIXTURE, fitSlope, rmsDifference } from '../samplers/convergence';
import { exactGaussianFlow, gaussianDenoiser } from '../samplers/sampler.testkit';
import { vpProcess } from '../schedules/continuous';
import { flowProcess } from '../schedules/flow';
import { makeSigmaGrid } from '../schedules/grid';
import { DEFAULT_SCENE } from '../scene/settings';
import { comparisonLanes, odeScene } from './lanes';
import { latticeNodes, meshLattice, pickPoints } from './lattice';
import { solvePath, throughTimes, uniformTimes } from './odePath';
import { frameAtTime, frameTimes } from './timeline';

describe('meshLattice', () => {
  const lattice = meshLattice(5, 2, 3);

  it('lays lines × lines nodes on a regular grid over [−L, L]²', () => {
    expect(lattice.perLine).toBe(13);
    expect(lattice.points).toHaveLength(2 * 2 * 5 * 13);
    const nodes = pickPoints(lattice.points, latticeNodes(lattice));
    // Node (i, j) = (−2 + i, −2 + j): row-major from the bottom-left corner.
    for (let j = 0; j < 5; j++)
      for (let i = 0; i < 5; i++) {
        expect(nodes[2 * (5 * j + i)]).toBeCloseTo(-2 + i, 14);
        expect(nodes[2 * (5 * j + i) + 1]).toBeCloseTo(-2 + j, 14);
      }
  });

  it('horizontal lines keep y and vertical lines keep x, and they cross at the nodes', () => {
    const { points, perLine } = lattice;
    for (let j = 0; j < 5; j++) {
      for (let k = 0; k < perLine; k++) {
        expect(points[2 * (j * perLine + k) + 1]).toBeCloseTo(-2 + j, 14);
        expect(points[2 * ((5 + j) * perLine + k)]).toBeCloseTo(-2 + j, 14);
      }
      // Node (j, i) of the vertical line i equals the horizontal line j's point there.
      for (let i = 0; i < 5; i++) {
        const v = 2 * ((5 + i) * perLine + 3 * j);
        const h = 2 * (j * perLine + 3 * i);
        expect(points[v]).toBeCloseTo(points[h], 14);
        expect(points[v + 1]).toBeCloseTo(points[h + 1], 14);
      }
    }
  });

  it('rejects sizes it cannot draw', () => {
    expect(() => meshLattice(1, 1)).toThrow(/2 lines/);
    expect(() => meshLattice(3, 0)).toThrow(/extent/);
    expect(() => meshLattice(3, 1, 0)).toThrow(/perSegment/);
  });
});

describe('frameTimes and frameAtTime', () => {
  const process = flowProcess();
  const grid = makeSigmaGrid(process, 'karras', 6);
  const times = frameTimes(process, grid.sigmas);
  // Frames that move linearly in t: interpolation must reproduce them exactly.
  const frames = times.map((t) => Float64Array.of(3 * t - 1, 2 - t));

  it('labels grid σ by process time, σ = 0 at tMin, in descending order', () => {
    expect(times[0]).toBeCloseTo(process.tMax, 12);
    expect(times[times.length - 1]).toBe(process.tMin);
    for (let k = 1; k < times.length; k++) expect(times[k]).toBeLessThan(times[k - 1]);
  });

  it('is exact on paths linear in t and clamps outside the frames', () => {
    for (const t of [0.9, 0.5, 0.123, 0.01]) {
      const f = frameAtTime(times, frames, t);
      expect(f[0]).toBeCloseTo(3 * t - 1, 5);
      expect(f[1]).toBeCloseTo(2 - t, 5);
    }
    expect(Array.from(frameAtTime(times, frames, 1))).toEqual(
      Array.from(Float32Array.from(frames[0])),
    );
    expect(frameAtTime(times, frames, 0)[0]).toBeCloseTo(3 * process.tMin - 1, 6);
  });

  it('with only some frames streamed, shows the latest one below them', () => {
    expect(frameAtTime(times, frames, 0.01, 2)[0]).toBeCloseTo(frames[1][0], 6);
    expect(() => frameAtTime(times, frames, 0.5, 0)).toThrow(/no frames/);
  });
});

describe('solvePath (Heun on the PF-ODE, either direction)', () => {
  const MU = [0.4, -0.3];
  const C = 0.5;
  const denoise = gaussianDenoiser(MU, C);
  const z = normals(4, 0, 2 * 16);

  it.each([
    ['flow', flowProcess()],
    ['flow, shift 3', flowProcess({ shift: 3 })],
    ['VP', vpProcess()],
  ] as const)('%s: matches the exact Gaussian flow at second order', (_name, process) => {
    const [t0, t1] = [0.9 * process.tMax, 0.05];
    const x0 = z.map((v) => v * process.sigma(t0));
    const exact = exactGaussianFlow(x0, MU, C, process.sigma(t0), process.sigma(t1));
    const steps = [20, 40, 80];
    const errors = steps.map((n) => {
      const path = solvePath(ops, denoise, process, x0, uniformTimes(t0, t1, n));
      expect(path).toHaveLength(n + 1);
      expect(path[0]).toBe(x0);
      return rmsDifference(path[n], exact);
    });
    expect(errors[2]).toBeLessThan(1e-3);
    const order = -fitSlope(steps.map(Math.log), errors.map(Math.log));
    expect(Math.abs(order - 2)).toBeLessThan(0.2);
  });

  it('runs backwards (towards noise) and retraces the forward path', () => {
    const process = flowProcess();
    const mixture = mixtureDenoiser(BENCHMARK_MIXTURE);
    const start = z.map((v) => 0.3 * v);
    const times = uniformTimes(0.3, 0.95, 200);
    const up = solvePath(ops, mixture, process, start, times);
    const down = solvePath(ops, mixture, process, up[200], [...times].reverse());
    expect(rmsDifference(down[200], start)).toBeLessThan(1e-4);
    // Mid-path states agree too, not only the end.
    expect(rmsDifference(down[100], up[100])).toBeLessThan(1e-4);
  });

  it('refuses σ = 0 and infinite σ', () => {
    expect(() => solvePath(ops, denoise, flowProcess(), z, [0.5, 0])).toThrow(/σ/);
    expect(() => solvePath(ops, denoise, flowProcess(), z, [1, 0.5])).toThrow(/σ/);
    expect(() => uniformTimes(0, 1, 0)).toThrow(/steps/);
  });
});

describe('comparisonLanes', () => {
  it('pairs the flow with the scene’s diffusion process, or with VP when the scene is the flow', () => {
    const vp = comparisonLanes({ ...DEFAULT_SCENE, process: 've' }, 2);
    expect(vp.flow).toMatchObject({ process: 'flow', flowShift: 2, steps: DEFAULT_SCENE.steps });
    expect(vp.diffusion.process).toBe('ve');
    expect(vp.diffusion.flowShift).toBeUndefined();
    expect(
      comparisonLanes({ ...DEFAULT_SCENE, process: 'flow', flowShift: 3 }, 1).diffusion.process,
    ).toBe('vp');
  });
});

describe('odeScene', () => {
  it('keeps ODE samplers and replaces stochastic ones (and DDIM inversion) by Heun', () => {
    const euler = { ...DEFAULT_SCENE, sampler: 'euler' };
    expect(odeScene(euler)).toEqual({ scene: euler, replaced: null });
    const churn = odeScene({ ...DEFAULT_SCENE, sampler: 'heun', samplerParams: { sChurn: 5 } });
    expect(churn.scene).toMatchObject({ sampler: 'heun', samplerParams: {} });
    expect(churn.replaced).toBe('Heun (EDM)');
    expect(odeScene({ ...DEFAULT_SCENE, sampler: 'euler-maruyama' }).replaced).not.toBeNull();
    expect(odeScene({ ...DEFAULT_SCENE, sampler: 'ddim-inversion' }).scene.sampler).toBe('heun');
  });
});

describe('throughTimes', () => {
  const process = flowProcess();
  it('runs from tMax to tMin through t, with the steps split by time span', () => {
    const { times, up } = throughTimes(process, 0.25, 100);
    expect(times).toHaveLength(101);
    expect(times[0]).toBeCloseTo(process.tMax, 14);
    expect(times[100]).toBeCloseTo(process.tMin, 14);
    expect(times[up]).toBe(0.25);
    expect(up).toBe(Math.round((100 * (process.tMax - 0.25)) / (process.tMax - process.tMin)));
    for (let k = 1; k < times.length; k++) expect(times[k]).toBeLessThan(times[k - 1]);
  });

  it('at either end solves one way only, and clamps t into the process range', () => {
    expect(throughTimes(process, process.tMax, 10).up).toBe(0);
    expect(throughTimes(process, 0, 10)).toMatchObject({ up: 10 });
    expect(throughTimes(process, 0, 10).times[10]).toBe(process.tMin);
    expect(() => throughTimes(process, NaN, 10)).toThrow(/finite/);
  });
});
