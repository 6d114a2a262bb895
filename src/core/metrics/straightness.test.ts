import { describe, expect, it } from 'vitest';
import { mixtureDenoiser } from '../denoisers/gaussianMixture';
import { normals } from '../rng';
import { requireSampler } from '../samplers/registry';
import { countingContext, gaussianDenoiser, runAll } from '../samplers/sampler.testkit';
import type { Denoiser } from '../samplers/types';
import { vpProcess } from '../schedules/continuous';
import { flowProcess } from '../schedules/flow';
import { makeSigmaGrid } from '../schedules/grid';
import type { Process } from '../schedules/process';
import { flowStraightness } from './flowStraightness';
import { straightness, toProcessCoordinates } from './straightness';

describe('straightness (path length / end-to-end distance)', () => {
  it('is 1 on a straight monotone path, whatever the spacing of its points', () => {
    const ts = [0, 0.01, 0.3, 0.31, 0.9, 1];
    const frames = ts.map((t) => Float64Array.from([1 + 2 * t, -1 + t, 5, 5 - 3 * t]));
    const s = straightness(frames, 2);
    expect(s.perParticle[0]).toBeCloseTo(1, 14);
    expect(s.perParticle[1]).toBeCloseTo(1, 14);
    expect(s.mean).toBeCloseTo(1, 14);
  });

  it.each([4, 100, 10_000])(
    'is K·sin(π/2K) → π/2 on a half circle drawn with K chords (K = %s)',
    (K) => {
      const frames = Array.from({ length: K + 1 }, (_, k) => {
        const a = (Math.PI * k) / K;
        return Float64Array.from([3 * Math.cos(a), 3 * Math.sin(a)]);
      });
      const s = straightness(frames, 2).mean;
      expect(s).toBeCloseTo(K * Math.sin(Math.PI / (2 * K)), 12);
      if (K === 10_000) expect(Math.abs(s - Math.PI / 2)).toBeLessThan(1e-7);
    },
  );

  it('averages per particle and is infinite for a closed loop', () => {
    const frames = [
      [0, 0, 0],
      [1, 1, 1],
      [2, 0, 0],
    ].map((f) => Float64Array.from(f));
    const s = straightness(frames, 1);
    expect(s.perParticle[0]).toBeCloseTo(1, 14);
    expect(s.perParticle[1]).toBe(Infinity);
    expect(s.median).toBe(Infinity);
    // Three particles: straight (1), a right angle (√2) and a closed loop (∞); the median is √2.
    const three = [
      [0, 0, 0, 0, 0, 0],
      [1, 0, 1, 0, 1, 1],
      [2, 0, 1, 1, 0, 0],
    ].map((f) => Float64Array.from(f));
    const m = straightness(three, 2);
    expect(m.perParticle[1]).toBeCloseTo(Math.SQRT2, 14);
    expect(m.median).toBeCloseTo(Math.SQRT2, 14);
    expect(m.mean).toBe(Infinity);
    expect(() => straightness([frames[0]], 1)).toThrow(/two frames/);
    expect(() => straightness(frames, 2)).toThrow(/multiple of dim/);
  });
});

/** Run an ODE sampler over a grid and keep every state (k-diffusion coordinates), first frame included. */
function trajectory(
  denoise: Denoiser<Float64Array>,
  process: Process,
  steps: number,
  z: Float64Array,
) {
  const grid = makeSigmaGrid(process, 'time-uniform', steps);
  const xT = z.map((v) => v * grid.sigmas[0]);
  const { steps: taken } = runAll(
    requireSampler('heun'),
    countingContext(denoise, 0, z.length),
    grid,
    xT,
  );
  return toProcessCoordinates(process, grid.sigmas, [xT, ...taken.map((r) => r.x)]);
}

