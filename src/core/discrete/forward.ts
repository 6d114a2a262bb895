import { uniformAt } from '../rng';
import type { CategoricalProcess } from './process';
import { sampleCategorical } from './sampling';

/** What the forward process did to a token: kept, replaced by another data token, or masked. */
export const ForwardState = { clean: 0, replaced: 1, masked: 2 } as const;

/** Streams of the forward view's uniforms: the keep-or-noise draw and the noise token. */
const KEEP_KEY = 101;
const NOISE_KEY = 102;

/**
 * x_t ~ q(x_t | x₀) = Cat(x₀ Q̄_t) for every token of `x0` (D3PM eq. 2), coupled across t: each
 * token has fixed uniforms under `seed`, so scrubbing t changes as few tokens as the process
 * allows. Uniform and absorbing rows are the mixture ᾱ_t δ_{x₀} + (1 − ᾱ_t) π (π uniform, or the
 * mask): the token is kept while u < ᾱ_t, else it is π's draw from a second uniform, so a token
 * once noised stays noised as t grows. Other processes draw by inverse CDF from their row.
 */
export function forwardSample(
  proc: CategoricalProcess,
  x0: Int32Array,
  t: number,
  seed: number,
): { xt: Int32Array; states: Uint8Array } {
  const { K, mask } = proc;
  const xt = new Int32Array(x0.length);
  const states = new Uint8Array(x0.length);
  const alphaBar = proc.schedule.alphaBar(t);
  for (let l = 0; l < x0.length; l++) {
    const u = uniformAt(seed, KEEP_KEY, l);
    if (proc.kind === 'absorbing') xt[l] = u < alphaBar ? x0[l] : mask;
    else if (proc.kind === 'uniform') {
      xt[l] = u < alphaBar ? x0[l] : Math.min(K - 1, Math.floor(uniformAt(seed, NOISE_KEY, l) * K));
    } else xt[l] = sampleCategorical(proc.row(0, t, x0[l]), 0, K, u);
    states[l] =
      xt[l] === x0[l]
        ? ForwardState.clean
        : xt[l] === mask
          ? ForwardState.masked
          : ForwardState.replaced;
  }
  return { xt, states };
}
