import { noiseKey } from '../rng';
import { checkGrid, checkStepIndex } from './common';
import type { SamplerContext, SamplerDef, SamplerRun, SamplingGrid } from './types';

export type PcParams = { predictor: string; snr: number; correctorSteps: number };

const MAX_CORRECTOR_STEPS = 4;
/** score_sde's default PC predictor (reverse-diffusion / Euler–Maruyama). */
const DEFAULT_PREDICTOR = 'euler-maruyama';

/**
 * Predictor–corrector sampling (Song et al. 2021, score-SDE, Algorithms 2 and 3): any
 * solver from `predictors` (run with its default parameters) moves σ_i → σ_{i+1}, then M
 * Langevin corrector steps at σ_{i+1}:
 *   g = (D(x, σ) − x)/σ²,  ε = 2(r·‖z‖/‖g‖)²,  x ← x + ε·g + sqrt(2ε)·z.
 * The corrector works in k-diffusion coordinates; the snr rule makes it invariant to the
 * VP scaling s(t), so it matches Algorithm 3 up to that algorithm's α_i ≈ 1 factor. Norms
 * are taken over the whole state (all particles). Corrector step j draws noise stream
 * noiseKey(i, 7 − j), leaving sub-streams 0-3 to the predictor. No corrector runs at σ = 0.
 */
export function createPcSampler(predictors: readonly SamplerDef[]): SamplerDef<PcParams> {
  const byId = new Map(predictors.map((d) => [d.id, d]));
  if (!byId.has(DEFAULT_PREDICTOR))
    throw new Error(`pc: the predictor list lacks "${DEFAULT_PREDICTOR}"`);
  const predictorOf = (id: string) => {
    const def = byId.get(id);
    if (!def)
      throw new Error(
        `pc: unknown predictor "${id}"; choose one of ${[...byId.keys()].join(', ')}`,
      );
    return def;
  };
  return {
    id: 'pc',
    name: 'Predictor–corrector (Langevin)',
    reference: 'Song et al. 2021, score-SDE, Algorithms 2-3 (PC sampling, Langevin corrector)',
    params: [
      {
        key: 'predictor',
        label: 'Predictor',
        kind: 'choice',
        choices: predictors.map((d) => d.id),
        tex: String.raw`x_{i+1} \leftarrow \text{Predictor}(x_i,\ \sigma_i \to \sigma_{i+1})`,
      },
      {
        key: 'snr',
        label: 'Signal-to-noise r',
        kind: 'number',
        min: 0,
        max: 1,
        step: 0.001,
        tex: String.raw`\epsilon = 2\big(r\,\|z\|_2 / \|s_\theta(x, \sigma)\|_2\big)^2,\quad x \leftarrow x + \epsilon\, s_\theta(x,\sigma) + \sqrt{2\epsilon}\, z`,
      },
      {
        key: 'correctorSteps',
        label: 'Corrector steps M',
        kind: 'int',
        min: 0,
        max: MAX_CORRECTOR_STEPS,
        step: 1,
        tex: String.raw`\text{for } j = 1..M:\ x \leftarrow x + \epsilon\, s_\theta(x,\sigma_{i+1}) + \sqrt{2\epsilon}\, z_j`,
      },
    ],
    defaults: { predictor: DEFAULT_PREDICTOR, snr: 0.16, correctorSteps: 1 },
    stochastic: (p) =>
      (p.correctorSteps > 0 && p.snr > 0) ||
      predictorOf(p.predictor).stochastic(predictorOf(p.predictor).defaults),
    nfePerStep: (p) => {
      const pred = predictorOf(p.predictor);
      return pred.nfePerStep(pred.defaults) + p.correctorSteps;
    },
    create<T>(ctx: SamplerContext<T>, grid: SamplingGrid, p: PcParams): SamplerRun<T> {
      const sigmas = checkGrid(grid, 'pc');
      const M = p.correctorSteps;
      if (!Number.isInteger(M) || M < 0 || M > MAX_CORRECTOR_STEPS) {
        throw new Error(`pc: correctorSteps must be 0..${MAX_CORRECTOR_STEPS}, got ${M}`);
      }
      const pred = predictorOf(p.predictor);
      const inner = pred.create(ctx, grid, pred.defaults);
      const { ops } = ctx;
      return {
        step(x, i) {
          checkStepIndex(i, sigmas, 'pc');
          const predicted = inner.step(x, i);
          const sigma = sigmas[i + 1];
          if (sigma === 0 || M === 0) return predicted;
          let state = predicted.x;
          let denoised = predicted.x0;
          for (let j = 0; j < M; j++) {
            denoised = ctx.denoise(state, sigma);
            const grad = ops.lincomb([
              [1 / (sigma * sigma), denoised],
              [-1 / (sigma * sigma), state],
            ]);
            const z = ctx.noise(noiseKey(i, 7 - j));
            const gradMs = ops.meanSquare(grad);
            if (gradMs === 0) continue;
            const eps = 2 * p.snr * p.snr * (ops.meanSquare(z) / gradMs);
            state = ops.lincomb([
              [1, state],
              [eps, grad],
              [Math.sqrt(2 * eps), z],
            ]);
          }
          return {
            x: state,
            x0: denoised,
            derivative: predicted.derivative,
            nfe: predicted.nfe + M,
          };
        },
        history: () => inner.history(),
      };
    },
  };
}