describe('straightness of rectified-flow ODE paths on Gaussian data N(μ, c²I)', () => {
  // Exact paths: x_τ = (1 − τ)μ + (r(τ)/r(T))·(x_T − (1 − T)μ) with r(τ) = sqrt((1 − τ)²c² + τ²).
  // Centred data: every path runs along a ray, radius r(τ) falling from r(T) to its minimum
  // c/sqrt(1 + c²) at τ* = c²/(1 + c²) and rising back to c, so the straightness is
  //   ((r(T) − r_min) + (c − r_min)) / |r(T) − c|   for every particle.
  // It is 1 only for c = 0 (a point mass: the interpolation lines never cross); for c = 1 the
  // path returns almost to where it started.
  const process = flowProcess();
  const T = process.tMax;
  const z = normals(7, 0, 2 * 50);
  const r = (tau: number, c: number) => Math.sqrt((1 - tau) ** 2 * c * c + tau * tau);

  it.each([0.25, 0.5, 2])('c = %s, centred: matches the closed form', (c) => {
    const rMin = c / Math.sqrt(1 + c * c);
    const exact = (r(T, c) - rMin + (c - rMin)) / Math.abs(r(T, c) - c);
    const s = straightness(trajectory(gaussianDenoiser([0, 0], c), process, 400, z), 2);
    expect(exact).toBeGreaterThan(1.01);
    for (const v of s.perParticle) expect(Math.abs(v - exact)).toBeLessThan(1e-3 * exact);
  });

  it('c = 0 (point mass at μ ≠ 0): straight lines, straightness 1', () => {
    const s = straightness(trajectory(gaussianDenoiser([0.5, -1], 0), process, 50, z), 2);
    for (const v of s.perParticle) expect(v).toBeCloseTo(1, 9);
  });

  it('c = 1, centred: the path nearly returns to its start (straightness ≫ 1)', () => {
    expect(
      straightness(trajectory(gaussianDenoiser([0, 0], 1), process, 400, z), 2).mean,
    ).toBeGreaterThan(100);
  });
});

describe('VP probability-flow ODE vs rectified-flow ODE from the same noise', () => {
  // In k-diffusion coordinates both follow the same ODE dx/dσ = (x − D)/σ, so their paths differ
  // only by the scale s(σ) of x_t = s·x: VP s = 1/sqrt(1 + σ²) keeps |x_t| near 1 at high noise,
  // flow s = 1/(1 + σ) makes x_t = (1 − τ)D + τε̂ with both terms linear in τ, and the marginal
  // spread (1 − τ)²c² + τ² dips in between. For centred Gaussian data the VP radius
  // s·sqrt(c² + σ²) = sqrt((c² + σ²)/(1 + σ²)) is monotone, so VP paths are exactly straight
  // (for c = 1 the data is VP's stationary law and the particles stand still).
  const z = normals(3, 0, 2 * 100);

  it.each([0.25, 0.5, 2])(
    'centred Gaussian, c = %s: VP paths are straight (straightness 1)',
    (c) => {
      const s = straightness(trajectory(gaussianDenoiser([0, 0], c), vpProcess(), 200, z), 2);
      for (const v of s.perParticle) expect(v).toBeCloseTo(1, 9);
    },
  );

  it('two-mode mixture: by this (speed-blind) measure VP paths are the straighter ones', () => {
    const denoise = mixtureDenoiser({
      weights: [0.5, 0.5],
      means: [
        [-1.5, 0.5],
        [1.5, -0.5],
      ],
      covs: [
        [
          [0.05, 0],
          [0, 0.05],
        ],
        [
          [0.05, 0],
          [0, 0.05],
        ],
      ],
    });
    const vp = straightness(trajectory(denoise, vpProcess(), 200, z), 2);
    const flow = straightness(trajectory(denoise, flowProcess(), 200, z), 2);
    expect(vp.mean).toBeGreaterThan(1);
    expect(flow.mean).toBeGreaterThan(vp.mean + 0.05);
  });
});

describe('flowStraightness (Liu et al. 2023, eq. 4)', () => {
  const noise = normals(3, 0, 2 * 64);
  const meanSquaredNorm = noise.reduce((a, v) => a + v * v, 0) / 64;

  it('is 0 for a constant velocity, whose Euler paths are straight and exact', () => {
    const c = [0.7, -1.3];
    const v = (x: Float64Array) => x.map((_, j) => c[j % 2]);
    expect(flowStraightness(v, noise, 5)).toBeCloseTo(0, 14);
  });

  it('matches the closed form for v = a·x (paths x(τ) = ε·e^{a(τ−1)}), with first-order Euler error', () => {
    const a = 1.5;
    const v = (x: Float64Array) => x.map((xi) => a * xi);
    // ∫₀¹ (b − a·e^{a(τ−1)})² dτ with b = 1 − e^{−a}, times E‖ε‖².
    const b = 1 - Math.exp(-a);
    const exact = meanSquaredNorm * (-b * b + (a / 2) * (1 - Math.exp(-2 * a)));
    const error = (steps: number) => Math.abs(flowStraightness(v, noise, steps) - exact);
    expect(error(4000)).toBeLessThan(1e-3 * exact);
    expect(error(400) / error(800)).toBeGreaterThan(1.8);
    expect(error(400) / error(800)).toBeLessThan(2.2);
  });

  it('refuses bad steps and ragged noise', () => {
    const v = (x: Float64Array) => x;
    expect(() => flowStraightness(v, noise, 0)).toThrow('steps must be a positive integer');
    expect(() => flowStraightness(v, new Float64Array(3), 2)).toThrow('are not rows of 2');
  });
});
