import { noiseKey } from '../../rng';
import { sampleCategorical, tokenStates } from '../sampling';
import {
  ABSORBING_ONLY,
  checkDiscreteGrid,
  checkProcessKind,
  dataProbs,
  discreteRun,
  isFixed,
} from './common';
import type { DiscreteSamplerDef } from './types';

export type MdlmParams = { cache: boolean };

/**
 * Masked ancestral sampling (Sahoo et al. 2024, MDLM, eq. 7 with the SUBS parameterisation):
 * a masked token is revealed with probability (α_s − α_t)/(1 − α_t), drawing its value from
 * p̂(x₀ | x_t) without the mask; revealed tokens are carried over. With `cache`, a step whose
 * input equals the previous step's input reuses that prediction (nfe 0): MDLM's caching
 * (§3.4), exact for a time-independent denoiser, which the exact denoiser of the absorbing
 * process is (Q̄_t's factors are the same for every training sequence).
 */
export const mdlmAncestral: DiscreteSamplerDef<MdlmParams> = {
  id: 'mdlm-ancestral',
  name: 'MDLM masked ancestral',
  reference: 'Sahoo et al. 2024, MDLM, eq. 7 (reverse posterior with carry-over unmasking), §3.4',
  processes: ABSORBING_ONLY,
  params: [
    {
      key: 'cache',
      label: 'Reuse the prediction when nothing changed',
      kind: 'bool',
      tex: String.raw`x_s = x_t \Rightarrow \hat p(x_0 \mid x_s) = \hat p(x_0 \mid x_t)`,
    },
  ],
  defaults: { cache: true },
  create(ctx, grid, p) {
    checkProcessKind(ctx, ABSORBING_ONLY, 'mdlm-ancestral');
    const ts = checkDiscreteGrid(grid, ctx.process, 'mdlm-ancestral');
    const { K, mask, schedule } = ctx.process;
    let last: { x: Int32Array; probs: Float64Array } | undefined;
    const cached = (x: Int32Array) =>
      p.cache && last?.x.every((v, l) => v === x[l]) ? last : null;
    const run = discreteRun(ts, 'mdlm-ancestral', (x, i) => {
      const hit = cached(x);
      const x0Probs = hit ? hit.probs : ctx.denoise(x, ts[i]);
      last = { x: x.slice(), probs: x0Probs };
      const aT = schedule.alphaBar(ts[i]);
      const reveal = (schedule.alphaBar(ts[i + 1]) - aT) / (1 - aT);
      const next = x.slice();
      for (let l = 0; l < x.length; l++) {
        if (isFixed(ctx, l) || x[l] !== mask) continue;
        if (ctx.uniform(noiseKey(i, 0), l) >= reveal) continue;
        const probs = dataProbs(x0Probs, l, K, mask);
        next[l] = sampleCategorical(probs, 0, K, ctx.uniform(noiseKey(i, 1), l));
      }
      return { x: next, x0Probs, nfe: hit ? 0 : 1, states: tokenStates(x, next, mask, ctx.fixed) };
    });
    return { ...run, willDenoise: (x) => cached(x) === null };
  },
};
