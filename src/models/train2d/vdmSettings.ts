/**
 * Settings and report of the train view's VDM runs (vdmTrainer.ts), free of tfjs so the
 * worker's protocol and the page can name them.
 */
export interface VdmSettings {
  /** Starting endpoints of the learned log-SNR schedule: γ(0) = γ₀ < γ(1) = γ₁ (both learned). */
  gamma0: number;
  gamma1: number;
  /** Hidden units K of the monotone schedule network. */
  width: number;
  /** Adam's learning rate for the schedule's interior (the network and endpoints use the config's). */
  gammaLearningRate: number;
  /** Steps of the sampler on the learned schedule's uniform-t grid. */
  sampleSteps: number;
}

export const DEFAULT_VDM_SETTINGS: VdmSettings = {
  gamma0: -13.3,
  gamma1: 5,
  width: 16,
  gammaLearningRate: 0.02,
  sampleSteps: 50,
};

/** Mean and variance over probe examples of the bound's per-example estimate under one schedule. */
export interface VdmEstimate {
  /** Mean of the per-example bound (nats per point). */
  bound: number;
  /** Mean of the diffusion term L_∞ alone. */
  diffusion: number;
  /** Variance over examples of the per-example bound: the estimator's variance at batch size 1. */
  variance: number;
}

export interface VdmReport {
  /** The learned γ(t) at t = 0, 1/n, …, 1. */
  t: number[];
  gamma: number[];
  /** The endpoints the run started from. */
  startGamma0: number;
  startGamma1: number;
  /** The prior and reconstruction terms (the same under both schedules). */
  prior: number;
  reconstruction: number;
  /** On the same probe examples (x, ε, t): the learned schedule and the linear γ with its endpoints. */
  learned: VdmEstimate;
  linear: VdmEstimate;
  probeCount: number;
  sampleSteps: number;
}
