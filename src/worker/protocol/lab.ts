/**
 * The sampler lab's worker jobs and their frame layouts (Float32Array, one per frame). Both
 * sides use these encoders and decoders, so each layout is written down once, here.
 */
import type { SweepEvent, SweepPoint, SamplerFits } from '../../core/lab/sweep';
import type { OrderFit } from '../../core/lab/order';
import type { SamplerParams } from '../../core/samplers/types';
import type { SceneSettings } from '../../core/scene/settings';
import type { Model2d, Phase } from './';

/** Progress messages of lab jobs use this phase until the protocol has a 'compute' one. */
export const LAB_PHASE: Phase = 'load';

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

/* ---- sweep frames -------------------------------------------------------------------------
 * reference frame: [0, floorSlicedW1, floorEnergy, floorEndpoint, σ_start, σ_end, rtol, atol, referenceNfe, fraction]
 * point frame:     [1, sampler, budget, steps, nfe, endpointError (NaN: stochastic), slicedW1, energy, fraction, ms]
 *                  (ms: the worker's wall time for that run)
 * done result:     per sampler 9 values: (order, lowest NFE fitted, highest NFE fitted) for the
 *                  endpoint error, sliced W1 and energy distance; NaN where no fit.
 */
export function encodeSweepEvent(e: SweepEvent, ms = 0): Float32Array {
  if (e.kind === 'reference') {
    const { floor } = e;
    const r = floor.reference;
    return Float32Array.of(
      0,
      floor.slicedW1,
      floor.energy,
      floor.endpoint,
      r.sigmaStart,
      r.sigmaEnd,
      r.tolerance.rtol,
      r.tolerance.atol,
      r.nfe,
      e.fraction,
    );
  }
  const p = e.point;
  return Float32Array.of(
    1,
    p.sampler,
    p.budget,
    p.steps,
    p.nfe,
    p.endpointError ?? NaN,
    p.slicedW1,
    p.energy,
    e.fraction,
    ms,
  );
}

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

export function decodeSweepFrame(d: Float32Array): SweepFrame {
  if (d[0] === 0) {
    return {
      kind: 'reference',
      floor: { slicedW1: d[1], energy: d[2], endpoint: d[3] },
      sigmaStart: d[4],
      sigmaEnd: d[5],
      rtol: d[6],
      atol: d[7],
      nfe: d[8],
      fraction: d[9],
    };
  }
  const point: SweepPoint = {
    sampler: d[1],
    budget: d[2],
    steps: d[3],
    nfe: d[4],
    endpointError: Number.isNaN(d[5]) ? null : d[5],
    slicedW1: d[6],
    energy: d[7],
  };
  return { kind: 'point', point, fraction: d[8], ms: d[9] };
}

export interface DecodedFit {
  order: number;
  nfeRange: [number, number];
}

const FIT_KEYS = ['endpoint', 'slicedW1', 'energy'] as const;

export function encodeSweepFits(fits: readonly SamplerFits[]): Float32Array {
  const out = new Float32Array(9 * fits.length).fill(NaN);
  fits.forEach((f, s) =>
    FIT_KEYS.forEach((key, m) => {
      const fit: OrderFit | null = f[key];
      if (fit) out.set([fit.order, Math.min(...fit.nfes), Math.max(...fit.nfes)], 9 * s + 3 * m);
    }),
  );
  return out;
}

export function decodeSweepFits(
  d: Float32Array,
): Record<(typeof FIT_KEYS)[number], DecodedFit | null>[] {
  return Array.from({ length: d.length / 9 }, (_, s) => {
    const entry = (m: number): DecodedFit | null =>
      Number.isNaN(d[9 * s + 3 * m])
        ? null
        : { order: d[9 * s + 3 * m], nfeRange: [d[9 * s + 3 * m + 1], d[9 * s + 3 * m + 2]] };
    return { endpoint: entry(0), slicedW1: entry(1), energy: entry(2) };
  });
}

