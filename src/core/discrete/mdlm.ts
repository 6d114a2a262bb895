import { noiseKey, uniformAt } from '../rng';
import type { DiscreteDenoiser } from './exact';
import type { CategoricalProcess } from './process';

function checkAbsorbing(proc: CategoricalProcess, who: string): void {
  if (proc.kind !== 'absorbing') throw new Error(`${who}: needs the absorbing process`);
}

/**
 * MDLM's weight −α'(τ)/(1 − α(τ)) in continuous time τ = u/T ∈ (0, 1], α(τ) = ᾱ(u), so
 * dα/dτ = T·dᾱ/du (1/τ for the log-linear schedule).
 */
export function mdlmWeight(proc: CategoricalProcess, u: number): number {
  const { schedule } = proc;
  return (-schedule.T * schedule.dAlphaBar(u)) / (1 - schedule.alphaBar(u));
}

/**
 * The integrand of MDLM's continuous-time negative ELBO for one draw (Sahoo et al. 2024,
 * eq. 10/11): −α'_τ/(1 − α_τ) Σ_{l : x_t,l = m} log p̂(x₀_l | x_t). Unmasked positions cost
 * nothing under the SUBS parameterisation (carry-over unmasking).
 */
export function mdlmLoss(
  proc: CategoricalProcess,
  u: number,
  x0: Int32Array,
  xt: Int32Array,
  x0Probs: Float64Array,
): number {
  checkAbsorbing(proc, 'mdlmLoss');
  let nll = 0;
  for (let l = 0; l < x0.length; l++) {
    if (xt[l] === proc.mask) nll -= Math.log(x0Probs[l * proc.K + x0[l]]);
  }
  return nll === 0 ? 0 : mdlmWeight(proc, u) * nll;
}

/**
 * Monte Carlo estimate of MDLM's negative ELBO of x₀ (eq. 11): τ stratified over (0, 1)
 * (sample j in ((j − 1)/n, j/n]), each token masked with probability 1 − α(τ). Uniforms come
 * from streams noiseKey(0, 0) (τ) and noiseKey(0, 1) (masks) under `seed`.
 */
export function mdlmElbo(
  proc: CategoricalProcess,
  x0: Int32Array,
  denoise: DiscreteDenoiser,
  samples: number,
  seed: number,
): { mean: number; stderr: number } {
  checkAbsorbing(proc, 'mdlmElbo');
  const { T } = proc.schedule;
  const L = x0.length;
  const xt = new Int32Array(L);
  let sum = 0;
  let sumSq = 0;
  for (let j = 0; j < samples; j++) {
    const u = (T * (j + 1 - uniformAt(seed, noiseKey(0, 0), j))) / samples;
    const masked = 1 - proc.schedule.alphaBar(u);
    for (let l = 0; l < L; l++) {
      xt[l] = uniformAt(seed, noiseKey(0, 1), j * L + l) < masked ? proc.mask : x0[l];
    }
    const v = mdlmLoss(proc, u, x0, xt, denoise(xt, u));
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / samples;
  return { mean, stderr: Math.sqrt(Math.max(0, sumSq / samples - mean * mean) / samples) };
}
