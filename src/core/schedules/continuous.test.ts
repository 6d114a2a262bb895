import { describe, expect, it } from 'vitest';
import { edmProcess, marginalStd, subVpProcess, veProcess, vpProcess } from './continuous';
import type { Process } from './process';

/** RK4 on the Lyapunov ODE dV/dt = 2f(t)V + g²(t): the marginal variance of x_t − s(t)x0. */
function integrateVariance(p: Process, v0: number, t0: number, t1: number, steps = 2000): number {
  const h = (t1 - t0) / steps;
  const rhs = (t: number, v: number) => 2 * p.f(t) * v + p.g2(t);
  let v = v0;
  for (let k = 0; k < steps; k++) {
    const t = t0 + k * h;
    const k1 = rhs(t, v);
    const k2 = rhs(t + h / 2, v + (h / 2) * k1);
    const k3 = rhs(t + h / 2, v + (h / 2) * k2);
    const k4 = rhs(t + h, v + h * k3);
    v += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return v;
}

/** RK4 on ds/dt = f(t)s: the mean coefficient. */
function integrateMean(p: Process, t0: number, t1: number, steps = 2000): number {
  const h = (t1 - t0) / steps;
  let s = p.scale(t0);
  for (let k = 0; k < steps; k++) {
    const t = t0 + k * h;
    const k1 = p.f(t) * s;
    const k2 = p.f(t + h / 2) * (s + (h / 2) * k1);
    const k3 = p.f(t + h / 2) * (s + (h / 2) * k2);
    const k4 = p.f(t + h) * (s + h * k3);
    s += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return s;
}

const processes: Array<[string, Process]> = [
  ['VP', vpProcess()],
  ['sub-VP', subVpProcess()],
  ['VE', veProcess()],
  ['EDM', edmProcess()],
];

describe.each(processes)('%s process', (_name, p) => {
  it('its marginal variance s²σ² solves the Lyapunov ODE dV/dt = 2fV + g²', () => {
    const [a, b] = [p.tMin, p.tMax];
    const v = integrateVariance(p, marginalStd(p, a) ** 2, a, b);
    expect(v / marginalStd(p, b) ** 2).toBeCloseTo(1, 9);
  });

  it('its mean coefficient solves ds/dt = f·s', () => {
    expect(integrateMean(p, p.tMin, p.tMax) / p.scale(p.tMax)).toBeCloseTo(1, 10);
  });

  it('tOfSigma inverts sigma', () => {
    for (const u of [0, 0.1, 0.5, 0.93, 1]) {
      const t = p.tMin + u * (p.tMax - p.tMin);
      expect(p.tOfSigma(p.sigma(t)) / t).toBeCloseTo(1, 10);
    }
  });
});

describe('score_sde conventions', () => {
  const beta0 = 0.1;
  const beta1 = 20;
  /** score_sde VPSDE.marginal_prob's log_mean_coeff. */
  const logMeanCoeff = (t: number) => -0.25 * t * t * (beta1 - beta0) - 0.5 * t * beta0;

  it('VP: mean exp(lmc), std sqrt(1 − exp(2 lmc)), β(t) = β0 + t(β1 − β0)', () => {
    const p = vpProcess();
    for (const t of [1e-3, 0.2, 0.7, 1]) {
      expect(p.scale(t)).toBeCloseTo(Math.exp(logMeanCoeff(t)), 14);
      expect(marginalStd(p, t)).toBeCloseTo(Math.sqrt(1 - Math.exp(2 * logMeanCoeff(t))), 12);
      expect(p.g2(t)).toBeCloseTo(beta0 + t * (beta1 - beta0), 12);
      expect(p.f(t)).toBeCloseTo(-0.5 * (beta0 + t * (beta1 - beta0)), 12);
    }
  });

  it('VP σ(t) matches EDM Table 1: sqrt(exp(½β_d t² + β_min t) − 1)', () => {
    const p = vpProcess();
    expect(p.sigma(1)).toBeCloseTo(Math.sqrt(Math.exp(19.9 / 2 + 0.1) - 1), 10);
    expect(p.sigma(1)).toBeCloseTo(152.3, 0);
    expect(p.sigma(1e-3)).toBeCloseTo(Math.sqrt(Math.exp(19.9e-6 / 2 + 1e-4) - 1), 12);
  });

  it('sub-VP: std = 1 − exp(−∫β), diffusion² = β(1 − exp(−2β0 t − (β1 − β0)t²))', () => {
    const p = subVpProcess();
    for (const t of [1e-3, 0.3, 1]) {
      const intBeta = beta0 * t + 0.5 * (beta1 - beta0) * t * t;
      expect(marginalStd(p, t)).toBeCloseTo(1 - Math.exp(-intBeta), 12);
      expect(p.scale(t)).toBeCloseTo(Math.exp(logMeanCoeff(t)), 14);
      const beta = beta0 + t * (beta1 - beta0);
      expect(p.g2(t)).toBeCloseTo(
        beta * (1 - Math.exp(-2 * beta0 * t - (beta1 - beta0) * t * t)),
        12,
      );
    }
  });

  it('VE: σ(t) = σ_min(σ_max/σ_min)^t, diffusion = σ sqrt(2 log(σ_max/σ_min))', () => {
    const p = veProcess();
    expect(p.sigma(0)).toBeCloseTo(0.01, 15);
    expect(p.sigma(1)).toBeCloseTo(50, 12);
    expect(p.sigma(0.5)).toBeCloseTo(Math.sqrt(0.01 * 50), 14);
    const t = 0.37;
    expect(Math.sqrt(p.g2(t))).toBeCloseTo(p.sigma(t) * Math.sqrt(2 * Math.log(50 / 0.01)), 12);
    expect(p.scale(t)).toBe(1);
    expect(p.f(t)).toBe(0);
  });

  it('EDM: σ(t) = t, s = 1, g² = 2t', () => {
    const p = edmProcess();
    expect([p.tMin, p.tMax]).toEqual([0.002, 80]);
    expect(p.sigma(3.5)).toBe(3.5);
    expect(p.g2(3.5)).toBe(7);
    expect(p.tOfSigma(12)).toBe(12);
  });
});
