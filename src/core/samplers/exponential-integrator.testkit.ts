/**
 * Test helpers for the exponential-integrator samplers, on top of the shared ones
 * (sampler.testkit.ts, convergence.ts, denoisers/gaussianMixture.ts): a 2D mixture, a
 * sampling loop that keeps every step's result, and an RK4 reference solver of the PF-ODE.
 */
import type { GaussianMixture } from '../denoisers/gaussianMixture';
import { float64Host } from '../host';
import { float64Ops } from '../ops';
import { normals } from '../rng';
import { runToEnd } from './driver';
import type { Denoiser, SamplerDef, SamplerParams, StepResult } from './types';

type F64 = Float64Array;

/** A skewed three-component 2D mixture with well-separated, anisotropic modes. */
export const TEST_MIXTURE: GaussianMixture = {
  weights: [0.3, 0.5, 0.2],
  means: [
    [-1, 0.5],
    [1, 1],
    [0.2, -1.2],
  ],
  covs: [
    [
      [0.09, 0.03],
      [0.03, 0.05],
    ],
    [
      [0.04, -0.01],
      [-0.01, 0.12],
    ],
    [
      [0.1, 0],
      [0, 0.1],
    ],
  ],
};

/** Runs every step of a sampler from xT; returns the final state and all step results. */
export function runSampler(
  def: SamplerDef,
  params: SamplerParams,
  sigmas: readonly number[],
  denoise: Denoiser<F64>,
  xT: F64,
  seed = 1,
): { x: F64; steps: StepResult<F64>[] } {
  const steps: StepResult<F64>[] = [];
  const { x } = runToEnd({
    host: float64Host,
    sampler: def,
    params,
    grid: { sigmas },
    denoise,
    noise: (key) => normals(seed, key, xT.length),
    x: xT,
    frame: (_i, r) => {
      steps.push(r);
    },
  });
  return { x, steps };
}

/** Classical RK4 on dx/du = x − D(x, e^u), u = log σ, from σ_max down to σ_min. */
export function rk4Reference(
  denoise: Denoiser<F64>,
  xT: F64,
  sigmaMax: number,
  sigmaMin: number,
  n: number,
): F64 {
  const f = (x: F64, u: number) =>
    float64Ops.lincomb([
      [1, x],
      [-1, denoise(x, Math.exp(u))],
    ]);
  const du = (Math.log(sigmaMin) - Math.log(sigmaMax)) / n;
  let x: F64 = xT;
  for (let j = 0; j < n; j++) {
    const u = Math.log(sigmaMax) + j * du;
    const k1 = f(x, u);
    const k2 = f(
      float64Ops.lincomb([
        [1, x],
        [du / 2, k1],
      ]),
      u + du / 2,
    );
    const k3 = f(
      float64Ops.lincomb([
        [1, x],
        [du / 2, k2],
      ]),
      u + du / 2,
    );
    const k4 = f(
      float64Ops.lincomb([
        [1, x],
        [du, k3],
      ]),
      u + du,
    );
    x = float64Ops.lincomb([
      [1, x],
      [du / 6, k1],
      [du / 3, k2],
      [du / 3, k3],
      [du / 6, k4],
    ]);
  }
  return x;
}
