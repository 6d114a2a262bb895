import { describe, expect, it } from 'vitest';
import { mixtureDenoiser } from '../denoisers/gaussianMixture';
import { velocityField } from '../denoisers/velocity';
import { float64Ops as ops } from '../ops';
import { veProcess } from '../schedules/continuous';
import { flowProcess } from '../schedules/flow';
import { makeSigmaGrid } from '../schedules/grid';
import { BENCHMARK_MIXTURE, fitSlope, rmsDifference, solve } from './convergence';
import { SOLVERS, requireSampler } from './registry';
import {
  countingContext,
  gaussianDenoiser,
  initialState,
  meanVar,
  runAll,
} from './sampler.testkit';
import type { SamplerParams, SamplingGrid } from './types';

/**
 * The rectified-flow ODE on Gaussian data N(μ, c²) in 1D, solved exactly: x_τ is Gaussian with
 * mean (1 − τ)μ and std r(τ) = sqrt((1 − τ)²c² + τ²), and the PF-ODE moves each particle
 * to the same standard score, so from x_T at τ = T
 *   x_τ = (1 − τ)μ + (r(τ)/r(T))·(x_T − (1 − T)μ),
 * affine in x_T (in k-diffusion coordinates x/(1 − τ) this is μ + sqrt(c² + σ²)/sqrt(c² + σ_T²)·(x_T − μ)).
 */
const MU = 0.5;
const C = 0.7;
const denoise = gaussianDenoiser([MU], C);
const r = (tau: number) => Math.sqrt((1 - tau) ** 2 * C * C + tau * tau);
function exactFlow(xT: Float64Array, T: number, tau: number): Float64Array {
  return xT.map((v) => (1 - tau) * MU + (r(tau) / r(T)) * (v - (1 - T) * MU));
}

const N = 64;
const TMAX = 1 - 1e-3;
const T_END = 0.05;
/** A time-uniform grid on the (shifted) flow from tMax down to T_END, without the step to σ = 0. */
function truncatedFlowGrid(steps: number, shift: number): SamplingGrid {
  const process = flowProcess({ shift, tMin: T_END, tMax: TMAX });
  return { sigmas: makeSigmaGrid(process, 'time-uniform', steps + 1).sigmas.slice(0, -1), process };
}

/** Start at τ_T = τ(σ_max) in flow coordinates; the samplers take k-diffusion states x = x_τ/(1 − τ). */
function endpointError(id: string, params: SamplerParams, steps: number, shift: number): number {
  const grid = truncatedFlowGrid(steps, shift);
  const p = flowProcess();
  const [tauT, tauEnd] = [p.tOfSigma(grid.sigmas[0]), p.tOfSigma(grid.sigmas[steps])];
  const xT = initialState(1, N, 1).map((v) => v * r(tauT) + (1 - tauT) * MU);
  const start = xT.map((v) => v / (1 - tauT));
  const { x } = solve(requireSampler(id), params, denoise, grid, start);
  return rmsDifference(
    x.map((v) => v * (1 - tauEnd)),
    exactFlow(xT, tauT, tauEnd),
  );
}

describe('rectified-flow ODE on Gaussian data (exact affine solution)', () => {
  it('rk45 at tight tolerance reproduces the closed form', () => {
    expect(endpointError('rk45', { rtol: 1e-10, atol: 1e-10 }, 4, 1)).toBeLessThan(1e-8);
  });

  // Euler is first order. The midpoint rule in process time is third order here: for
  // y' = λ(t)·y its local error is h³(λ³/6 + λ''/24 + λλ'/4) + O(h⁴), which vanishes identically
  // for λ = Q'/(2Q) with Q quadratic, and the Gaussian radius is r = sqrt(Q), Q(τ) quadratic in τ;
  // a time shift makes Q non-quadratic in u and the order drops to the generic 2.
  const cases: [string, SamplerParams, number, number][] = [
    ['euler', {}, 1, 1],
    ['euler', {}, 3, 1],
    ['midpoint', { coordinates: 'process' }, 1, 3],
    ['midpoint', { coordinates: 'process' }, 3, 2],
  ];
  it.each(cases)('%s %o, shift %s, converges at order %s', (id, params, shift, order) => {
    const steps = [64, 128, 256];
    const errors = steps.map((n) => endpointError(id, params, n, shift));
    const measured = -fitSlope(steps.map(Math.log), errors.map(Math.log));
    expect(Math.abs(measured - order)).toBeLessThan(0.05);
  });

  it('Euler in σ is exactly rectified-flow Euler x_τ′ = x_τ + (τ′ − τ)·v(x_τ, τ)', () => {
    const p = flowProcess();
    const grid = truncatedFlowGrid(10, 1);
    const v = velocityField(ops, denoise);
    let x: Float64Array = initialState(2, N, grid.sigmas[0]);
    let xTau: Float64Array = x.map((u) => u * p.scale(p.tOfSigma(grid.sigmas[0])));
    const { steps } = runAll(requireSampler('euler'), countingContext(denoise, 0, N), grid, x, {});
    expect(steps.length).toBe(10);
    for (const [i, r] of steps.entries()) {
      const [t0, t1] = [p.tOfSigma(grid.sigmas[i]), p.tOfSigma(grid.sigmas[i + 1])];
      xTau = ops.lincomb([
        [1, xTau],
        [t1 - t0, v(x, grid.sigmas[i])],
      ]);
      x = r.x;
      expect(
        rmsDifference(
          x.map((u) => u * (1 - t1)),
          xTau,
        ),
      ).toBeLessThan(1e-12);
    }
  });
});

