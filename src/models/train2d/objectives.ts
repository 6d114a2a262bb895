import { edmCoefficients } from '../../core/denoisers/edm';
import type { Prediction } from '../../core/denoisers/parameterisation';
import type { DiscreteVPSchedule } from '../../core/schedules/discreteVP';

/**
 * Training objectives for the 2D network on a discrete VP schedule. Every objective draws a
 * time t, noises x0 as x_t = s·(x0 + σε) (s = sqrt(ᾱ_t), σ = sqrt((1 − ᾱ_t)/ᾱ_t)) and
 * minimises mean_i w_i·‖out_i − target_i‖² / 2 (the mean over both coordinates):
 *  - eps, x0, v: the DDPM "L_simple" weighting, w = 1 on the prediction's own error (Ho et al.
 *    2020, eq. 14; v = s·ε − sσ·x0, Salimans & Ho 2022), t ~ U[0, T − 1].
 *  - dsm: denoising score matching for ∇_{x_t} log p_t with the NCSN weighting λ = σ_t² of the
 *    noise std σ_t = sσ in the network's coordinates (Song & Ermon 2019, eq. 6: the target is
 *    −ε/σ_t), t ~ U[0, T − 1].
 *  - edm: Karras et al. 2022 (eq. 2, 8 and Table 1): λ(σ)·‖D(x, σ) − x0‖² with
 *    λ = (σ² + σ_d²)/(σ·σ_d)² and ln σ ~ N(P_mean, P_std²), σ clipped to the schedule's range.
 *    With σ_d = 1 (the data sets are standardised to unit variance) EDM's preconditioning
 *    c_in = 1/sqrt(1 + σ²) = s, c_skip = 1/(1 + σ²), c_out = σ/sqrt(1 + σ²) is exactly the VP
 *    v-parameterisation with F = −v, so the network is saved as a v-net; the loss, written on
 *    v, is λ·c_out²·‖v − v_target‖² (λ·c_out² = 1 here).
 */
export type Objective = 'eps' | 'x0' | 'v' | 'dsm' | 'edm';

export const OBJECTIVES: readonly Objective[] = ['eps', 'x0', 'v', 'dsm', 'edm'];

/** EDM's training distribution of ln σ (Karras et al. 2022, Table 1), and our σ_data. */
export const EDM_P_MEAN = -1.2;
export const EDM_P_STD = 1.2;
export const TRAIN_SIGMA_DATA = 1;

/** What the network's output means once trained with an objective. */
export function predictionOf(objective: Objective): Prediction {
  switch (objective) {
    case 'eps':
    case 'x0':
    case 'v':
      return objective;
    case 'dsm':
      return 'score';
    case 'edm':
      return 'v';
  }
}

/**
 * Training times for a batch, from per-sample uniforms u ∈ (0, 1) (uniform-t objectives) or
 * standard normals z (EDM's log-normal σ).
 */
export function sampleTimes(
  objective: Objective,
  schedule: DiscreteVPSchedule,
  u: ArrayLike<number>,
  z: ArrayLike<number>,
): Float64Array {
  const tMax = schedule.tMax;
  if (objective !== 'edm') return Float64Array.from(u, (v) => v * tMax);
  const lo = schedule.sigma(0);
  const hi = schedule.sigma(tMax);
  return Float64Array.from(z, (v) => {
    const sigma = Math.min(hi, Math.max(lo, Math.exp(EDM_P_MEAN + EDM_P_STD * v)));
    return schedule.tOfSigma(sigma);
  });
}

/** One batch as the network and the loss see it: flat [n, 2] states and targets, [n] times and weights. */
export interface TrainingBatch {
  xt: Float32Array;
  t: Float32Array;
  target: Float32Array;
  weight: Float32Array;
  /** Further per-row arrays a custom loss reads (Trainer.useLoss; hybrid.ts). */
  extra?: Record<string, Float32Array>;
}

/** Noised inputs, targets and weights for data x0 and noise ε (flat [n, 2]) at times t. */
export function makeBatch(
  objective: Objective,
  schedule: DiscreteVPSchedule,
  x0: ArrayLike<number>,
  eps: ArrayLike<number>,
  t: ArrayLike<number>,
): TrainingBatch {
  const n = t.length;
  const batch: TrainingBatch = {
    xt: new Float32Array(2 * n),
    t: Float32Array.from(t),
    target: new Float32Array(2 * n),
    weight: new Float32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const sigma = schedule.sigma(t[i]);
    const s = 1 / Math.sqrt(1 + sigma * sigma);
    const noiseStd = s * sigma;
    batch.weight[i] = objective === 'dsm' ? noiseStd * noiseStd : edmWeight(objective, sigma);
    for (let j = 2 * i; j < 2 * i + 2; j++) {
      batch.xt[j] = s * (x0[j] + sigma * eps[j]);
      batch.target[j] = target(objective, x0[j], eps[j], sigma, s);
    }
  }
  return batch;
}

function target(objective: Objective, x0: number, eps: number, sigma: number, s: number): number {
  switch (objective) {
    case 'eps':
      return eps;
    case 'x0':
      return x0;
    case 'v':
      return s * eps - s * sigma * x0;
    case 'dsm':
      return -eps / (s * sigma);
    case 'edm': {
      // v_target = −F_target = (c_skip·x − x0)/c_out, with x = x0 + σε.
      const { cSkip, cOut } = edmCoefficients(sigma, TRAIN_SIGMA_DATA);
      return (cSkip * (x0 + sigma * eps) - x0) / cOut;
    }
  }
}

/** λ(σ)·c_out(σ)² for EDM (the weight on the output-space error); 1 for the L_simple objectives. */
function edmWeight(objective: Objective, sigma: number): number {
  if (objective !== 'edm') return 1;
  const sd2 = TRAIN_SIGMA_DATA * TRAIN_SIGMA_DATA;
  const lambda = (sigma * sigma + sd2) / (sigma * sigma * sd2);
  return lambda * edmCoefficients(sigma, TRAIN_SIGMA_DATA).cOut ** 2;
}

/** The objective's loss for a batch and network outputs `out` (flat [n, 2]), in float64. */
export function batchLoss(batch: TrainingBatch, out: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < batch.weight.length; i++) {
    const a = out[2 * i] - batch.target[2 * i];
    const b = out[2 * i + 1] - batch.target[2 * i + 1];
    sum += batch.weight[i] * (a * a + b * b);
  }
  return sum / (2 * batch.weight.length);
}
