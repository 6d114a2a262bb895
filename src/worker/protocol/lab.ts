/** The sampler lab's worker jobs, frames and results. */
import type { StepGridRow } from '../../core/lab/stepGrids';
import type { SweepPoint } from '../../core/lab/sweep';
import type { SamplerParams } from '../../core/samplers/types';
import type { SceneSettings } from '../../core/scene/settings';
import type { Model2d } from './scene';

/** Seed of the held-out data sample (the exact empirical model uses 2022, scenes their own seed). */
export const HELD_OUT_SEED = 0x0dd5eed;

/**
 * Error vs NFE on the exact model (core/lab/sweep): the scene's data set, process, grid,
 * particles and seed; its sampler, samplerParams and steps are ignored.
 */
export interface SweepJob {
  kind: 'sweep';
  settings: SceneSettings;
  /** 2 to 6 samplers with their parameters. */
  samplers: { id: string; params: SamplerParams }[];
  /** NFE budgets, e.g. core/lab/sweep DEFAULT_BUDGETS. */
  budgets: number[];
  /** rtol = atol of the RK45 reference (1e-6 is the core default). */
  tolerance: number;
  /** Directions of the sliced W1 (64 is the core default). */
  projections: number;
}

/**
 * Model log-density by the probability-flow ODE (core/lab/likelihood) on a size×size grid over
 * [−extent, extent]², the exact log p_σmin on the same grid, the NLL of held-out data, and on
 * the 'vp-discrete' process the DDPM bound per t (elboPoints > 0).
 */
export interface LikelihoodJob {
  kind: 'likelihood';
  settings: SceneSettings;
  gridSize: number;
  extent: number;
  /** Grid rows per frame. */
  rowsPerFrame: number;
  /** Default: the process's smallest σ, σ(t_min); at least 0.05 on point-set data sets (jobs/likelihood.ts). */
  sigmaMin?: number;
  /** rtol = atol of the Dormand–Prince solve (1e-6 gives ~1e-4 nats on the benchmark mixture). */
  tolerance: number;
  heldOutPoints: number;
  elboPoints: number;
  elboSamples: number;
}

/**
 * A sweep's frames: the reference first (its floors: the reference endpoints' own errors), then
 * one per finished point (ms: the worker's wall time for that run).
 */
export type SweepFrame =
  | {
      kind: 'reference';
      floor: { slicedW1: number; energy: number; endpoint: number };
      sigmaStart: number;
      sigmaEnd: number;
      rtol: number;
      atol: number;
      nfe: number;
      fraction: number;
    }
  | { kind: 'point'; point: SweepPoint; fraction: number; ms: number };

/** An order fitted to a sampler's errors, and the NFE range it was fitted over. */
export interface SweepFit {
  order: number;
  nfeRange: [number, number];
}

/** A sweep's result: per sampler, the fitted order of each error (null where no fit). */
export interface SweepFits {
  endpoint: SweepFit | null;
  slicedW1: SweepFit | null;
  energy: SweepFit | null;
}

/**
 * A likelihood job's frames: grid rows of the model's log p (rows × size, metrics/squareGrid
 * order), the exact log p_σmin on the whole grid, the held-out NLLs (nats/point), and the DDPM
 * bound (nats/point, means over the points; lt holds L_1 … L_{T−1}). It resolves to the model's
 * log p on the whole grid (size²).
 */
export type LikelihoodFrame =
  | {
      kind: 'rows';
      rowStart: number;
      rows: number;
      nfe: number;
      fraction: number;
      logp: Float32Array;
    }
  | { kind: 'exact'; logp: Float32Array }
  | {
      kind: 'nll';
      ode: number;
      exact: number;
      points: number;
      sigmaMin: number;
      sigmaMax: number;
      tolerance: number;
      nfe: number;
      /** The ODE's NLL with the exact prior p_σmax: differs from `exact` by the solver error only. */
      odeExactPrior: number;
    }
  | { kind: 'elbo'; lT: number; l0: number; total: number; steps: number; lt: Float32Array };

/**
 * The lab's lockstep view (jobs/lockstep.ts): 2 to 6 samplers on one model of the scene's data
 * set at one NFE budget (core/lab/lockstep planLanes), from the same x_T and noise seed, stepped
 * together in σ. Frames are scene frames (scene.ts) with info.lane = the sampler's index;
 * the scene's sampler, samplerParams and steps are ignored. The reference and the errors are
 * always the exact model's, so a network's panels show its own error on top of the solver's.
 */
export interface LockstepJob {
  kind: 'lockstep';
  settings: SceneSettings;
  /** The panels' model (default 'exact'); one that cannot be loaded falls back to 'exact' with a notice. */
  model?: Model2d;
  lanes: { id: string; params: SamplerParams }[];
  budget: number;
  fieldSize: number;
  /** rtol = atol of the RK45 reference endpoints. */
  tolerance: number;
  /** The reference and the errors use the first min(particles, this) particles. */
  referenceParticles: number;
}

/** What a lockstep run ends with: the reference endpoints and every lane's error against them. */
export interface LockstepResult {
  tolerance: number;
  referenceNfe: number;
  sigmaStart: number;
  sigmaEnd: number;
  /** Particles the reference and the errors cover (the first ones). */
  particles: number;
  /** The reference endpoints, flat 2 × particles. */
  reference: Float32Array;
  /** The reference endpoints' own sliced W1 to held-out data: what no sampler can beat. */
  floorSlicedW1: number;
  lanes: { endpointError: number | null; slicedW1: number }[];
  /** The model the panels ran on: the job's, or 'exact' when that could not be loaded. */
  model: Model2d;
}

/**
 * The lab's step grids (core/lab/stepGrids): uniform, Karras ρ = 7, log-SNR, the DP subset and
 * the σ search at `intervals` steps over the scene's σ range, each with the sampler's RMS
 * endpoint error at σ_min against the exact model's RK45 reference (64 particles).
 */
export interface GridsJob {
  kind: 'grids';
  settings: SceneSettings;
  sampler: { id: string; params: SamplerParams };
  intervals: number;
}

/**
 * A grids job's frames: each grid as it is done, in STEP_GRID_IDS order (ms: the worker's time for
 * that row), and between them, at most every GRIDS_SEARCH_FRAME_MS, where the σ search stands
 * (sampler runs done, the most it makes, the lowest error so far). A cancelled run ends without
 * the search's row; the rows sent before stay valid.
 */
export type GridsFrame =
  | {
      type: 'row';
      row: StepGridRow;
      sigmaMin: number;
      sigmaMax: number;
      fraction: number;
      ms: number;
    }
  | { type: 'search'; evaluations: number; budget: number; error: number; fraction: number };

/** The least time between two search-progress frames of a grids job. */
export const GRIDS_SEARCH_FRAME_MS = 100;
