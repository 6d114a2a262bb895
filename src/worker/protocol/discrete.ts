/** The discrete view's worker jobs (sampling, likelihood) and its probe request. */
import type { SamplerParams } from '../../core/samplers/types';

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
  /** Classifier-free guidance W (1: conditional, 0: unconditional), networks only. */
  guidance?: number;
  /** Infilling: fixed[l] ≥ 0 is the token at position l for every sequence, −1 where free. */
  fixed?: Int32Array;
}

/**
 * Reverse sampling of `count` sequences on the absorbing log-linear process (T = 1000), each
 * from all-mask x_T; sequence j runs under seed discreteSampleSeed(seed, j), as the CLI's
 * `sample --discrete` does. Frame 0 is x_T, frame i the state after step i.
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
  /** Model evaluations so far (one per sequence per evaluation; a batch of B counts B). */
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
 * `count` training names (held-out names have probability 0 under it).
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
  /** Standard error of the ELBO estimate (over names). */
  elboStderr: number;
  arBitsPerChar: number;
  /** The exact model on its own training names: its ELBO and its true NLL, log₂ of the set size. */
  exactTrain: { names: number; elboBitsPerChar: number; nllBitsPerChar: number };
}

/**
 * Both models' p̂(x₀ | x_t) for one sequence at time t: the exact denoiser's and the network's,
 * L × K row-major with K = levels + 1 (the mask's column 0). Answered outside the run queue.
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
