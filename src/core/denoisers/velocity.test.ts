import { describe, expect, it } from 'vitest';
import { float64Ops as ops } from '../ops';
import { normals } from '../rng';
import { gaussianDenoiser } from '../samplers/sampler.testkit';
import { vpProcess } from '../schedules/continuous';
import { flowProcess, shiftTime } from '../schedules/flow';
import { predictionFromDenoised } from './parameterisation';
import {
  denoisedFromVelocity,
  denoiserFromVelocity,
  processVelocity,
  velocityField,
  velocityFromDenoised,
} from './velocity';

// Data N(μ, c²I) in 2D; 8 points.
const MU = [0.5, -1];
const C = 0.6;
const denoise = gaussianDenoiser(MU, C);
const points = normals(4, 0, 16);

/**
 * Closed form, derived without the denoiser: x_τ = (1 − τ)x0 + τε is Gaussian with mean (1 − τ)μ
 * and variance V = (1 − τ)²c² + τ²; Cov(ε, x_τ) = τ, Cov(x0, x_τ) = (1 − τ)c², so
 * E[ε − x0 | x_τ] = (τ − (1 − τ)c²)(x_τ − (1 − τ)μ)/V − μ.
 */
function gaussianVelocity(xTau: Float64Array, tau: number): Float64Array {
  const V = (1 - tau) ** 2 * C * C + tau * tau;
  const k = (tau - (1 - tau) * C * C) / V;
  return xTau.map((v, i) => k * (v - (1 - tau) * MU[i % 2]) - MU[i % 2]);
}

const maxAbs = (a: Float64Array, b: Float64Array) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('velocity ↔ denoiser', () => {
  it.each([0.02, 0.3, 0.5, 0.9, 0.995])(
    'τ = %s: the exact denoiser gives the closed-form Gaussian velocity field',
    (tau) => {
      const sigma = tau / (1 - tau);
      const xTau = points.map((v) => 2 * v);
      const x = xTau.map((v) => v / (1 - tau));
      const v = velocityField(ops, denoise)(x, sigma);
      expect(maxAbs(v, gaussianVelocity(xTau, tau))).toBeLessThan(1e-12 * (1 + sigma));
    },
  );

  it('D → v → D is the identity, and v = ε̂ − D with ε̂ from the eps adapter', () => {
    for (const sigma of [0.01, 1, 40]) {
      const D = denoise(points, sigma);
      const v = velocityFromDenoised(ops, points, D, sigma);
      expect(maxAbs(denoisedFromVelocity(ops, points, v, sigma), D)).toBeLessThan(
        1e-12 * (1 + sigma),
      );
      const eps = predictionFromDenoised(ops, 'eps', points, D, sigma);
      expect(
        maxAbs(
          v,
          ops.lincomb([
            [1, eps],
            [-1, D],
          ]),
        ),
      ).toBeLessThan(1e-12);
    }
  });

  it('v from the score of x_τ (Tweedie: x_τ = (1 − τ)D − τ²·∇log p): v = (x_τ − D)/τ', () => {
    const p = flowProcess();
    const tau = 0.4;
    const sigma = p.sigma(tau);
    const s = p.scale(tau);
    const D = denoise(points, sigma);
    const score = predictionFromDenoised(ops, 'score', points, D, sigma, s);
    const xTau = points.map((v) => s * v);
    // ∇log p_τ = ((1 − τ)D − x_τ)/τ² ⇒ D = (x_τ + τ²·score)/(1 − τ) and v = (x_τ − D)/τ.
    const Dfromscore = xTau.map((v, i) => (v + tau * tau * score[i]) / (1 - tau));
    const v = xTau.map((xv, i) => (xv - Dfromscore[i]) / tau);
    expect(maxAbs(velocityFromDenoised(ops, points, D, sigma), v)).toBeLessThan(1e-12);
  });

  it('rejects σ = 0', () => {
    expect(() => velocityFromDenoised(ops, points, points, 0)).toThrow(/σ/);
  });
});

describe('processVelocity: the PF-ODE drift dx_t/dt in the process’s own coordinates', () => {
  it('on the flow process is the rectified-flow velocity ε̂ − D', () => {
    const p = flowProcess();
    for (const t of [0.1, 0.5, 0.95]) {
      const xt = points.map((v) => 1.5 * v);
      const x = xt.map((v) => v / p.scale(t));
      const D = denoise(x, p.sigma(t));
      expect(maxAbs(processVelocity(ops, p, t, xt, D), gaussianVelocity(xt, t))).toBeLessThan(
        1e-10,
      );
    }
  });

  it('on the shifted flow process is v·dτ/du', () => {
    const p = flowProcess({ shift: 3 });
    const u = 0.4;
    const tau = shiftTime(u, 3);
    const dTau = (shiftTime(u + 1e-6, 3) - shiftTime(u - 1e-6, 3)) / 2e-6;
    const xt = points.slice();
    const D = denoise(
      xt.map((v) => v / p.scale(u)),
      p.sigma(u),
    );
    const expected = gaussianVelocity(xt, tau).map((v) => v * dTau);
    expect(maxAbs(processVelocity(ops, p, u, xt, D), expected)).toBeLessThan(1e-7);
  });

  it('on VP is the time derivative of the exact Gaussian PF-ODE path x_t = s(t)(μ + sqrt(c² + σ(t)²)·z)', () => {
    const p = vpProcess();
    const path = (t: number) =>
      points.map((z, i) => p.scale(t) * (MU[i % 2] + Math.sqrt(C * C + p.sigma(t) ** 2) * z));
    const t = 0.3;
    const h = 1e-5;
    const fd = ops.lincomb([
      [1 / (2 * h), path(t + h)],
      [-1 / (2 * h), path(t - h)],
    ]);
    const xt = path(t);
    const D = denoise(
      xt.map((v) => v / p.scale(t)),
      p.sigma(t),
    );
    expect(maxAbs(processVelocity(ops, p, t, xt, D), fd)).toBeLessThan(1e-6);
  });
});

describe('denoiserFromVelocity (a trained flow network as a denoiser)', () => {
  // The "network" is the closed-form velocity v̂(x_τ, τ) of the Gaussian data.
  const network = (xTau: Float64Array, tau: number) => gaussianVelocity(xTau, tau);

  it.each([1, 3])(
    'shift %s: recovers the exact denoiser; the network is conditioned on τ = σ/(1 + σ)',
    (shift) => {
      const wrapped = denoiserFromVelocity(ops, flowProcess({ shift }), network);
      for (const sigma of [0.05, 1, 30]) {
        expect(maxAbs(wrapped(points, sigma), denoise(points, sigma))).toBeLessThan(
          1e-12 * (1 + sigma),
        );
      }
    },
  );

  it('passes a custom time label (e.g. 1000·τ)', () => {
    const seen: number[] = [];
    const wrapped = denoiserFromVelocity(
      ops,
      flowProcess(),
      (x, t) => (seen.push(t), network(x, t / 1000)),
      {
        timeOfSigma: (s) => (1000 * s) / (1 + s),
      },
    );
    expect(maxAbs(wrapped(points, 1), denoise(points, 1))).toBeLessThan(1e-12);
    expect(seen).toEqual([500]);
  });

  it('refuses a process whose state is not the flow interpolant', () => {
    expect(() => denoiserFromVelocity(ops, vpProcess(), network)).toThrow(/flow-matching path/);
  });
});
