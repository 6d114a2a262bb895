import type { VarianceChoice } from '../../core/learnedVariance/variance';

/**
 * Settings and reports of the train view's hybrid runs (hybrid.ts), free of tfjs so the
 * worker's protocol and the page can name them.
 */
export interface HybridSettings {
  /** λ of L_simple + λ·L_vlb (Nichol & Dhariwal 2021 use 0.001). */
  lambda: number;
  /** Steps of the reverse chain the snapshots sample and bound with (trailing-spaced, ≤ T). */
  sampleSteps: number;
}

export const DEFAULT_HYBRID_LAMBDA = 0.001;

/** One snapshot's look at the learned variance. */
export interface HybridReport {
  /** Steps of the chain the samples and `bound` used. */
  sampleSteps: number;
  /** Training timesteps (0-based) of the variance curves. */
  times: number[];
  /** Σ_θ at each time, the mean over the probe set and both dimensions; and the fixed β_t, β̃_t. */
  learned: number[];
  beta: number[];
  betaTilde: number[];
  /** The variational bound in nats per point on the probe set, per variance choice. */
  bound: Record<VarianceChoice, number>;
  /** Samples (flat [x, y]) of ancestral sampling with each variance choice, same noise. */
  samples: Record<VarianceChoice, Float32Array>;
}
