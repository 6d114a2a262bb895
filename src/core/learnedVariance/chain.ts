import type { DiscreteVPSchedule } from '../schedules/discreteVP';
import { spacedTimesteps } from '../schedules/spacing';

/**
 * The reverse chain of a discrete VP schedule at K of its T steps, as Improved DDPM samples
 * with fewer steps (Nichol & Dhariwal 2021, §4): visit the trailing-spaced timesteps
 * τ_1 < … < τ_K (τ_K = T, paper indices 1..T; Lin et al. 2024's trailing spacing) and take the
 * chain's own β'_i = 1 − ᾱ_{τ_i}/ᾱ_{τ_{i−1}} (ᾱ_{τ_0} = 1), with its posterior variance
 * β̃'_i = (1 − ᾱ_{τ_{i−1}})/(1 − ᾱ_{τ_i})·β'_i. A learned v interpolates between these
 * respaced bounds (eq. 15 on the new chain), so one network serves every K. K = T is the full
 * chain. Step i (1-based) reads the network at the 0-based training timestep netTime[i − 1].
 */
export interface ReverseChain {
  /** ᾱ at each step i = 1..K (index i − 1). */
  alphaBar: Float64Array;
  /** The 0-based training timestep the network sees at step i (index i − 1). */
  netTime: Int32Array;
}

/** Coefficients of one reverse step x_i → x_{i−1}, all from ᾱ_i and ᾱ_{i−1}. */
export interface ChainStep {
  alphaBar: number;
  alphaBarPrev: number;
  beta: number;
  /** β̃ at this step; at i = 1 (β̃ = 0) the next step's β̃, as Improved DDPM clips it. */
  betaTildeClipped: number;
  /** Posterior mean μ̃ = coefX0·x0 + coefXt·x_t (Ho et al. 2020, eq. 7). */
  coefX0: number;
  coefXt: number;
  /** The model's mean from ε̂: μ_θ = (x_t − epsCoef·ε̂)/sqrt(α_i) (Ho et al. 2020, eq. 11). */
  epsCoef: number;
  sqrtAlpha: number;
}

export function reverseChain(schedule: DiscreteVPSchedule, steps: number): ReverseChain {
  const T = schedule.numTrainTimesteps;
  const ascending = spacedTimesteps('trailing', steps, T).reverse();
  return {
    alphaBar: Float64Array.from(ascending, (k) => schedule.alphasCumprod[k]),
    netTime: Int32Array.from(ascending),
  };
}

const rawStep = (chain: ReverseChain, i: number) => {
  const alphaBar = chain.alphaBar[i - 1];
  const alphaBarPrev = i === 1 ? 1 : chain.alphaBar[i - 2];
  const beta = 1 - alphaBar / alphaBarPrev;
  return { alphaBar, alphaBarPrev, beta, betaTilde: ((1 - alphaBarPrev) / (1 - alphaBar)) * beta };
};

/** Step i (1-based) of the chain. A one-step chain has no β̃ to clip to and keeps β̃ = β. */
export function chainStep(chain: ReverseChain, i: number): ChainStep {
  const { alphaBar, alphaBarPrev, beta, betaTilde } = rawStep(chain, i);
  const K = chain.alphaBar.length;
  const betaTildeClipped = i > 1 ? betaTilde : K > 1 ? rawStep(chain, 2).betaTilde : beta;
  const sqrtAlpha = Math.sqrt(1 - beta);
  return {
    alphaBar,
    alphaBarPrev,
    beta,
    betaTildeClipped,
    coefX0: (Math.sqrt(alphaBarPrev) * beta) / (1 - alphaBar),
    coefXt: (sqrtAlpha * (1 - alphaBarPrev)) / (1 - alphaBar),
    epsCoef: beta / Math.sqrt(1 - alphaBar),
    sqrtAlpha,
  };
}