describe('orders on the flow process with non-Gaussian data (the benchmark mixture, RK45 reference)', () => {
  const denoiseMixture = mixtureDenoiser(BENCHMARK_MIXTURE);
  const cases: [string, SamplerParams, number][] = [
    ['euler', {}, 1],
    ['heun', requireSampler('heun').defaults, 2],
    ['midpoint', { coordinates: 'sigma' }, 2],
    ['midpoint', { coordinates: 'process' }, 2],
  ];
  describe.each([1, 3])('time-uniform grid from τ = 0.999 to 0.05, shift %s', (shift) => {
    const start = initialState(1, N, truncatedFlowGrid(8, shift).sigmas[0]);
    const reference = solve(
      requireSampler('rk45'),
      { rtol: 1e-11, atol: 1e-11 },
      denoiseMixture,
      truncatedFlowGrid(8, shift),
      start,
    ).x;
    it.each(cases)('%s %o converges at order %s', (id, params, order) => {
      const steps = [128, 256, 512];
      const errors = steps.map((n) =>
        rmsDifference(
          solve(requireSampler(id), params, denoiseMixture, truncatedFlowGrid(n, shift), start).x,
          reference,
        ),
      );
      const measured = -fitSlope(steps.map(Math.log), errors.map(Math.log));
      expect(Math.abs(measured - order)).toBeLessThan(0.2);
    });
  });
});

describe('midpoint in process coordinates: where it applies', () => {
  it('needs a process, and one where σ = 0 has a finite time (VE has none)', () => {
    const ctx = countingContext(denoise, 0, N);
    const params = { coordinates: 'process' };
    expect(() => requireSampler('midpoint').create(ctx, { sigmas: [2, 1, 0] }, params)).toThrow(
      /process/,
    );
    const ve = { sigmas: [2, 1, 0], process: veProcess() };
    expect(() => requireSampler('midpoint').create(ctx, ve, params)).toThrow(/finite time/);
  });
});

describe('every deterministic solver runs on the flow process', () => {
  const grid = makeSigmaGrid(flowProcess(), 'time-uniform', 40);
  const xT = initialState(3, N, grid.sigmas[0]);
  // The ODE's endpoint at σ = 0 from x_T at σ_max: μ + c/sqrt(c² + σ_max²)·(x_T − μ).
  const exact = xT.map((v) => MU + (C / Math.hypot(C, grid.sigmas[0])) * (v - MU));
  const deterministic = SOLVERS.filter((d) => !d.stochastic(d.defaults)).map((d) => d.id);

  it('includes euler, heun, midpoint, rk45 and dpm-solver', () => {
    expect(deterministic).toEqual(
      expect.arrayContaining(['euler', 'heun', 'midpoint', 'rk45', 'dpm-solver']),
    );
  });

  it.each(deterministic)('%s lands near the exact endpoint in 40 time-uniform steps', (id) => {
    const def = requireSampler(id);
    const { x } = runAll(def, countingContext(denoise, 0, N), grid, xT);
    expect(rmsDifference(x, exact)).toBeLessThan(0.05);
  });
});

describe('Euler–Maruyama on the flow SDE dx = f x dt + g dW (f = −1/(1 − t), g² = 2t/(1 − t))', () => {
  // Started from the exact marginal at σ_max, the reverse SDE keeps the marginals
  // N(μ, c² + σ²) in k-diffusion coordinates; EM's weak error is O(h).
  const n = 20_000;
  const sigmaEnd = 0.05;
  const process = flowProcess();
  const grid: SamplingGrid = {
    sigmas: makeSigmaGrid(process, 'karras', 201, { sigmaMin: sigmaEnd }).sigmas.slice(0, -1),
    process,
  };
  const start = initialState(5, n, 1).map((v) => MU + Math.hypot(C, grid.sigmas[0]) * v);

  it('reaches the marginal N(μ, c² + σ_end²) within sampling error', () => {
    const { x } = runAll(
      requireSampler('euler-maruyama'),
      countingContext(denoise, 9, n),
      grid,
      start,
    );
    const variance = C * C + sigmaEnd * sigmaEnd;
    const m = meanVar(x);
    expect(Math.abs(m.mean - MU)).toBeLessThan(5 * Math.sqrt(variance / n));
    expect(Math.abs(m.variance - variance)).toBeLessThan(5 * variance * Math.sqrt(2 / n) + 0.01);
  });
});
