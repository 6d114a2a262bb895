import { noiseKey } from '../../rng';
import { reverseSequenceProbs } from '../posterior';
import { sampleCategorical, tokenStates } from '../sampling';
import { checkDiscreteGrid, discreteRun, isFixed } from './common';
import type { DiscreteSamplerDef } from './types';

/**
 * D3PM ancestral sampling with the x₀-parameterisation (Austin et al. 2021, eq. 4): every free
 * token draws x_s ~ p_θ(x_s | x_t) ∝ Σ_{x̂₀} q(x_s, x_t | x̂₀) p̂(x̂₀ | x_t), independently
 * per position, on any grid of the process (steps skipping timesteps use Q_{s→t}).
 */
export const d3pmAncestral: DiscreteSamplerDef<Record<string, never>> = {
  id: 'd3pm-ancestral',
  name: 'D3PM ancestral',
  reference: 'Austin et al. 2021, D3PM, eq. 4 (x₀-parameterised reverse process)',
  processes: ['uniform', 'absorbing', 'gaussian'],
  params: [],
  defaults: {},
  create(ctx, grid) {
    const ts = checkDiscreteGrid(grid, ctx.process, 'd3pm-ancestral');
    const { K, mask } = ctx.process;
    return discreteRun(ts, 'd3pm-ancestral', (x, i) => {
      const x0Probs = ctx.denoise(x, ts[i]);
      const probs = reverseSequenceProbs(ctx.process, ts[i + 1], ts[i], x, x0Probs);
      const next = x.slice();
      for (let l = 0; l < x.length; l++) {
        if (isFixed(ctx, l)) continue;
        next[l] = sampleCategorical(probs, l * K, K, ctx.uniform(noiseKey(i), l));
      }
      return { x: next, x0Probs, nfe: 1, states: tokenStates(x, next, mask, ctx.fixed) };
    });
  },
};
