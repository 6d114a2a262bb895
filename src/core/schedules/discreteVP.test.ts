import { describe, expect, it } from 'vitest';
import { makeDiscreteVP } from './discreteVP';

const sd = makeDiscreteVP({ kind: 'scaled_linear', betaStart: 0.00085, betaEnd: 0.012 });

/** ᾱ from the DDPM definition, independently of betas.ts: Π (1 − β_i), β linear in sqrt. */
function sdAlphaBar(t: number): number {
  let p = 1;
  for (let i = 0; i <= t; i++) {
    const r = Math.sqrt(0.00085) + ((Math.sqrt(0.012) - Math.sqrt(0.00085)) * i) / 999;
    p *= 1 - r * r;
  }
  return p;
}

/** Classic RK4 on the Lyapunov ODE dV/dt = 2f(t)V + g²(t) for the marginal variance. */
function integrateVariance(
  p: { f(t: number): number; g2(t: number): number },
  v0: number,
  t0: number,
  t1: number,
  steps: number,
): number {
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

describe('discrete VP schedule', () => {
  it('σ_t = sqrt((1 − ᾱ_t)/ᾱ_t) at integer timesteps, ᾱ from the DDPM product', () => {
    for (const t of [0, 1, 250, 999]) {
      const ab = sdAlphaBar(t);
      expect(sd.alphaBar(t) / ab).toBeCloseTo(1, 12);
      expect(sd.sigma(t) / Math.sqrt((1 - ab) / ab)).toBeCloseTo(1, 12);
      expect(sd.logSNR(t)).toBeCloseTo(Math.log(ab / (1 - ab)), 10);
      expect(sd.scale(t) ** 2 + (sd.scale(t) * sd.sigma(t)) ** 2).toBeCloseTo(1, 14);
    }
    expect(sd.sigmas.length).toBe(1000);
    expect(sd.tMin).toBe(0);
    expect(sd.tMax).toBe(999);
  });

  it('interpolates log σ linearly between timesteps (k-diffusion t_to_sigma)', () => {
    expect(sd.sigma(10.5)).toBeCloseTo(Math.sqrt(sd.sigmas[10] * sd.sigmas[11]), 14);
    const w = 0.25;
    expect(Math.log(sd.sigma(500 + w))).toBeCloseTo(
      (1 - w) * Math.log(sd.sigmas[500]) + w * Math.log(sd.sigmas[501]),
      14,
    );
    expect(sd.beta(3)).toBe(sd.betas[3]);
    expect(sd.beta(3.5)).toBeCloseTo((sd.betas[3] + sd.betas[4]) / 2, 15);
  });

  it('sigma_to_t inverts t_to_sigma and clamps outside the table', () => {
    for (const t of [0, 0.3, 17.75, 400, 998.9, 999])
      expect(sd.tOfSigma(sd.sigma(t))).toBeCloseTo(t, 9);
    for (const s of [0.05, 1, 3.3, 14]) expect(sd.sigma(sd.tOfSigma(s)) / s).toBeCloseTo(1, 12);
    expect(sd.tOfSigma(1e-6)).toBe(0);
    expect(sd.tOfSigma(0)).toBe(0);
    expect(sd.tOfSigma(1e6)).toBe(999);
  });

  it('quantized sigma_to_t returns the nearest timestep in log σ', () => {
    const between = Math.exp(0.4 * Math.log(sd.sigmas[42]) + 0.6 * Math.log(sd.sigmas[43]));
    expect(sd.tOfSigma(between, true)).toBe(43);
    expect(sd.tOfSigma(sd.sigmas[42] * 1.000001, true)).toBe(42);
  });

  it('as a Process, its marginal variance 1 − ᾱ solves dV/dt = 2fV + g² (within each segment)', () => {
    // f and g² jump at integer knots (log σ is piecewise linear), so integrate one segment at a time.
    for (const i of [0, 10, 500, 997]) {
      const [a, b] = [i + 1e-9, i + 1 - 1e-9];
      const v = integrateVariance(sd, 1 - sd.alphaBar(a), a, b, 64);
      expect(v / (1 - sd.alphaBar(b))).toBeCloseTo(1, 11);
    }
  });

  it('its rate integrates to the discrete β: ∫_{i}^{i+1} g² dt = −ln(1 − β_{i+1})', () => {
    for (const i of [0, 200, 998]) {
      const n = 256;
      let integral = 0;
      for (let k = 0; k < n; k++) integral += sd.g2(i + (k + 0.5) / n) / n;
      expect(integral).toBeCloseTo(-Math.log(1 - sd.betas[i + 1]), 8);
      expect(sd.f(i + 0.5)).toBeCloseTo(-0.5 * sd.g2(i + 0.5), 15);
    }
  });

  it('zero terminal SNR: last ᾱ is 2⁻²⁴ as in diffusers, so the largest σ is finite', () => {
    const z = makeDiscreteVP({
      kind: 'scaled_linear',
      betaStart: 0.00085,
      betaEnd: 0.012,
      rescaleZeroSnr: true,
    });
    expect(z.alphaBar(999)).toBeCloseTo(2 ** -24, 20);
    expect(z.sigma(999)).toBeCloseTo(Math.sqrt(2 ** 24 - 1), 6);
    expect(z.alphaBar(0)).toBeCloseTo(sd.alphaBar(0), 14);
  });

  it('works for every beta kind (σ increasing)', () => {
    for (const kind of ['linear', 'squaredcos_cap_v2', 'sigmoid'] as const) {
      const s = makeDiscreteVP({ kind, numTrainTimesteps: 100 });
      for (let i = 1; i < 100; i++) expect(s.sigma(i)).toBeGreaterThan(s.sigma(i - 1));
    }
  });
});
