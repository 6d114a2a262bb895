import { normals } from '../rng';
import { chainStep, type ReverseChain } from './chain';
import {
  logVariance,
  meanFromEps,
  VARIANCE_CHOICES,
  vlbTerm,
  vOfOutput,
  type VarianceChoice,
} from './variance';

/**
 * A network with a learned variance, on flat [n, d] states at a 0-based training timestep:
 * ε̂ and the raw variance outputs o (v = (o + 1)/2), both [n, d].
 */
export type EpsVarianceModel = (
  x: Float64Array,
  netTime: number,
) => { eps: Float64Array; varianceOutput: Float64Array };

/** Stream keys of the sampler's and the bound's noise, apart from the other streams. */
const SAMPLE_STREAM = 0x1dd0_0000;
const BOUND_STREAM = 0x1dd8_0000;

/**
 * Ancestral sampling (Ho et al. 2020, Algorithm 2) on the chain, with the reverse variance
 * chosen per step: learned Σ_θ (Nichol & Dhariwal 2021, eq. 15) or a fixed β or β̃. x_K and
 * each step's noise depend on (seed, step) only, so the three choices share them.
 */
export function ancestralSample(
  model: EpsVarianceModel,
  chain: ReverseChain,
  choice: VarianceChoice,
  particles: number,
  seed: number,
  dim = 2,
): Float64Array {
  const K = chain.alphaBar.length;
  let x = normals(seed, SAMPLE_STREAM, particles * dim);
  for (let i = K; i >= 1; i--) {
    const step = chainStep(chain, i);
    const { eps, varianceOutput } = model(x, chain.netTime[i - 1]);
    const z = i > 1 ? normals(seed, SAMPLE_STREAM + i, x.length) : null;
    const next = new Float64Array(x.length);
    for (let j = 0; j < x.length; j++) {
      const mean = meanFromEps(step, x[j], eps[j]);
      const std = Math.exp(0.5 * logVariance(step, choice, vOfOutput(varianceOutput[j])));
      next[j] = z ? mean + std * z[j] : mean;
    }
    x = next;
  }
  return x;
}

/**
 * The variational bound −log p(x0) ≤ L_K + Σ_{i>1} L_{i−1} + L_0 on the chain (Ho et al. 2020,
 * eq. 5), in nats per point (summed over the d dimensions), averaged over the points, for
 * each variance choice at once (one network call per step serves all three). Each term's
 * expectation over x_i ~ q(x_i | x0) is one seeded draw per point; L_K is closed form.
 */
export function variationalBound(
  model: EpsVarianceModel,
  chain: ReverseChain,
  x0: Float64Array,
  seed: number,
  dim = 2,
): Record<VarianceChoice, number> {
  const n = x0.length / dim;
  const K = chain.alphaBar.length;
  const abK = chain.alphaBar[K - 1];
  // L_K = KL(N(sqrt(ᾱ_K)x0, 1 − ᾱ_K) ‖ N(0, 1)) per dimension.
  let prior = 0;
  for (const v of x0) prior += 0.5 * (abK * v * v - abK - Math.log1p(-abK));
  const total: Record<VarianceChoice, number> = { learned: prior, beta: prior, betaTilde: prior };
  for (let i = 1; i <= K; i++) {
    const step = chainStep(chain, i);
    const eps = normals(seed, BOUND_STREAM + i, x0.length);
    const [a, b] = [Math.sqrt(step.alphaBar), Math.sqrt(1 - step.alphaBar)];
    const xt = x0.map((v, j) => a * v + b * eps[j]);
    const out = model(xt, chain.netTime[i - 1]);
    for (let j = 0; j < xt.length; j++) {
      const mean = meanFromEps(step, xt[j], out.eps[j]);
      const v = vOfOutput(out.varianceOutput[j]);
      for (const choice of VARIANCE_CHOICES)
        total[choice] += vlbTerm(step, i, x0[j], xt[j], mean, logVariance(step, choice, v));
    }
  }
  for (const choice of VARIANCE_CHOICES) total[choice] /= n;
  return total;
}
