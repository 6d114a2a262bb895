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
  UNMASK_DEFAULTS,
  UNMASK_PARAMS,
  unmaskStep,
  type UnmaskParams,
} from './unmask';

export type SemiArParams = UnmaskParams & { block: number };

/**
 * Semi-autoregressive block unmasking (LLaDA, Nie et al. 2025, §2.4 and Algorithm 5 with
 * blocks): the sequence is cut into blocks of `block` tokens, unmasked left to right; block b
 * gets steps ⌊bN/B⌋ … ⌊(b + 1)N/B⌋ − 1 of the N (B blocks, N ≥ B) and reveals its masked
 * tokens in a linear schedule over them, best-scored first. block = 1 with N = L is
 * left-to-right autoregressive decoding; block = L is the confidence sampler on a linear
 * schedule.
 */
export const semiAr: DiscreteSamplerDef<SemiArParams> = {
  id: 'semi-ar',
  name: 'Semi-autoregressive blocks (LLaDA)',
  reference: 'Nie et al. 2025, LLaDA, §2.4 (semi-autoregressive remasking), Algorithm 5',
  processes: ABSORBING_ONLY,
  params: [
    {
      key: 'block',
      label: 'Block length',
      kind: 'int',
      min: 1,
      max: 64,
      step: 1,
      tex: String.raw`x^{b} = (x_{bB}, \dots, x_{bB + B - 1}),\ \text{blocks left to right}`,
    },
    ...UNMASK_PARAMS,
  ],
  defaults: { block: 4, ...UNMASK_DEFAULTS },
  create(ctx, grid, p) {
    checkProcessKind(ctx, ABSORBING_ONLY, 'semi-ar');
    checkUnmaskParams(p, 'semi-ar');
    if (!Number.isInteger(p.block) || p.block < 1) {
      throw new Error(`semi-ar: block must be an integer ≥ 1, got ${p.block}`);
    }
    const ts = checkDiscreteGrid(grid, ctx.process, 'semi-ar');
    const N = ts.length - 1;
    const { mask } = ctx.process;
    return discreteRun(ts, 'semi-ar', (x, i) => {
      const blocks = Math.ceil(x.length / p.block);
      if (N < blocks) throw new Error(`semi-ar: ${N} steps for ${blocks} blocks`);
      let b = 0;
      while (Math.floor(((b + 1) * N) / blocks) <= i) b++;
      const left = Math.floor(((b + 1) * N) / blocks) - i;
      const start = b * p.block;
      const inBlock = [...Array(Math.min(p.block, x.length - start)).keys()].map((j) => start + j);
      const free = inBlock.filter((l) => x[l] === mask && !isFixed(ctx, l));
      const k = free.length - Math.round((free.length * (left - 1)) / left);
      const x0Probs = ctx.denoise(x, ts[i]);
      const firstStep = Math.floor((b * N) / blocks);
      const annealing = 1 - (i - firstStep) / (Math.floor(((b + 1) * N) / blocks) - firstStep);
      return unmaskStep(ctx, x, x0Probs, free, k, i, annealing, p);
    });
  },
};
