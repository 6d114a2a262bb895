import { noiseKey } from '../rng';
import { alphaBarOfSigma, checkGrid, statelessRun, toD } from './common';
import type { SamplerDef } from './types';

export type AnalyticDpmParams = { eta: number };

/** Γ(σ) = E_q‖ε̂(x, σ)‖²/d, the mean square of the noise prediction over the data-plus-noise marginal. */
export type MeanSquareNorm = (sigma: number) => number;

/**
 * Analytic-DPM's optimal reverse variance for a step t → s (Bao et al. 2022, Theorem 1,
 * with Γ_n of eq. 9), in VP terms with ᾱ = 1/(1+σ²), α = ᾱ_t/ᾱ_s, β̄ = 1 − ᾱ:
 *   σ*² = λ² + (sqrt(β̄_t/α) − sqrt(β̄_s − λ²))²·(1 − Γ),   λ² = η²·β̃_t.
 * Returns the ε̂ coefficient and noise std in k-diffusion coordinates (VP values / sqrt(ᾱ_s)).
 */
export function analyticDpmCoefficients(
  sigmaT: number,
  sigmaS: number,
  eta: number,
  gamma: number,
) {
  const abT = alphaBarOfSigma(sigmaT);
  const abS = alphaBarOfSigma(sigmaS);
  const alpha = abT / abS;
  const lambda2 = eta * eta * ((1 - abS) / (1 - abT)) * (1 - alpha);
  const gap = Math.sqrt((1 - abT) / alpha) - Math.sqrt(Math.max(0, 1 - abS - lambda2));
  const variance = lambda2 + gap * gap * Math.min(1, Math.max(0, 1 - gamma));
  return {
    epsCoef: Math.sqrt(Math.max(0, 1 - abS - lambda2) / abS),
    noiseStd: Math.sqrt(variance / abS),
  };
}

/**
 * Analytic-DPM (Bao et al. 2022): the DDIM/DDPM mean (eq. 12 of Song et al. 2021 with
 * λ_n² = η²β̃_n; η = 1 Analytic-DDPM, η = 0 Analytic-DDIM) with the optimal variance above.
 * It needs Γ(σ): pass `meanSquareNorm` when the model's moments are known (closed form or a
 * Monte Carlo estimate over data, eq. 9); without it, each step estimates Γ from the
 * current particles as meanSquare(ε̂) — the same estimator with the sampler's own
 * particles standing in for q_n (one read-back per step). The optimal variance is also
 * used on the last step, where it equals the posterior variance of x0.
 */
export function analyticDpmWith(meanSquareNorm?: MeanSquareNorm): SamplerDef<AnalyticDpmParams> {
  return {
    id: 'analytic-dpm',
    name: 'Analytic-DPM',
    reference: 'Bao et al. 2022, Analytic-DPM, Theorem 1 and eq. 9 (optimal reverse variance)',
    params: [
      {
        key: 'eta',
        label: 'η (λ² = η²β̃)',
        kind: 'number',
        min: 0,
        max: 1,
        step: 0.01,
        tex: String.raw`\sigma_n^{*2} = \lambda_n^2 + \Big(\sqrt{\tfrac{\bar\beta_n}{\alpha_n}} - \sqrt{\bar\beta_{n-1}-\lambda_n^2}\Big)^2 (1-\Gamma_n),\quad \lambda_n^2 = \eta^2\tilde\beta_n`,
      },
    ],
    defaults: { eta: 1 },
    stochastic: () => true,
    nfePerStep: () => 1,
    create(ctx, grid, p) {
      const sigmas = checkGrid(grid, 'analytic-dpm');
      if (!(p.eta >= 0 && p.eta <= 1))
        throw new Error(`analytic-dpm: eta must be in [0, 1], got ${p.eta}`);
      return statelessRun(sigmas, 'analytic-dpm', (x, i) => {
        const denoised = ctx.denoise(x, sigmas[i]);
        const epsHat = toD(ctx.ops, x, sigmas[i], denoised);
        const gamma = meanSquareNorm ? meanSquareNorm(sigmas[i]) : ctx.ops.meanSquare(epsHat);
        const { epsCoef, noiseStd } = analyticDpmCoefficients(
          sigmas[i],
          sigmas[i + 1],
          p.eta,
          gamma,
        );
        const terms: [number, typeof x][] = [
          [1, denoised],
          [epsCoef, epsHat],
        ];
        if (noiseStd > 0) terms.push([noiseStd, ctx.noise(noiseKey(i, 0))]);
        return { x: ctx.ops.lincomb(terms), x0: denoised, derivative: epsHat, nfe: 1 };
      });
    },
  };
}

/** The registry entry: Γ estimated from the running particles. */
export const analyticDpm = analyticDpmWith();
