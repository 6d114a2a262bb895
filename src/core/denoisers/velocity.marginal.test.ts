import { describe, expect, it } from 'vitest';
import { float64Ops as ops } from '../ops';
import { normals } from '../rng';
import { gaussianDenoiser } from '../samplers/sampler.testkit';
import { makeProcess, cachedExactModel } from '../scene/build';
import { forwardPoints, noisedLogDensity, timeAtFraction } from '../scene/forward';
import { PROCESS_IDS, type ProcessId } from '../scene/settings';
import { flowProcess, shiftTime } from '../schedules/flow';
import type { Process } from '../schedules/process';
import { predictionFromDenoised } from './parameterisation';
import { denoisedFromVelocity, processVelocity, velocityField } from './velocity';

/**
 * Oracles for the exact velocity fields that use only the exact marginal path, never the
 * velocity formulas: the noised marginal p_t of a data set's exact model is known in closed
 * form (mixture, or the point set convolved with N(0, σ²)), and a velocity field u_t transports
 * it iff the continuity equation ∂_t p_t + ∇·(p_t u_t) = 0 holds, i.e.
 *   ∂_t log p_t + ∇·u_t + u_t·∇log p_t = 0,
 * every term taken here by central finite differences of log p_t and of u_t.
 */

const central = (f: (h: number) => number, h: number) => (f(h) - f(-h)) / (2 * h);

/** log p_t at one point of the process's own coordinates. */
function logP(dataset: string, process: Process, t: number, x: number, y: number): number {
  return noisedLogDensity(cachedExactModel(dataset), Float64Array.of(x, y), process, t)[0];
}

/** The exact velocity u_t(x) in process coordinates: the PF-ODE drift with D of the exact model. */
function velocity(dataset: string, process: Process, t: number, x: number, y: number) {
  const s = process.scale(t);
  const xt = Float64Array.of(x, y);
  const D = cachedExactModel(dataset).denoise(Float64Array.of(x / s, y / s), process.sigma(t));
  return processVelocity(ops, process, t, xt, D);
}

/** ∂_t log p + ∇·u + u·∇log p, and the size of its largest term, at (x, y, t). */
function continuityResidual(dataset: string, process: Process, t: number, x: number, y: number) {
  const ht = 1e-5 * (process.tMax - process.tMin);
  const hx = 1e-4 * Math.max(1, process.scale(t) * process.sigma(t));
  const dtLogP = central((h) => logP(dataset, process, t + h, x, y), ht);
  const gradLogP = [
    central((h) => logP(dataset, process, t, x + h, y), hx),
    central((h) => logP(dataset, process, t, x, y + h), hx),
  ];
  const divU =
    central((h) => velocity(dataset, process, t, x + h, y)[0], hx) +
    central((h) => velocity(dataset, process, t, x, y + h)[1], hx);
  const u = velocity(dataset, process, t, x, y);
  const transport = u[0] * gradLogP[0] + u[1] * gradLogP[1];
  return {
    residual: dtLogP + divU + transport,
    scale: Math.max(Math.abs(dtLogP), Math.abs(divU), Math.abs(transport)),
  };
}

describe('exact velocity fields transport the exact marginal path (continuity equation)', () => {
  // gaussians8 is a Gaussian mixture; moons uses the empirical model of its point set.
  const cases: [string, ProcessId, number][] = [];
  for (const dataset of ['gaussians8', 'moons'])
    for (const process of PROCESS_IDS)
      for (const shift of [1, 3]) {
        if (process === 'flow' || shift === 1) cases.push([dataset, process, shift]);
      }

  it.each(cases)('%s, %s (shift %s)', (dataset, processId, shift) => {
    const process = makeProcess({ process: processId, betaSchedule: 'linear', flowShift: shift });
    let largest = 0;
    for (const fraction of [0.15, 0.4, 0.7]) {
      const t = timeAtFraction(process, fraction);
      const pts = forwardPoints(dataset, 4, 11, process, t);
      for (let p = 0; p < 4; p++) {
        const { residual, scale } = continuityResidual(
          dataset,
          process,
          t,
          pts[2 * p],
          pts[2 * p + 1],
        );
        expect(Math.abs(residual)).toBeLessThan(2e-5 * scale + 1e-10);
        largest = Math.max(largest, scale * (process.tMax - process.tMin));
      }
    }
    // The terms are not all negligible (rates per unit of the time fraction, so that
    // vp-discrete's t = 0..999 compares with the others).
    expect(largest).toBeGreaterThan(0.05);
  });

  it('on the flow the field is E[ε − x0 | x_τ]: velocityField in (x_τ, τ) satisfies it too', () => {
    const process = flowProcess();
    const model = cachedExactModel('gaussians8');
    const tau = 0.45;
    const v = (x: number, y: number) =>
      velocityField(ops, model.denoise)(
        Float64Array.of(x / (1 - tau), y / (1 - tau)),
        process.sigma(tau),
      );
    const [x, y] = forwardPoints('gaussians8', 1, 3, process, tau);
    const h = 1e-4;
    const dtLogP = central((k) => logP('gaussians8', process, tau + k, x, y), 1e-6);
    const divV = central((k) => v(x + k, y)[0], h) + central((k) => v(x, y + k)[1], h);
    const grad = [
      central((k) => logP('gaussians8', process, tau, x + k, y), h),
      central((k) => logP('gaussians8', process, tau, x, y + k), h),
    ];
    const u = v(x, y);
    const residual = dtLogP + divV + u[0] * grad[0] + u[1] * grad[1];
    expect(Math.abs(residual)).toBeLessThan(2e-5 * Math.max(Math.abs(dtLogP), Math.abs(divV)));
  });
});

