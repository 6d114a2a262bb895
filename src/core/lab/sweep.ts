import { energyDistance, slicedWasserstein1 } from '../metrics';
import { solve } from '../samplers/convergence';
import type { Denoiser, SamplerParams } from '../samplers/types';
import { initialState, makeGrid, makeProcess, resolveSampler } from '../scene/build';
import type { SceneSettings } from '../scene/settings';
import { planBudget } from './budget';
import { fitOrder, type OrderFit } from './order';
import {
  DEFAULT_REFERENCE_TOLERANCE,
  referenceEndpoint,
  type ReferenceEndpoint,
  type ReferenceTolerance,
} from './reference';

export const DEFAULT_BUDGETS: readonly number[] = [4, 6, 8, 12, 16, 24, 32, 48, 64, 100, 200];

export type SweepScene = Pick<
  SceneSettings,
  'dataset' | 'process' | 'betaSchedule' | 'spacing' | 'sigmaGrid' | 'particles' | 'seed'
>;

export interface SweepSpec {
  scene: SweepScene;
  samplers: readonly { id: string; params: SamplerParams }[];
  budgets: readonly number[];
  /** The exact model's denoiser (float64, 2D). */
  denoise: Denoiser<Float64Array>;
  /** A held-out data sample, flat 2 × particles, for the distribution distances. */
  heldOut: Float64Array;
  tolerance?: ReferenceTolerance;
  /** Directions of the sliced W1 (seeded, the same for every point). Default 64. */
  projections?: number;
}

export interface SweepPoint {
  sampler: number;
  budget: number;
  steps: number;
  /** Evaluations the run really spent. */
  nfe: number;
  /** Mean Euclidean distance to the PF-ODE reference endpoint; null for stochastic samplers. */
  endpointError: number | null;
  slicedW1: number;
  energy: number;
}

export interface SamplerFits {
  endpoint: OrderFit | null;
  slicedW1: OrderFit | null;
  energy: OrderFit | null;
}

/** What no sampler can beat: the reference endpoints' own distances to the held-out data. */
export interface SweepFloor {
  slicedW1: number;
  energy: number;
  /** Endpoint errors below this are the reference's own error: 100·max(rtol, atol). */
  endpoint: number;
  reference: Omit<ReferenceEndpoint, 'x' | 'xAtSigmaEnd'>;
}

export type SweepEvent =
  | { kind: 'reference'; floor: SweepFloor; fraction: number }
  | { kind: 'point'; point: SweepPoint; fraction: number };

export interface SweepResult {
  points: SweepPoint[];
  floor: SweepFloor;
  fits: SamplerFits[];
}

const SLICED_SEED = 7;

/**
 * The error-vs-NFE sweep on an exact model: every sampler at every budget (planBudget), all
 * from the same x_T = σ_max·z and seed. Deterministic samplers are scored against the
 * PF-ODE reference (referenceEndpoint; one solve per distinct σ_max, cached), every sampler
 * by sliced W1 and energy distance to the held-out sample. A generator: it yields after the
 * reference and after each point, so the caller reports progress and may stop between
 * points; it returns the points with each sampler's fitted orders (fitOrder: the upper half
 * by NFE of the points above the floor).
 */
export function* sweep(spec: SweepSpec): Generator<SweepEvent, SweepResult> {
  const { scene, budgets } = spec;
  const n = scene.particles;
  if (spec.heldOut.length !== 2 * n)
    throw new Error(`sweep: held-out sample has ${spec.heldOut.length / 2} points, expected ${n}`);
  if (budgets.length === 0 || spec.samplers.length === 0)
    throw new Error('sweep: needs at least one budget and one sampler');
  const samplers = spec.samplers.map((s) => {
    if (s.id === 'ddim-inversion')
      throw new Error('sweep: ddim-inversion maps data to noise; it does not sample');
    return resolveSampler(s.id, s.params);
  });
  const tolerance = spec.tolerance ?? DEFAULT_REFERENCE_TOLERANCE;
  const projections = spec.projections ?? 64;
  const process = makeProcess(scene);
  const sigmaEnd = process.sigma(process.tMin);
  const gridFor = (steps: number) =>
    makeGrid({ ...scene, sampler: '', samplerParams: {}, steps }, process);
  const distances = (x: Float64Array) => ({
    slicedW1: slicedWasserstein1(x, spec.heldOut, { projections, seed: SLICED_SEED }),
    energy: energyDistance(x, spec.heldOut),
  });

  const references = new Map<number, ReferenceEndpoint>();
  const referenceAt = (sigmaMax: number) => {
    let ref = references.get(sigmaMax);
    if (!ref) {
      ref = referenceEndpoint(
        spec.denoise,
        initialState(n, 2, scene.seed, sigmaMax),
        sigmaMax,
        sigmaEnd,
        tolerance,
      );
      references.set(sigmaMax, ref);
    }
    return ref;
  };

  const work = samplers.length * budgets.reduce((a, b) => a + b, 0);
  const first = referenceAt(gridFor(Math.max(...budgets)).sigmas[0]);
  const floor: SweepFloor = {
    ...distances(first.x),
    endpoint: 100 * Math.max(tolerance.rtol, tolerance.atol),
    reference: { sigmaStart: first.sigmaStart, sigmaEnd, tolerance, nfe: first.nfe },
  };
  yield { kind: 'reference', floor, fraction: 0 };

  const points: SweepPoint[] = [];
  let done = 0;
  for (const [index, { def, params }] of samplers.entries()) {
    const deterministic = !def.stochastic(params);
    for (const budget of budgets) {
      const plan = planBudget(def, params, budget, gridFor);
      const grid = gridFor(plan.steps);
      const sigmaMax = grid.sigmas[0];
      const { x, nfe } = solve(
        def,
        params,
        spec.denoise,
        grid,
        initialState(n, 2, scene.seed, sigmaMax),
        scene.seed,
      );
      const point: SweepPoint = {
        sampler: index,
        budget,
        steps: plan.steps,
        nfe,
        endpointError: deterministic ? meanDistance(x, referenceAt(sigmaMax).x) : null,
        ...distances(x),
      };
      points.push(point);
      done += budget;
      yield { kind: 'point', point, fraction: done / work };
    }
  }
  return {
    points,
    floor,
    fits: samplers.map((_, i) =>
      fitsOf(
        points.filter((p) => p.sampler === i),
        floor,
      ),
    ),
  };
}

function fitsOf(points: SweepPoint[], floor: SweepFloor): SamplerFits {
  const line = (value: (p: SweepPoint) => number | null) =>
    points.flatMap((p) => {
      const v = value(p);
      return v === null ? [] : [{ nfe: p.nfe, value: v }];
    });
  const endpoint = line((p) => p.endpointError);
  return {
    endpoint: endpoint.length > 0 ? fitOrder(endpoint, floor.endpoint) : null,
    slicedW1: fitOrder(
      line((p) => p.slicedW1),
      1.5 * floor.slicedW1,
    ),
    energy: fitOrder(
      line((p) => p.energy),
      1.5 * floor.energy,
    ),
  };
}

/** Mean over points of the Euclidean distance |a_i − b_i| (2D, flat). */
export function meanDistance(a: Float64Array, b: Float64Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i += 2) total += Math.hypot(a[i] - b[i], a[i + 1] - b[i + 1]);
  return total / (a.length / 2);
}
