import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { subVpProcess, veProcess, vpProcess } from '../schedules/continuous';
import { karrasSigmas } from '../schedules/sigmas';
import { analyticDpmWith } from './analytic-dpm';
import { rmsDifference } from './convergence';
import { requireSampler } from './registry';
import {
  countingContext,
  exactGaussianFlow,
  gaussianDenoiser,
  initialState,
  meanVar,
  runAll,
} from './sampler.testkit';
import type { SamplerParams } from './types';

// Data N(μ, c²) in one dimension; every state below is n independent particles.
const MU = 0.5;
const C = 0.7;
const denoise = gaussianDenoiser([MU], C);

/** Both moments within z standard errors of the closed form (sample mean and variance of n draws). */
function expectMoments(x: Float64Array, mean: number, variance: number, z = 5) {
  const m = meanVar(x);
  expect(Math.abs(m.mean - mean)).toBeLessThan(z * Math.sqrt(variance / x.length));
  expect(Math.abs(m.variance - variance)).toBeLessThan(z * variance * Math.sqrt(2 / x.length));
}

describe('probability-flow ODE on Gaussian data (exact solution)', () => {
  // x(σ) = μ + (x_T − μ)·sqrt(c² + σ²)/sqrt(c² + σ_T²): measured orders against the exact endpoint.
  const n = 64;
  const xT = initialState(1, n, 20);
  const exact = exactGaussianFlow(xT, [MU], C, 20, 0.02);
  const endpointError = (id: string, steps: number, params?: SamplerParams) => {
    const def = requireSampler(id);
    const grid = { sigmas: karrasSigmas(steps + 1, 0.02, 20).slice(0, -1) };
    return rmsDifference(
      runAll(def, countingContext(denoise, 0, n), grid, xT, params ?? def.defaults).x,
      exact,
    );
  };
  const cases: [string, SamplerParams | undefined, number, number][] = [
    ['euler', undefined, 1, 0.15],
    ['ddim', { eta: 0 }, 1, 0.15],
    ['heun', undefined, 2, 0.15],
    ['ipndm', undefined, 2, 0.3],
    ['plms', undefined, 2, 0.3],
    ['lms', undefined, 3.7, 0.4],
  ];
  it.each(cases)('%s converges to the exact endpoint at order ≈ %s', (id, params, order, tol) => {
    const errs = [32, 64, 128].map((steps) => endpointError(id, steps, params));
    const measured = Math.log2(errs[0] / errs[2]) / 2;
    expect(Math.abs(measured - order)).toBeLessThan(tol);
  });

  it('rk45 at tight tolerance matches the exact endpoint', () => {
    expect(endpointError('rk45', 4, { rtol: 1e-9, atol: 1e-9 })).toBeLessThan(1e-7);
  });
});

describe('DDPM chain on Gaussian data (Ho et al. 2020, Algorithm 2)', () => {
  const n = 20_000;
  const grid = { sigmas: karrasSigmas(10, 0.01, 20) };

  /** Mean and variance of the VP chain z_{t−1} = (z − β/sqrt(1−ᾱ_t)·ε̂)/sqrt(α) + σ_t·z, with the exact ε̂. */
  function chainMoments(variance: 'beta' | 'beta-tilde') {
    const ab = grid.sigmas.map((s) => 1 / (1 + s * s));
    let mean = 0;
    let v = 1 - ab[0]; // z_T = sqrt(ᾱ_T)·σ_T·ε
    for (let i = 0; i < ab.length - 1; i++) {
      const [abT, abS] = [ab[i], ab[i + 1]];
      const alpha = abT / abS;
      const beta = 1 - alpha;
      // E[ε | z] = sqrt(1−ᾱ)(z − sqrt(ᾱ)μ)/(ᾱc² + 1 − ᾱ): ε̂ = k·z + b.
      const k = Math.sqrt(1 - abT) / (abT * C * C + 1 - abT);
      const b = -k * Math.sqrt(abT) * MU;
      const gain = (1 - (beta / Math.sqrt(1 - abT)) * k) / Math.sqrt(alpha);
      const shift = (-(beta / Math.sqrt(1 - abT)) * b) / Math.sqrt(alpha);
      const noiseVar =
        i === ab.length - 2 ? 0 : variance === 'beta' ? beta : ((1 - abS) / (1 - abT)) * beta;
      mean = gain * mean + shift;
      v = gain * gain * v + noiseVar;
    }
    return { mean, variance: v };
  }

  it.each(['beta', 'beta-tilde'] as const)(
    'variance "%s": 20k samples match the chain’s exact marginal',
    (variance) => {
      const { x } = runAll(
        requireSampler('ddpm'),
        countingContext(denoise, 3, n),
        grid,
        initialState(3, n, 20),
        { variance },
      );
      const exact = chainMoments(variance);
      expectMoments(x, exact.mean, exact.variance);
    },
  );

  it('ancestral identities in k-diffusion coordinates: DDPM(β̃) = Euler ancestral(η=1), DDIM(η) = Euler ancestral(η)', () => {
    const xT = initialState(4, 256, 20);
    const run = (id: string, p: SamplerParams) =>
      runAll(requireSampler(id), countingContext(denoise, 4, 256), grid, xT, p).x;
    expect(
      rmsDifference(
        run('ddpm', { variance: 'beta-tilde' }),
        run('euler-ancestral', { eta: 1, sNoise: 1 }),
      ),
    ).toBeLessThan(1e-12);
    expect(
      rmsDifference(run('ddim', { eta: 0.5 }), run('euler-ancestral', { eta: 0.5, sNoise: 1 })),
    ).toBeLessThan(1e-12);
  });
});