describe('the score conversion used by stochastic flow samplers', () => {
  it.each([1, 3])(
    'shift %s: velocity → D → score equals ∇log p_t by finite differences of the exact density',
    (shift) => {
      const process = flowProcess({ shift });
      const model = cachedExactModel('moons');
      for (const u of [0.2, 0.6]) {
        const s = process.scale(u);
        const sigma = process.sigma(u);
        const [x, y] = forwardPoints('moons', 1, 5, process, u);
        const k = Float64Array.of(x / s, y / s);
        const v = velocityField(ops, model.denoise)(k, sigma);
        const D = denoisedFromVelocity(ops, k, v, sigma);
        const score = predictionFromDenoised(ops, 'score', k, D, sigma, s);
        const h = 1e-5;
        const fd = [
          central((e) => logP('moons', process, u, x + e, y), h),
          central((e) => logP('moons', process, u, x, y + e), h),
        ];
        const size = Math.hypot(fd[0], fd[1]);
        expect(Math.abs(score[0] - fd[0])).toBeLessThan(1e-6 * size);
        expect(Math.abs(score[1] - fd[1])).toBeLessThan(1e-6 * size);
      }
    },
  );
});

describe('velocity = d/dt of the exact flow map (Gaussian data N(μ, c²I))', () => {
  // The flow map of x_τ = (1 − τ)x0 + τε for Gaussian data, derived from the marginals alone:
  // x_τ has mean (1 − τ)μ and std r(τ) = sqrt((1 − τ)²c² + τ²), and a deterministic transport
  // that keeps each particle's standard score fixed is Φ_τ(x_T) = (1 − τ)μ + (r(τ)/r(T))(x_T − (1 − T)μ).
  // With a time shift α the process at u is the flow at τ(u), so Φ_u = Φ_τ(u).
  const MU = [0.5, -1];
  const C = 0.6;
  const denoise = gaussianDenoiser(MU, C);
  const r = (tau: number) => Math.sqrt((1 - tau) ** 2 * C * C + tau * tau);
  const T = 0.97;
  const xT = normals(8, 0, 12).map((z, i) => (1 - T) * MU[i % 2] + r(T) * z);
  const flowMap = (tau: number) =>
    xT.map((v, i) => (1 - tau) * MU[i % 2] + (r(tau) / r(T)) * (v - (1 - T) * MU[i % 2]));

  it.each([1, 3, 0.5])('shift %s: processVelocity matches the central difference', (shift) => {
    const process = flowProcess({ shift });
    for (const u of [0.1, 0.35, 0.6, 0.85]) {
      const h = 1e-6;
      const fd = ops.lincomb([
        [1 / (2 * h), flowMap(shiftTime(u + h, shift))],
        [-1 / (2 * h), flowMap(shiftTime(u - h, shift))],
      ]);
      const xt = flowMap(shiftTime(u, shift));
      const D = denoise(
        xt.map((v) => v / process.scale(u)),
        process.sigma(u),
      );
      const drift = processVelocity(ops, process, u, xt, D);
      const err = drift.reduce((m, v, i) => Math.max(m, Math.abs(v - fd[i])), 0);
      const size = fd.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(err).toBeLessThan(1e-7 * Math.max(1, size));
    }
  });
});
