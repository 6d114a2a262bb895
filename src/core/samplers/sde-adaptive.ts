import { attemptNoiseKey } from '../rng';
import { checkGrid, stepOrderGuard, toD } from './common';
import type { SamplerContext, SamplerDef, SamplerRun, SamplingGrid } from './types';

export type SdeAdaptiveParams = { rtol: number; atol: number };

/** The paper's (and its code's) defaults: first step, safety θ and exponent r, in t ∈ [0, 1]. */
const H_INIT = 0.01;
const SAFETY = 0.9;
const EXPONENT = 0.9;
const MAX_ATTEMPTS = 0x10000;

/**
 * "Gotta Go Fast" (Jolicoeur-Martineau et al. 2021, Algorithm 1): the reverse SDE with an
 * Euler–Maruyama step x' = x + K₁ and an improved-Euler (stochastic Heun) step
 * x'' = x + ½(K₁ + K₂) that share one Brownian increment, E₂ = ‖½(K₂ − K₁)/δ‖_RMS with
 * δ = max(ε_abs, ε_rel·max(|x'|, |x'_prev|)), accepting x'' when E₂ ≤ 1 (extrapolation) and
 * setting h ← θ·h·E₂^(−r) from the step h just tried. The SDE is the VE one of the grid, in t = log(σ/σ_min)/log(σ_max/σ_min)
 * (σ(t) geometric, g² = dσ²/dt = 2Lσ², L = log(σ_max/σ_min)), so in x = x₀ + σε coordinates a step
 * t → t − h is K = 2Lh(D(x, σ) − x) + σ√(2Lh)·z; a VP process's reverse SDE is the same one after
 * x = x_t/s(t). One step size for all particles (the paper's code adapts each sample's; here the
 * particles are one state); the state lands exactly on every grid σ, with h and x'_prev carried
 * across intervals; a rejected attempt reuses D(x, σ) and draws a fresh z. The step onto σ = 0
 * is the paper's last denoising step, x ← D(x, σ).
 */
export const sdeAdaptive: SamplerDef<SdeAdaptiveParams> = {
  id: 'sde-adaptive',
  name: 'Adaptive reverse SDE (Gotta Go Fast)',
  reference:
    'Jolicoeur-Martineau et al. 2021, Gotta Go Fast When Generating Data with Score-Based Models, Algorithm 1',
  params: [
    {
      key: 'rtol',
      label: 'ε_rel',
      kind: 'number',
      min: 1e-6,
      max: 0.5,
      step: 1e-6,
      tex: String.raw`\delta = \max\!\big(\epsilon_{\text{abs}},\ \epsilon_{\text{rel}}\max(|x'|, |x'_{\text{prev}}|)\big),\quad E_2 = \Big\|\tfrac{x' - x''}{\delta}\Big\|_{\text{RMS}}`,
    },
    {
      key: 'atol',
      label: 'ε_abs',
      kind: 'number',
      min: 1e-6,
      max: 0.5,
      step: 1e-6,
      tex: String.raw`\delta = \max\!\big(\epsilon_{\text{abs}},\ \epsilon_{\text{rel}}\max(|x'|, |x'_{\text{prev}}|)\big),\quad h \leftarrow \theta\, h\, E_2^{-r}`,
    },
  ],
  defaults: { rtol: 0.05, atol: 0.0078 },
  stochastic: () => true,
  // Nominal: one accepted attempt (D at x, D at x + K₁); the actual count is reported per step.
  nfePerStep: () => 2,
  create<T>(ctx: SamplerContext<T>, grid: SamplingGrid, p: SdeAdaptiveParams): SamplerRun<T> {
    const { ops, denoise } = ctx;
    const sigmas = checkGrid(grid, 'sde-adaptive');
    if (!(p.rtol > 0 && p.atol > 0)) throw new Error('sde-adaptive: ε_rel and ε_abs must be > 0');
    const guard = stepOrderGuard(sigmas, 'sde-adaptive');
    const sigmaMin = Math.min(...sigmas.filter((s) => s > 0));
    const span = Math.log(sigmas[0] / sigmaMin);
    const tOf = (sigma: number) => Math.log(sigma / sigmaMin) / span;
    /** K = 2Lh(D − x) + σ√(2Lh)·z, the reverse VE SDE's Euler–Maruyama increment. */
    const increment = (x: T, d: T, sigma: number, hh: number, z: T) =>
      ops.lincomb([
        [2 * span * hh, d],
        [-2 * span * hh, x],
        [sigma * Math.sqrt(2 * span * hh), z],
      ]);
    let h = H_INIT;
    let xPrev: T | undefined;

    return {
      step(x, i) {
        guard(i);
        xPrev ??= x;
        let d = denoise(x, sigmas[i]);
        const derivative = toD(ops, x, sigmas[i], d);
        if (sigmas[i + 1] === 0) return { x: d, x0: d, derivative, nfe: 1 };
        const end = tOf(sigmas[i + 1]);
        let t = tOf(sigmas[i]);
        let state = x;
        let x0 = d;
        let nfe = 1;
        for (let tries = 0; t > end; tries++) {
          if (tries >= MAX_ATTEMPTS)
            throw new Error(
              `sde-adaptive: no convergence in ${MAX_ATTEMPTS} attempts at step ${i}`,
            );
          const hh = Math.min(h, t - end);
          const next = hh === t - end ? end : t - hh;
          const sigma = sigmaMin * Math.exp(span * t);
          const sigmaNext = next === end ? sigmas[i + 1] : sigmaMin * Math.exp(span * next);
          const z = ctx.noise(attemptNoiseKey(i, tries));
          const k1 = increment(state, d, sigma, hh, z);
          const euler = ops.lincomb([
            [1, state],
            [1, k1],
          ]);
          const dEuler = denoise(euler, sigmaNext);
          nfe++;
          const k2 = increment(euler, dEuler, sigmaNext, hh, z);
          const diff = ops.lincomb([
            [0.5, k2],
            [-0.5, k1],
          ]);
          const error = Math.sqrt(ops.errorNorm(diff, euler, xPrev, p.atol, p.rtol, 'max'));
          h = SAFETY * hh * Math.max(error, 1e-10) ** -EXPONENT;
          if (error > 1) continue;
          xPrev = euler;
          state = ops.lincomb([
            [1, state],
            [0.5, k1],
            [0.5, k2],
          ]);
          x0 = dEuler;
          t = next;
          if (t > end) {
            d = denoise(state, sigmaNext);
            nfe++;
          }
        }
        return { x: state, x0, derivative, nfe };
      },
      history: () => (xPrev === undefined ? [] : [xPrev]),
    };
  },
};
