import { noiseKey } from '../../rng';
import { reverseProbs } from '../posterior';
import { sampleCategorical, tokenStates } from '../sampling';
import { checkDiscreteGrid, discreteRun, isFixed } from './common';
import type { DiscreteSamplerDef } from './types';

/**
 * D3PM ancestral sampling with the x₀-parameterisation (Austin et al. 2021, eq. 4): every free
 * token draws x_s ~ p_θ(x_s | x_t) ∝ Σ_{x̂₀} q(x_s, x_t | x̂₀) p̂(x̂₀ | x_t), independently
 * per position, on any grid of the process (steps skipping timesteps use Q_{s→t}). The
 * 'mixture' form averages the posterior over p̂ instead (posterior.ReverseForm): exact
 * per-position marginals for the exact denoiser on every process.
 */
export const d3pmAncestral: DiscreteSamplerDef<{ form: string }> = {
  id: 'd3pm-ancestral',
  name: 'D3PM ancestral',
  reference: 'Austin et al. 2021, D3PM, eq. 4 (x₀-parameterised reverse process)',
  processes: ['uniform', 'absorbing', 'gaussian'],
  params: [
    {
      key: 'form',
      label: 'Reverse step',
      kind: 'choice',
      choices: ['eq4', 'mixture'],
      tex: String.raw`p_\theta(x_s \mid x_t) \propto \textstyle\sum_{\hat x_0} q(x_s, x_t \mid \hat x_0)\,\hat p(\hat x_0 \mid x_t)\ \text{ or }\ \sum_{\hat x_0} q(x_s \mid x_t, \hat x_0)\,\hat p(\hat x_0 \mid x_t)`,
    },
  ],
  defaults: { form: 'eq4' },
  create(ctx, grid, p) {
    const ts = checkDiscreteGrid(grid, ctx.process, 'd3pm-ancestral');
    if (p.form !== 'eq4' && p.form !== 'mixture') {
      throw new Error(`d3pm-ancestral: form must be "eq4" or "mixture", got "${p.form}"`);
    }
    const form = p.form;
    const { K, mask } = ctx.process;
    return discreteRun(ts, 'd3pm-ancestral', (x, i) => {
      const x0Probs = ctx.denoise(x, ts[i]);
      const next = x.slice();
      const probs = new Float64Array(K);
      for (let l = 0; l < x.length; l++) {
        if (isFixed(ctx, l)) continue;
        const p0 = x0Probs.subarray(l * K, l * K + K);
        reverseProbs(ctx.process, ts[i + 1], ts[i], x[l], p0, probs, form);
        next[l] = sampleCategorical(probs, 0, K, ctx.uniform(noiseKey(i), l));
      }
      return { x: next, x0Probs, nfe: 1, states: tokenStates(x, next, mask, ctx.fixed) };
    });
  },
};
