import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { BENCHMARK_MIXTURE } from '../samplers/convergence';
import type { Denoiser } from '../samplers/types';
import {
  empiricalDivergenceModel,
  mixtureDivergenceModel,
  type DivergenceModel,
} from './divergence';
import { empiricalModel } from './empirical';
import { gaussianMixtureModel } from './gaussianMixture';

/** Central-difference divergence of an existing denoiser: Σ_c (D_c(x + h e_c) − D_c(x − h e_c))/2h. */
function numericalDivergence(
  denoise: Denoiser<Float64Array>,
  x: Float64Array,
  sigma: number,
  h: number,
): Float64Array {
  const n = x.length / 2;
  const out = new Float64Array(n);
  for (let c = 0; c < 2; c++) {
    const plus = Float64Array.from(x);
    const minus = Float64Array.from(x);
    for (let p = 0; p < n; p++) {
      plus[2 * p + c] += h;
      minus[2 * p + c] -= h;
    }
    const dp = denoise(plus, sigma);
    const dm = denoise(minus, sigma);
    for (let p = 0; p < n; p++) out[p] += (dp[2 * p + c] - dm[2 * p + c]) / (2 * h);
  }
  return out;
}

function expectAgreement(
  model: DivergenceModel,
  denoise: Denoiser<Float64Array>,
  sigmas: number[],
  spread: number,
) {
  const x = normals(5, 0, 60).map((v) => v * spread);
  for (const sigma of sigmas) {
    const { denoised, divergence } = model.evaluate(x, sigma);
    const reference = denoise(x, sigma);
    for (let i = 0; i < x.length; i++) expect(denoised[i]).toBeCloseTo(reference[i], 10);
    const numeric = numericalDivergence(denoise, x, sigma, 1e-4 * sigma);
    for (let p = 0; p < numeric.length; p++)
      expect(Math.abs(divergence[p] - numeric[p])).toBeLessThan(1e-5 * (1 + Math.abs(numeric[p])));
  }
}

describe('exact denoiser divergence (Tweedie: ∇·D = tr Cov[x0|x]/σ²)', () => {
  it('is d·c/(c + σ²) for Gaussian data N(0, cI)', () => {
    const c = 0.6;
    const model = mixtureDivergenceModel({
      weights: [1],
      means: [[0, 0]],
      covs: [
        [
          [c, 0],
          [0, c],
        ],
      ],
    });
    for (const sigma of [0.01, 0.5, 3]) {
      const { divergence } = model.evaluate(new Float64Array([0.3, -2, 5, 1]), sigma);
      for (const v of divergence) expect(v).toBeCloseTo((2 * c) / (c + sigma * sigma), 13);
    }
  });

  it('matches the finite-difference Jacobian trace of the mixture denoiser', () => {
    expectAgreement(
      mixtureDivergenceModel(BENCHMARK_MIXTURE),
      gaussianMixtureModel(BENCHMARK_MIXTURE).denoise,
      [0.02, 0.2, 1, 10],
      1.2,
    );
  });

  it('matches the finite-difference Jacobian trace of the empirical denoiser', () => {
    const data = normals(8, 1, 200);
    expectAgreement(
      empiricalDivergenceModel(data),
      empiricalModel(data).denoise,
      [0.05, 0.3, 2],
      1,
    );
  });

  it('is the posterior variance over two points: w(1 − w)|a − b|²/σ²', () => {
    const model = empiricalDivergenceModel(new Float64Array([-1, 0, 1, 0]));
    const sigma = 0.7;
    const x = new Float64Array([0.2, 0.4]);
    const w = 1 / (1 + Math.exp(-(2 * 0.2) / (sigma * sigma)));
    expect(model.evaluate(x, sigma).divergence[0]).toBeCloseTo(
      (w * (1 - w) * 4) / (sigma * sigma),
      13,
    );
  });
});