/* ---- likelihood frames ---------------------------------------------------------------------
 * grid rows:  [0, rowStart, rows, nfe, fraction, log p (rows × size, metrics/squareGrid order)]
 * exact:      [1, exact log p_σmin on the whole grid (size²)]
 * nll:        [2, NLL by the ODE (nats/point), exact NLL (nats/point), points, σ_min, σ_max, tolerance, nfe,
 *              NLL by the ODE started from the exact p_σmax instead of N(0, σ_max²I)]
 * elbo:       [3, L_T, L_0, total, T, L_1 … L_{T−1}] (nats/point, means over the points)
 * done result: the model log p on the whole grid (size²).
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

export function encodeLikelihoodFrame(f: LikelihoodFrame): Float32Array {
  const withTail = (head: number[], tail: ArrayLike<number>) => {
    const out = new Float32Array(head.length + tail.length);
    out.set(head);
    out.set(tail, head.length);
    return out;
  };
  switch (f.kind) {
    case 'rows':
      return withTail([0, f.rowStart, f.rows, f.nfe, f.fraction], f.logp);
    case 'exact':
      return withTail([1], f.logp);
    case 'nll':
      return Float32Array.of(
        2,
        f.ode,
        f.exact,
        f.points,
        f.sigmaMin,
        f.sigmaMax,
        f.tolerance,
        f.nfe,
        f.odeExactPrior,
      );
    case 'elbo':
      return withTail([3, f.lT, f.l0, f.total, f.steps], f.lt);
  }
}

export function decodeLikelihoodFrame(d: Float32Array): LikelihoodFrame {
  switch (d[0]) {
    case 0:
      return {
        kind: 'rows',
        rowStart: d[1],
        rows: d[2],
        nfe: d[3],
        fraction: d[4],
        logp: d.slice(5),
      };
    case 1:
      return { kind: 'exact', logp: d.slice(1) };
    case 2:
      return {
        kind: 'nll',
        ode: d[1],
        exact: d[2],
        points: d[3],
        sigmaMin: d[4],
        sigmaMax: d[5],
        tolerance: d[6],
        nfe: d[7],
        odeExactPrior: d[8],
      };
    case 3:
      return { kind: 'elbo', lT: d[1], l0: d[2], total: d[3], steps: d[4], lt: d.slice(5) };
    default:
      throw new Error(`likelihood frame: unknown kind ${d[0]}`);
  }
}

/**
 * The lab's lockstep view (jobs/lockstep.ts): 2 to 6 samplers on one model of the scene's data
 * set at one NFE budget (core/lab/lockstep planLanes), from the same x_T and noise seed, stepped
 * together in σ. Frames are scene frames (protocol.ts) with info.lane = the sampler's index;
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

/** Model2d values in a fixed order, for the encoded result. */
const LOCKSTEP_MODELS: readonly Model2d[] = ['exact', 'mlp', 'fm', 'trained'];

/* ---- lockstep done result -------------------------------------------------------------------
 * [tolerance, referenceNfe, σ_start, σ_end, particles, floorSlicedW1, lanes,
 *  per lane (endpointError (NaN: stochastic), slicedW1), model (index in LOCKSTEP_MODELS),
 *  reference endpoints (2 × particles)]
 */
export function encodeLockstepResult(r: LockstepResult): Float32Array {
  const head = [
    r.tolerance,
    r.referenceNfe,
    r.sigmaStart,
    r.sigmaEnd,
    r.particles,
    r.floorSlicedW1,
    r.lanes.length,
    ...r.lanes.flatMap((l) => [l.endpointError ?? NaN, l.slicedW1]),
    LOCKSTEP_MODELS.indexOf(r.model),
  ];
  const out = new Float32Array(head.length + r.reference.length);
  out.set(head);
  out.set(r.reference, head.length);
  return out;
}

export function decodeLockstepResult(d: Float32Array): LockstepResult {
  const count = d[6];
  const lanes = Array.from({ length: count }, (_, k) => ({
    endpointError: Number.isNaN(d[7 + 2 * k]) ? null : d[7 + 2 * k],
    slicedW1: d[8 + 2 * k],
  }));
  return {
    tolerance: d[0],
    referenceNfe: d[1],
    sigmaStart: d[2],
    sigmaEnd: d[3],
    particles: d[4],
    floorSlicedW1: d[5],
    lanes,
    model: LOCKSTEP_MODELS[d[7 + 2 * count]] ?? 'exact',
    reference: d.slice(8 + 2 * count),
  };
}
