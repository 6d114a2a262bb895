import type { CategoricalProcess } from '../process';
import { noiseKey } from '../../rng';
import { sampleCategorical, tokenStates } from '../sampling';
import { checkDiscreteGrid, checkProcessKind, dataProbs, discreteRun, isFixed } from './common';
import type { DiscreteContext, DiscreteSamplerDef } from './types';

const PROCESSES: readonly CategoricalProcess['kind'][] = ['uniform', 'absorbing'];

/**
 * Jump intensities τ·R̂_u(x → y) of one token (written into out; out[x] = 0), with Campbell
 * et al.'s x₀-parameterised reverse rate R̂_u(x, y) = R_u(y, x) Σ_{x₀} q_u(y|x₀)/q_u(x|x₀)
 * p̂(x₀|x). The forward rates are R_u = β(u)(11ᵀ/K − I) (uniform) and β(u)(1e_mᵀ − I)
 * (absorbing), β(u) = −ᾱ'(u)/ᾱ(u); for the absorbing process the sum collapses to
 * R̂(m → y) = −ᾱ'/(1 − ᾱ)·p̂(y), and unmasked tokens never jump.
 */
function intensities(ctx: DiscreteContext, u: number, tau: number, x: number, p0: Float64Array) {
  const { K, mask, schedule } = ctx.process;
  const a = schedule.alphaBar(u);
  const da = schedule.dAlphaBar(u);
  const out = new Float64Array(K);
  if (mask >= 0) {
    if (x !== mask) return out;
    for (let y = 0; y < K; y++) if (y !== mask) out[y] = (tau * -da * p0[y]) / (1 - a);
    return out;
  }
  if (!(a > 0)) throw new Error(`tau-leaping: ᾱ(${u}) = 0, the uniform reverse rate diverges`);
  const off = (1 - a) / K;
  let ratio = 0;
  for (let x0 = 0; x0 < K; x0++) ratio += p0[x0] / (a * (x0 === x ? 1 : 0) + off);
  for (let y = 0; y < K; y++) {
    if (y === x) continue;
    // Σ_{x₀} q(y|x₀)/q(x|x₀) p̂(x₀) = off·ratio + a·p̂(y)/q(x|y)
    const sum = off * ratio + (a * p0[y]) / off;
    out[y] = tau * (-da / a / K) * sum;
  }
  return out;
}

/**
 * τ-leaping (Campbell et al. 2022, "A Continuous Time Framework for Discrete Denoising
 * Models", §4.1): over a step of length τ = t − s every token's jumps x → y are Poisson with
 * mean τ R̂(x → y), the rates held at the step's midpoint (t + s)/2 (finite even where
 * ᾱ(T) = 0). A token with one jump moves; with two or more the change is rejected and it stays
 * (their treatment of non-ordinal data). On the last step the absorbing process's remaining
 * masks are drawn from p̂(x₀ | x_t) (the final denoising step).
 */
export const tauLeaping: DiscreteSamplerDef<Record<string, never>> = {
  id: 'tau-leaping',
  name: 'τ-leaping (CTMC)',
  reference: 'Campbell et al. 2022, τ-leaping, §4.1 (reverse rate, §3)',
  processes: PROCESSES,
  params: [],
  defaults: {},
  create(ctx, grid) {
    checkProcessKind(ctx, PROCESSES, 'tau-leaping');
    const ts = checkDiscreteGrid(grid, ctx.process, 'tau-leaping');
    const { K, mask } = ctx.process;
    return discreteRun(ts, 'tau-leaping', (x, i) => {
      const x0Probs = ctx.denoise(x, ts[i]);
      const mid = (ts[i] + ts[i + 1]) / 2;
      const tau = ts[i] - ts[i + 1];
      const last = ts[i + 1] === 0;
      const next = x.slice();
      for (let l = 0; l < x.length; l++) {
        if (isFixed(ctx, l)) continue;
        const p0 = x0Probs.subarray(l * K, l * K + K);
        const lambda = intensities(ctx, mid, tau, x[l], p0);
        const total = lambda.reduce((a, b) => a + b, 0);
        const u = ctx.uniform(noiseKey(i, 0), l);
        const none = Math.exp(-total);
        if (u >= none && u < none * (1 + total)) {
          next[l] = sampleCategorical(lambda, 0, K, ctx.uniform(noiseKey(i, 1), l));
        }
        if (last && next[l] === mask) {
          next[l] = sampleCategorical(
            dataProbs(x0Probs, l, K, mask),
            0,
            K,
            ctx.uniform(noiseKey(i, 2), l),
          );
        }
      }
      return { x: next, x0Probs, nfe: 1, states: tokenStates(x, next, mask, ctx.fixed) };
    });
  },
};
