import {
  ABSORBING_ONLY,
  checkDiscreteGrid,
  checkProcessKind,
  discreteRun,
  isFixed,
} from './common';
import type { DiscreteSamplerDef } from './types';
import {
  checkUnmaskParams,
  revealCount,
  UNMASK_DEFAULTS,
  UNMASK_PARAMS,
  unmaskStep,
  type UnmaskParams,
} from './unmask';

/**
 * Confidence-ordered parallel unmasking (MaskGIT, Chang et al. 2022, §3.2, eq. 6 mask
 * schedule; LLaDA low-confidence remasking, Nie et al. 2025, Algorithm 5). Step i reveals
 * k_i = m − round(m·(1 − ᾱ_s)/(1 − ᾱ_t)) of the m masked tokens, so the masked fraction
 * follows the process's schedule (linear for mutual-information / log-linear, MaskGIT's cosine
 * for cosine); with N = L steps on a linear schedule that is one token per step. Order
 * 'random' with sampled candidates is exact for the exact denoiser (any-order autoregression).
 */
export const confidence: DiscreteSamplerDef<UnmaskParams> = {
  id: 'confidence',
  name: 'Confidence-ordered unmasking (MaskGIT / LLaDA)',
  reference: 'Chang et al. 2022, MaskGIT, §3.2; Nie et al. 2025, LLaDA, Algorithm 5',
  processes: ABSORBING_ONLY,
  params: UNMASK_PARAMS,
  defaults: UNMASK_DEFAULTS,
  create(ctx, grid, p) {
    checkProcessKind(ctx, ABSORBING_ONLY, 'confidence');
    checkUnmaskParams(p, 'confidence');
    const ts = checkDiscreteGrid(grid, ctx.process, 'confidence');
    const { mask, schedule } = ctx.process;
    const N = ts.length - 1;
    return discreteRun(ts, 'confidence', (x, i) => {
      const free = [...x.keys()].filter((l) => x[l] === mask && !isFixed(ctx, l));
      const k = revealCount(
        free.length,
        1 - schedule.alphaBar(ts[i]),
        1 - schedule.alphaBar(ts[i + 1]),
      );
      const x0Probs = ctx.denoise(x, ts[i]);
      return unmaskStep(ctx, x, x0Probs, free, k, i, 1 - i / N, p);
    });
  },
};