describe('Analytic-DPM with the exact Γ (Bao et al. 2022)', () => {
  // For Gaussian data the optimal Gaussian reverse kernel is the true one, so marginals stay exact
  // at any step count: ε̂ = σ(x − μ)/(c² + σ²) gives Γ(σ) = E ε̂² = σ²/(c² + σ²).
  const n = 20_000;
  const grid = { sigmas: karrasSigmas(4, 0.05, 10) };
  const exactStart = normals(8, 0, n).map((v) => MU + Math.sqrt(C * C + 100) * v);
  const sampler = analyticDpmWith((s) => (s * s) / (C * C + s * s));

  it.each([0, 1])('η = %s: 4 steps from the exact marginal land on N(μ, c²)', (eta) => {
    const { x } = runAll(sampler, countingContext(denoise, 8, n), grid, exactStart, { eta });
    expectMoments(x, MU, C * C);
  });

  it('plain DDPM with the same 4 steps is measurably off (so the test above has teeth)', () => {
    const { x } = runAll(requireSampler('ddpm'), countingContext(denoise, 8, n), grid, exactStart, {
      variance: 'beta-tilde',
    });
    expect(Math.abs(meanVar(x).variance - C * C)).toBeGreaterThan(10 * C * C * Math.sqrt(2 / n));
  });
});

describe('DDIM inversion', () => {
  // Inverting uses ε̂ at the lower level of each step, a first-order mismatch with the sampler:
  // the round trip error is O(1/N) and halves when the step count doubles.
  const n = 256;
  const data = normals(9, 0, n).map((v) => MU + C * v);
  const roundTrip = (steps: number) => {
    const grid = { sigmas: karrasSigmas(steps, 0.002, 10) };
    const ctx = countingContext(denoise, 0, n);
    const latent = runAll(requireSampler('ddim-inversion'), ctx, grid, data).x;
    return rmsDifference(runAll(requireSampler('ddim'), ctx, grid, latent, { eta: 0 }).x, data);
  };
  it('invert-then-sample reconstructs data points on an exact denoiser', () => {
    const [coarse, fine] = [roundTrip(100), roundTrip(200)];
    expect(fine).toBeLessThan(0.02 * C);
    expect(coarse / fine).toBeGreaterThan(1.8);
    expect(coarse / fine).toBeLessThan(2.2);
  });
});

describe('reverse SDE and Langevin samplers reach N(μ, c²)', () => {
  const n = 20_000;
  it.each([
    ['vp', vpProcess()],
    ['sub-vp', subVpProcess()],
    ['ve', veProcess({ sigmaMin: 0.01, sigmaMax: 20 })],
  ] as const)('Euler–Maruyama on the %s SDE, 200 steps uniform in t', (_name, process) => {
    const sigmas = [
      ...Array.from({ length: 200 }, (_, i) => process.sigma(1 - (i * (1 - process.tMin)) / 199)),
      0,
    ];
    const grid = { sigmas, process };
    const x0 = initialState(12, n, sigmas[0]).map(
      (v) => MU + v * Math.sqrt(1 + (C * C) / sigmas[0] ** 2),
    );
    const { x } = runAll(
      requireSampler('euler-maruyama'),
      countingContext(denoise, 12, n),
      grid,
      x0,
    );
    expectMoments(x, MU, C * C, 6);
  });

  it('annealed Langevin matches the closed-form moments of its own linear chain', () => {
    // x ← x + (α/2)(D − x)/σ² + sqrt(α)z with D = μ + k(x − μ), k = c²/(c² + σ²): exact mean/variance recursion.
    const sigmas = karrasSigmas(30, 0.01, 10);
    const def = requireSampler('annealed-langevin');
    const { stepsPerLevel, epsRatio } = def.defaults as { stepsPerLevel: number; epsRatio: number };
    let mean = 0;
    let v = sigmas[0] ** 2;
    for (let i = 0; i < sigmas.length - 2; i++) {
      const s = sigmas[i + 1];
      const alpha = epsRatio * s * s;
      const k = (C * C) / (C * C + s * s);
      const gain = 1 - (alpha / (2 * s * s)) * (1 - k);
      for (let t = 0; t < stepsPerLevel; t++) {
        mean = MU + gain * (mean - MU);
        v = gain * gain * v + alpha;
      }
    }
    const kLast = (C * C) / (C * C + sigmas[sigmas.length - 2] ** 2);
    const { x } = runAll(
      def,
      countingContext(denoise, 14, n),
      { sigmas },
      initialState(14, n, sigmas[0]),
    );
    expectMoments(x, MU + kLast * (mean - MU), kLast * kLast * v);
  });

  it('PC (Euler–Maruyama + Langevin corrector) lands within 5% of N(μ, c²)', () => {
    const grid = {
      sigmas: karrasSigmas(100, 0.01, 10),
      process: veProcess({ sigmaMin: 0.01, sigmaMax: 10 }),
    };
    const { x } = runAll(
      requireSampler('pc'),
      countingContext(denoise, 13, n),
      grid,
      initialState(13, n, 10),
    );
    const m = meanVar(x);
    expect(Math.abs(m.mean - MU)).toBeLessThan(0.02);
    expect(Math.abs(m.variance / (C * C) - 1)).toBeLessThan(0.05);
  });
});
