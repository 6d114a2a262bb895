import { empiricalDenoiser } from '../denoisers/empirical';
import { float64Host } from '../host';
import { normals, uniformAt } from '../rng';
import type { RunSpec, SteppedRun } from '../samplers/driver';
import { requireSampler } from '../samplers/registry';
import type { SamplerDef, SamplerParams } from '../samplers/types';
import { karrasSigmas } from '../schedules/sigmas';
import type { TangentField } from './exact';
import { ambientNormals, type Manifold } from './manifolds';
import { expOde, geodesicRandomWalk, halfField } from './samplers';
import { embedTorus } from './torus';

/**
 * The manifold view's runs, shared by the worker, the measuring script and the tests: the
 * forward Brownian motion from the data, and four reverse lanes from the same seed's noise
 * (the reverse SDE, the probability-flow ODE, Riemannian flow matching, and the naive ambient
 * diffusion projected back), each a run the driver (core/samplers/driver.ts) steps.
 */

/**
 * Brownian-motion time range per manifold: τ_max leaves the uniform law within e^{−6} of
 * p_τ's slowest mode (S²: e^{−τ}, l = 1; T²: e^{−τ/2}); τ_min = 1e-4 (0.01 rad spread).
 */
export const TAU = {
  sphere: { max: 6, min: 1e-4 },
  torus: { max: 12, min: 1e-4 },
} as const;

/** σ range of the naive lane's VE diffusion in the ambient space (the embedding's diameter 2). */
export const NAIVE_SIGMA = { max: 4, min: 2e-3 } as const;

/** τ_max to τ_min, geometric (N + 1 times). */
export function reverseTimes(m: Manifold, steps: number): number[] {
  const { max, min } = TAU[m.id];
  return Array.from({ length: steps + 1 }, (_, k) => max * (min / max) ** (k / steps));
}

/** Flow matching's t from 0 (uniform) to 1 (data), uniform (N + 1 times). */
export function fmTimes(steps: number): number[] {
  return Array.from({ length: steps + 1 }, (_, k) => k / steps);
}

export const LANE_IDS = ['sde', 'ode', 'fm', 'naive'] as const;
export type LaneId = (typeof LANE_IDS)[number];

export interface Lane {
  id: LaneId;
  run: SteppedRun<Float64Array> | RunSpec<Float64Array>;
  /** The times its frames sit at (τ, flow-matching t, or σ for the naive lane). */
  times: readonly number[];
  /** Its state as manifold points (the naive lane's ambient state projected). */
  onManifold(x: Float64Array): Float64Array;
}

export interface LaneModels {
  score: TangentField;
  velocity: TangentField;
}

export interface RunSizes {
  steps: number;
  particles: number;
  seed: number;
  /** ODE lanes: Heun (true) or Euler. */
  heun: boolean;
}

/** The data's embedding in the ambient space (S² is already there; T² as two circles in R⁴). */
export function embedded(m: Manifold, data: Float64Array): Float64Array {
  return m.id === 'torus' ? embedTorus(data) : data;
}

/** A registry sampler with its default parameters (k-diffusion's Euler and EDM's Heun, no churn). */
function resolved(id: string): { sampler: SamplerDef; params: SamplerParams } {
  const sampler = requireSampler(id);
  return { sampler, params: { ...sampler.defaults } };
}

/** The four reverse lanes from the same noise: x_T of every lane projects to the same points. */
export function reverseLanes(
  m: Manifold,
  data: Float64Array,
  models: LaneModels,
  s: RunSizes,
): Lane[] {
  const z = ambientNormals(m, s.particles, s.seed);
  const start = m.project(z);
  const tau = reverseTimes(m, s.steps);
  const own = (x: Float64Array) => x;
  const stepped = (run: SteppedRun<Float64Array>['run']): SteppedRun<Float64Array> => ({
    care: float64Host,
    run,
    steps: s.steps,
    x: Float64Array.from(start),
  });
  const sigmas = karrasSigmas(s.steps, NAIVE_SIGMA.min, NAIVE_SIGMA.max);
  const naive: RunSpec<Float64Array> = {
    host: float64Host,
    ...resolved(s.heun ? 'heun' : 'euler'),
    grid: { sigmas },
    denoise: empiricalDenoiser(embedded(m, data), m.ambient),
    noise: (key) => normals(s.seed, key, z.length),
    x: z.map((v) => v * NAIVE_SIGMA.max),
  };
  return [
    {
      id: 'sde',
      run: stepped(geodesicRandomWalk(m, models.score, tau, s.seed)),
      times: tau,
      onManifold: own,
    },
    {
      id: 'ode',
      run: stepped(expOde(m, halfField(models.score), tau, s.heun)),
      times: tau,
      onManifold: own,
    },
    {
      id: 'fm',
      run: stepped(expOde(m, models.velocity, fmTimes(s.steps), s.heun, true)),
      times: fmTimes(s.steps),
      onManifold: own,
    },
    { id: 'naive', run: naive, times: sigmas, onManifold: (x) => m.project(x) },
  ];
}

/** `n` data points drawn with replacement by the seed (stream 2³¹ − 1, apart from the noise's). */
export function drawData(m: Manifold, data: Float64Array, n: number, seed: number): Float64Array {
  const count = data.length / m.dim;
  const out = new Float64Array(n * m.dim);
  for (let i = 0; i < n; i++) {
    const j = Math.floor(uniformAt(seed, 0x7fffffff, i) * count);
    for (let d = 0; d < m.dim; d++) out[i * m.dim + d] = data[j * m.dim + d];
  }
  return out;
}

/** Forward Brownian motion from `particles` data points, τ_min to τ_max (the reverse grid reversed). */
export function forwardRun(
  m: Manifold,
  data: Float64Array,
  s: RunSizes,
): { run: SteppedRun<Float64Array>; times: number[] } {
  const times = reverseTimes(m, s.steps).reverse();
  const walk = geodesicRandomWalk(m, null, [0, ...times], s.seed);
  // The first step walks from the data to τ_min; frames then sit at times[0..N].
  return {
    run: {
      care: float64Host,
      run: walk,
      steps: s.steps + 1,
      x: drawData(m, data, s.particles, s.seed),
    },
    times: [0, ...times],
  };
}
