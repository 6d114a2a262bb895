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

export type RemdmParams = { strategy: string; eta: number };

/**
 * ReMDM remasking sampler (Wang et al. 2025, "Remasking Discrete Diffusion Models with
 * Inference-Time Scaling", §3, the remasking posterior q_σ with x replaced by p̂):
 *   z_t ≠ m: keep z_t with probability 1 − σ_t, else remask;
 *   z_t = m: reveal (a draw from p̂) with probability (α_s − (1 − σ_t)α_t)/(1 − α_t).
 * σ_t ∈ [0, σ_max], σ_max = min(1, (1 − α_s)/α_t), keeps every probability in [0, 1];
 * 'cap' uses σ_t = min(η, σ_max) (ReMDM-cap), 'rescale' σ_t = η·σ_max (ReMDM-rescale).
 * η = 0 is MDLM's ancestral step. The last step (α_s = 1) has σ_max = 0 and reveals all.
 */
export const remdm: DiscreteSamplerDef<RemdmParams> = {
  id: 'remdm',
  name: 'ReMDM remasking',
  reference: 'Wang et al. 2025, ReMDM, §3 (remasking posterior), ReMDM-cap / ReMDM-rescale',
  processes: ABSORBING_ONLY,
  params: [
    {
      key: 'strategy',
      label: 'σ_t schedule',
      kind: 'choice',
      choices: ['cap', 'rescale'],
      tex: String.raw`\sigma_t \in \{\ \min(\eta, \sigma_t^{\max}),\ \ \eta\,\sigma_t^{\max}\ \},\ \ \sigma_t^{\max} = \min\!\big(1, \tfrac{1-\alpha_s}{\alpha_t}\big)`,
    },
    {
      key: 'eta',
      label: 'Remasking η',
      kind: 'number',
      min: 0,
      max: 1,
      step: 0.01,
      tex: String.raw`q_\sigma(z_s \mid z_t = x) = (1 - \sigma_t)\,x + \sigma_t\,m`,
    },
  ],
  defaults: { strategy: 'cap', eta: 0.05 },
  create(ctx, grid, p) {
    checkProcessKind(ctx, ABSORBING_ONLY, 'remdm');
    if (p.strategy !== 'cap' && p.strategy !== 'rescale') {
      throw new Error(`remdm: strategy must be "cap" or "rescale", got "${p.strategy}"`);
    }
    if (!(p.eta >= 0 && p.eta <= 1)) throw new Error(`remdm: eta must be in [0, 1], got ${p.eta}`);
    const ts = checkDiscreteGrid(grid, ctx.process, 'remdm');
    const { K, mask, schedule } = ctx.process;
    return discreteRun(ts, 'remdm', (x, i) => {
      const aT = schedule.alphaBar(ts[i]);
      const aS = schedule.alphaBar(ts[i + 1]);
      const sigmaMax = aT > 0 ? Math.min(1, (1 - aS) / aT) : 1;
      const sigma = p.strategy === 'cap' ? Math.min(p.eta, sigmaMax) : p.eta * sigmaMax;
      const reveal = (aS - (1 - sigma) * aT) / (1 - aT);
      const x0Probs = ctx.denoise(x, ts[i]);
      const next = x.slice();
      for (let l = 0; l < x.length; l++) {
        if (isFixed(ctx, l)) continue;
        const u = ctx.uniform(noiseKey(i, 0), l);
        if (x[l] !== mask) {
          if (u < sigma) next[l] = mask;
        } else if (u < reveal) {
          const probs = dataProbs(x0Probs, l, K, mask);
          next[l] = sampleCategorical(probs, 0, K, ctx.uniform(noiseKey(i, 1), l));
        }
      }
      return { x: next, x0Probs, nfe: 1, states: tokenStates(x, next, mask, ctx.fixed) };
    });
  },
};
