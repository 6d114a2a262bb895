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

/** The Monte Carlo draws of mdlmElboBatch: B·samples rows, row b·samples + j at time u. */
export interface MdlmDraws {
  u: Float64Array;
  xt: Int32Array;
}

/**
 * The draws of MDLM's ELBO estimate (eq. 11) for B sequences (x0s: B·L tokens): for sequence b,
 * τ stratified over (0, 1) (draw j in ((j − 1)/n, j/n]), each token masked with probability
 * 1 − α(τ), from streams noiseKey(0, 0) (τ) and noiseKey(0, 1) (masks) under seed(b).
 */
export function mdlmDraws(
  proc: CategoricalProcess,
  x0s: Int32Array,
  L: number,
  samples: number,
  seed: (b: number) => number,
): MdlmDraws {
  checkAbsorbing(proc, 'mdlmElbo');
  if (!Number.isInteger(samples) || samples < 1)
    throw new Error(`mdlmElbo: samples must be a positive integer, got ${samples}`);
  const { T } = proc.schedule;
  const B = x0s.length / L;
  const u = new Float64Array(B * samples);
  const xt = new Int32Array(B * samples * L);
  for (let b = 0; b < B; b++) {
    const s = seed(b);
    for (let j = 0; j < samples; j++) {
      const r = b * samples + j;
      u[r] = (T * (j + 1 - uniformAt(s, noiseKey(0, 0), j))) / samples;
      const masked = 1 - proc.schedule.alphaBar(u[r]);
      for (let l = 0; l < L; l++) {
        const x = x0s[b * L + l];
        xt[r * L + l] = uniformAt(s, noiseKey(0, 1), j * L + l) < masked ? proc.mask : x;
      }
    }
  }
  return { u, xt };
}

/**
 * MDLM's negative ELBO per sequence (nats): the mean of the draws' integrands and its standard
 * error, from the model's predictions p̂(x₀ | x_t) at the draws (B·samples·L·K).
 */
export function mdlmElboFromProbs(
  proc: CategoricalProcess,
  x0s: Int32Array,
  L: number,
  samples: number,
  draws: MdlmDraws,
  probs: Float64Array,
): { mean: number; stderr: number }[] {
  const B = x0s.length / L;
  const LK = L * proc.K;
  return Array.from({ length: B }, (_, b) => {
    const x0 = x0s.subarray(b * L, b * L + L);
    let sum = 0;
    let sumSq = 0;
    for (let j = 0; j < samples; j++) {
      const r = b * samples + j;
      const xt = draws.xt.subarray(r * L, r * L + L);
      const v = mdlmLoss(proc, draws.u[r], x0, xt, probs.subarray(r * LK, r * LK + LK));
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / samples;
    return { mean, stderr: Math.sqrt(Math.max(0, sumSq / samples - mean * mean) / samples) };
  });
}

/** Monte Carlo estimate of MDLM's negative ELBO of one x₀ (eq. 11): mdlmDraws under `seed`. */
export function mdlmElbo(
  proc: CategoricalProcess,
  x0: Int32Array,
  denoise: DiscreteDenoiser,
  samples: number,
  seed: number,
): { mean: number; stderr: number } {
  const L = x0.length;
  const draws = mdlmDraws(proc, x0, L, samples, () => seed);
  const LK = L * proc.K;
  const probs = new Float64Array(samples * LK);
  for (let j = 0; j < samples; j++)
    probs.set(denoise(draws.xt.subarray(j * L, j * L + L), draws.u[j]), j * LK);
  return mdlmElboFromProbs(proc, x0, L, samples, draws, probs)[0];
}
