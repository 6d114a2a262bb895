/**
 * Measured convergence orders of the diffusers solvers on a closed-form case. For data
 * x0 ~ N(0, s²) the exact noise prediction is ε̂(x, t) = σ_t x / (α_t² s² + σ_t²), the
 * probability-flow ODE keeps x_t / √(α_t² s² + σ_t²) constant, and the reverse SDE keeps
 * the marginal variance α_t² s² + σ_t². We integrate from t = 999 to the midpoint of the
 * linspace grid (t ≈ 500, where λ(t) is smooth) and fit the order from n = 48 → 192 steps.
 */
import { describe, expect, it } from 'vitest';
import { alphasCumprod, makeBetas } from '../schedules/betas';
import type { DiffusersScheduler } from './scheduler';
import { fromDiffusersConfig } from './index';

const ac = alphasCumprod(makeBetas('linear', 1000));
const S2 = 0.25;
const marginalVariance = (t: number) => ac[t] * S2 + (1 - ac[t]);
const exactEps = (x: Float64Array, t: number) =>
  x.map((v) => (Math.sqrt(1 - ac[t]) * v) / marginalVariance(t));

/** Error at the run's midpoint timestep of the ODE solution started from x_T = [1.5, −0.7, 0.3]. */
function odeError(config: Record<string, unknown>, n: number): number {
  const s: DiffusersScheduler = fromDiffusersConfig(config);
  s.setTimesteps(n);
  const [tStart, tEnd] = [s.timesteps[0], s.timesteps[n / 2]];
  const x0 = Float64Array.from([1.5, -0.7, 0.3]);
  let x: Float64Array = x0;
  for (const t of s.timesteps.slice(0, n / 2)) x = s.step(exactEps(x, t), t, x).prevSample;
  const ratio = Math.sqrt(marginalVariance(tEnd) / marginalVariance(tStart));
  return Math.max(...x.map((v, i) => Math.abs(v - x0[i] * ratio)));
}

const order = (errCoarse: number, errFine: number) => Math.log2(errCoarse / errFine) / 2;
const measuredOrder = (config: Record<string, unknown>) =>
  order(odeError(config, 48), odeError(config, 192));

const dpm = (over: Record<string, unknown>) => ({
  _class_name: 'DPMSolverMultistepScheduler',
  final_sigmas_type: 'sigma_min',
  ...over,
});
const single = (over: Record<string, unknown>) => ({
  _class_name: 'DPMSolverSinglestepScheduler',
  final_sigmas_type: 'sigma_min',
  ...over,
});
const unipc = (over: Record<string, unknown>) => ({
  _class_name: 'UniPCMultistepScheduler',
  final_sigmas_type: 'sigma_min',
  ...over,
});
const deis = (over: Record<string, unknown>) => ({
  _class_name: 'DEISMultistepScheduler',
  ...over,
});

describe('diffusers solvers: measured ODE convergence order on Gaussian data', () => {
  const cases: Array<[string, Record<string, unknown>, number]> = [
    ['DPM-Solver++ 1 (DDIM)', dpm({ solver_order: 1 }), 1],
    ['DPM-Solver++(2M) midpoint', dpm({ solver_order: 2 }), 2],
    ['DPM-Solver++(2M) heun', dpm({ solver_order: 2, solver_type: 'heun' }), 2],
    ['DPM-Solver 2 multistep (ε)', dpm({ solver_order: 2, algorithm_type: 'dpmsolver' }), 2],
    ['DPM-Solver++(2S)', single({ solver_order: 2 }), 2],
    ['DPM-Solver-3 singlestep midpoint', single({ solver_order: 3 }), 3],
    ['DPM-Solver-3 singlestep heun', single({ solver_order: 3, solver_type: 'heun' }), 3],
    ['UniPC-1 bh2 (UniP-1 + UniC-1)', unipc({ solver_order: 1 }), 2],
    ['UniPC-2 bh2', unipc({ solver_order: 2 }), 3],
    ['UniPC-2 bh1', unipc({ solver_order: 2, solver_type: 'bh1' }), 3],
    ['DEIS-1 (DDIM)', deis({ solver_order: 1 }), 1],
    ['DEIS-2 log-rho', deis({ solver_order: 2 }), 2],
    ['DEIS-3 log-rho', deis({ solver_order: 3 }), 3],
  ];
  for (const [name, config, expected] of cases) {
    it(`${name}: order ≈ ${expected}`, () => {
      expect(Math.abs(measuredOrder(config) - expected)).toBeLessThan(0.25);
    });
  }

  // The multistep third-order solvers warm up with a first-order step whose O(h²) local
  // error bounds the global order by 2 — still strictly better than 2M at equal steps.
  it('DPM-Solver++(3M) and DPM-Solver 3 multistep: order ≥ 2 and more accurate than 2M', () => {
    for (const algorithm_type of ['dpmsolver++', 'dpmsolver']) {
      expect(measuredOrder(dpm({ solver_order: 3, algorithm_type }))).toBeGreaterThan(1.9);
      expect(odeError(dpm({ solver_order: 3, algorithm_type }), 96)).toBeLessThan(
        odeError(dpm({ solver_order: 2, algorithm_type }), 96) / 2,
      );
    }
  });
});

describe('diffusers solvers: SDE variants keep the forward marginal (weak order 1)', () => {
  /** Propagate the variance exactly: first-order SDE steps are x' = A x + C z for this model. */
  function varianceError(algorithm: string, n: number): number {
    const s = fromDiffusersConfig(dpm({ algorithm_type: algorithm, solver_order: 1 }));
    s.setTimesteps(n);
    let v = marginalVariance(s.timesteps[0]);
    for (const t of s.timesteps.slice(0, n / 2)) {
      const x = Float64Array.from([Math.sqrt(v), 0]);
      const p = s.step(exactEps(x, t), t, x, { noise: Float64Array.from([0, 1]) }).prevSample;
      v = p[0] ** 2 + p[1] ** 2;
    }
    return Math.abs(v - marginalVariance(s.timesteps[n / 2]));
  }

  for (const algorithm of ['sde-dpmsolver++', 'sde-dpmsolver']) {
    it(`${algorithm}: variance error → 0 at order ≈ 1`, () => {
      expect(
        Math.abs(order(varianceError(algorithm, 48), varianceError(algorithm, 192)) - 1),
      ).toBeLessThan(0.2);
    });
  }
});
