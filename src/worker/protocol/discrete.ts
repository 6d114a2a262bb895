/** The discrete view's worker jobs (sampling, likelihood) and its probe request. */
import type { SamplerParams } from '../../core/samplers/types';

/** The most sequences one discrete sampling run takes (frames carry count × L tokens). */
export const MAX_DISCRETE_COUNT = 1024;
/** The largest classifier-free guidance W a discrete job takes (the CLI's --guidance bound). */
export const MAX_DISCRETE_GUIDANCE = 20;
/** The most τ draws per name of the likelihood job's ELBO. */
export const MAX_ELBO_SAMPLES = 1024;

/** The discrete data sets: names (a–z, END-padded to 12) and the 8×8 digits (17 grey levels). */
export type DiscreteDataset = 'names' | 'digits';

/**
 * Which model a discrete job runs: 'exact' (the training split's empirical denoiser, over the
 * class's digits when `classId` is set) or the id of a shipped MDLM network of the data set.
 */
export interface DiscreteModelRef {
  dataset: DiscreteDataset;
  model: string;
  /** A digit class 0..9 (digits only); the network is then guided with `guidance`. */
  classId?: number;
  /**
   * Classifier-free guidance W in 0..MAX_DISCRETE_GUIDANCE (1: conditional, 0: unconditional),
   * with `classId` on a network; the exact model ignores it.
   */
  guidance?: number;
  /**
   * Infilling: fixed[l] ≥ 0 is the (data) token at position l for every sequence, −1 where free;
   * length L.
   */
  fixed?: Int32Array;
}

/**
 * Reverse sampling of `count` sequences on the absorbing log-linear process (T = 1000), each
 * from all-mask x_T; sequence j runs under seed discreteSampleSeed(seed, j), as the CLI's
 * `sample --discrete` does (one batch, core's runDiscreteBatch: the same tokens). Frame 0 is x_T,
 * frame i the state after step i; `steps` in 1..1000, `count` in 1..MAX_DISCRETE_COUNT, `seed` a
 * 32-bit unsigned integer; `params` is checked against the sampler's own parameters.
 */
export interface DiscreteSampleJob extends DiscreteModelRef {
  kind: 'discrete-sample';
  sampler: string;
  params: SamplerParams;
  steps: number;
  count: number;
  seed: number;
}

export interface DiscreteFrame {
  /** count × L tokens, row-major. */
  x: Int32Array;
  /** count × L TokenState values (core/discrete/sampling.ts) of the step that produced x. */
  states: Uint8Array;
  /** The timestep x is at (T at frame 0, 0 at the last). */
  t: number;
  /**
   * Model evaluations so far, counted per sequence as its sampler reports them (a batch of B
   * counts B; a step mdlm-ancestral's cache serves counts 0), as the CLI's `nfe`.
   */
  nfe: number;
}

export interface DiscreteSampleResult {
  /** count × L final tokens. */
  x: Int32Array;
  nfe: number;
  /** Wall time of the sampling loop in the worker (model loading excluded). */
  wallTimeMs: number;
}

/**
 * Likelihood on names: MDLM's negative ELBO of a network and the autoregressive model's exact
 * NLL on the first `count` held-out names, in bits per character (letters plus one END, the
 * model cards' denominator); and the exact model's ELBO beside its true NLL on the first
 * `count` training names (held-out names have probability 0 under it). `count` in 1..840 (the
 * held-out set), `samples` in 1..MAX_ELBO_SAMPLES; name i's draws run under
 * discreteSampleSeed(seed, i). A frame follows every batch of names (about every 10%).
 */
export interface DiscreteLikelihoodJob {
  kind: 'discrete-likelihood';
  network: string;
  autoregressive: string;
  count: number;
  /** τ draws per name for the ELBO (stratified). */
  samples: number;
  seed: number;
}

/** Running figures after `done` of `count` names. */
export interface DiscreteLikelihoodFrame {
  done: number;
  elboBitsPerChar: number;
  arBitsPerChar: number;
}

export interface DiscreteLikelihoodResult {
  names: number;
  /** Letters plus one END per name, summed over the held-out names scored. */
  chars: number;
  elboBitsPerChar: number;
  /**
   * Standard error of elboBitsPerChar over names: √n · sd(per-name nats) / chars / ln 2 (0 for
   * one name).
   */
  elboStderr: number;
  arBitsPerChar: number;
  /**
   * The exact model on its own training names: its ELBO and its true NLL, log₂ of the set size per
   * name. Its reverse process is the true one, so the continuous-time bound is tight: the ELBO
   * equals the NLL in expectation and differs by Monte Carlo noise only (either side), whose
   * standard error is `gapStderr`.
   */
  exactTrain: {
    names: number;
    elboBitsPerChar: number;
    nllBitsPerChar: number;
    gapStderr: number;
  };
}

/**
 * Both models' p̂(x₀ | x_t) for one sequence at time t: the exact denoiser's and the network's,
 * L × K row-major with K = levels + 1 (the mask's column 0). Answered outside the run queue.
 * `xt` has L tokens in 0..levels (levels: the mask) and holds the fixed tokens where `fixed` has
 * them; `t` is in 0..1000.
 */
export interface DiscreteProbeRequest {
  dataset: DiscreteDataset;
  network: string;
  classId?: number;
  guidance?: number;
  fixed?: Int32Array;
  xt: Int32Array;
  t: number;
}

export interface DiscreteProbe {
  exact: Float32Array;
  network: Float32Array;
}
