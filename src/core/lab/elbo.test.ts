import { describe, expect, it } from 'vitest';
import { makeDiscreteVP } from '../schedules/discreteVP';
import { normals } from '../rng';
import { erfc } from '../normal';
import { ddpmElbo, logBinMass } from './elbo';

/**
 * Gaussian data N(0, cI) on the linear-β DDPM chain (T = 1000). In VP coordinates the exact
 * denoiser is x̂0 = g_t·x_t with g_t = c·sqrt(ᾱ_t)/(cᾱ_t + 1 − ᾱ_t), so with x_t ~ q(x_t | x0)
 *   E|x0 − x̂0|² = (1 − g_t sqrt(ᾱ_t))²|x0|² + d·g_t²(1 − ᾱ_t),
 * every term of the bound is closed-form, and the reverse chain is linear-Gaussian:
 * x_{t−1} = a_t x_t + sqrt(β̃_t) z, a_t = c'_t + c_t g_t, so p(x0) = N(0, v_0 I) by
 * v_{t−1} = a_t² v_t + β̃_t from v_T = 1, and v_0 = g_1² v_1 + β_1 through the decoder.
 */
const c = 0.5;
const d = 2;
const schedule = makeDiscreteVP({ kind: 'linear' });
const T = schedule.numTrainTimesteps;
const ab = (t: number) => (t === 0 ? 1 : schedule.alphasCumprod[t - 1]);
const beta = (t: number) => schedule.betas[t - 1];
const g = (t: number) => (c * Math.sqrt(ab(t))) / (c * ab(t) + 1 - ab(t));
const mse = (t: number, r2: number) =>
  (1 - g(t) * Math.sqrt(ab(t))) ** 2 * r2 + d * g(t) ** 2 * (1 - ab(t));
const betaTilde = (t: number) => ((1 - ab(t - 1)) / (1 - ab(t))) * beta(t);
const coef = (t: number) => (Math.sqrt(ab(t - 1)) * beta(t)) / (1 - ab(t));
const closedLt = (t: number, r2: number) => (coef(t) ** 2 * mse(t, r2)) / (2 * betaTilde(t));
const closedTotal = (r2: number) => {
  let total = 0.5 * (ab(T) * r2 - d * (ab(T) + Math.log1p(-ab(T))));
  for (let t = 2; t <= T; t++) total += closedLt(t, r2);
  return total + mse(1, r2) / (2 * beta(1)) + (d / 2) * Math.log(2 * Math.PI * beta(1));
};
function chainVariance(): number {
  let v = 1;
  for (let t = T; t >= 2; t--) {
    const alpha = ab(t) / ab(t - 1);
    const a = (Math.sqrt(alpha) * (1 - ab(t - 1))) / (1 - ab(t)) + coef(t) * g(t);
    v = a * a * v + betaTilde(t);
  }
  return g(1) ** 2 * v + beta(1);
}
const gaussianDenoiser = (x: Float64Array, sigma: number) =>
  x.map((v) => (c / (c + sigma * sigma)) * v);

describe('ddpmElbo on Gaussian data with the exact denoiser', () => {
  const x0 = normals(21, 0, 2 * 6).map((v) => v * Math.sqrt(c));
  const r2 = Array.from({ length: 6 }, (_, p) => x0[2 * p] ** 2 + x0[2 * p + 1] ** 2);
  const terms = ddpmElbo(gaussianDenoiser, x0, schedule, { samples: 200, seed: 1 });

  it('has the closed-form L_T and, within Monte Carlo error, the closed-form L_t and L_0', () => {
    const meanR2 = r2.reduce((a, b) => a + b, 0) / r2.length;
    expect(terms.lT).toBeCloseTo(0.5 * (ab(T) * meanR2 - d * (ab(T) + Math.log1p(-ab(T)))), 12);
    for (let t = 2; t <= T; t++) {
      const expected = r2.reduce((s, v) => s + closedLt(t, v), 0) / r2.length;
      expect(Math.abs(terms.lt[t - 2] - expected)).toBeLessThan(0.25 * expected);
    }
    const expectedL0 =
      r2.reduce((s, v) => s + mse(1, v) / (2 * beta(1)), 0) / r2.length +
      Math.log(2 * Math.PI * beta(1));
    expect(Math.abs(terms.l0 - expectedL0)).toBeLessThan(0.05 * Math.abs(expectedL0));
    const expectedTotal = r2.reduce((s, v) => s + closedTotal(v), 0) / r2.length;
    expect(Math.abs(terms.total - expectedTotal)).toBeLessThan(0.03 * Math.abs(expectedTotal));
  });

  it('bounds the chain’s true NLL per point (closed form, and the Monte Carlo estimate)', () => {
    const v0 = chainVariance();
    r2.forEach((v, p) => {
      const nll = v / (2 * v0) + (d / 2) * Math.log(2 * Math.PI * v0);
      expect(closedTotal(v)).toBeGreaterThanOrEqual(nll);
      expect(terms.perPoint[p]).toBeGreaterThanOrEqual(nll);
    });
  });

  it('orders bound ≥ chain NLL ≥ data entropy on average, with a chain that nearly reproduces the data', () => {
    const v0 = chainVariance();
    expect(Math.abs(v0 - c) / c).toBeLessThan(0.02);
    const many = normals(22, 0, 2 * 2000).map((v) => v * Math.sqrt(c));
    let bound = 0;
    let nll = 0;
    for (let p = 0; p < 2000; p++) {
      const rr = many[2 * p] ** 2 + many[2 * p + 1] ** 2;
      bound += closedTotal(rr) / 2000;
      nll += (rr / (2 * v0) + Math.log(2 * Math.PI * v0)) / 2000;
    }
    const entropy = (d / 2) * Math.log(2 * Math.PI * Math.E * c);
    expect(bound).toBeGreaterThan(nll);
    expect(nll).toBeGreaterThan(entropy - 0.05);
    // The fixed β̃ variance is far below the true reverse variance at small t, so the first
    // terms are large (L_1 ≈ d/2 nats) and the bound is loose even with the exact denoiser.
    expect(closedLt(2, d * c)).toBeGreaterThan(0.9);
  });

  it('rejects bad sample counts', () => {
    expect(() => ddpmElbo(gaussianDenoiser, x0, schedule, { samples: 0, seed: 1 })).toThrow(
      /samples/,
    );
  });
});

describe('the discretised decoder and the stratified sum of terms', () => {
  it('erfc matches reference values to 1.2·10⁻⁷ relative error', () => {
    // erfc(0.5), erfc(1), erfc(3), erfc(−1) to 15 digits (Abramowitz & Stegun, Table 7.1).
    const ref: [number, number][] = [
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [3, 2.209049699858544e-5],
      [-1, 1.8427007929497148],
    ];
    for (const [x, v] of ref) expect(Math.abs(erfc(x) / v - 1)).toBeLessThan(1.2e-7);
  });

  it('logBinMass is the log of the Gaussian’s mass on the pixel’s bin (Simpson quadrature)', () => {
    const s = 0.01;
    const mass = (a: number, b: number, mu: number) => {
      const m = 2000;
      const h = (b - a) / m;
      let sum = 0;
      for (let i = 0; i <= m; i++) {
        const w = i === 0 || i === m ? 1 : i % 2 ? 4 : 2;
        sum += w * Math.exp(-(((a + i * h - mu) / s) ** 2) / 2);
      }
      return (sum * h) / 3 / (s * Math.sqrt(2 * Math.PI));
    };
    const x0 = 100 / 127.5 - 1;
    for (const mu of [x0, x0 + 0.004, x0 - 0.02, x0 + 0.03])
      expect(logBinMass(x0, mu, s)).toBeCloseTo(Math.log(mass(x0 - 1 / 255, x0 + 1 / 255, mu)), 5);
    // The end bins are open: x0 = 1 takes all the mass above 1 − 1/255.
    expect(logBinMass(1, 1.2, s)).toBeCloseTo(0, 9);
    expect(logBinMass(-1, -1.2, s)).toBeCloseTo(0, 9);
  });

  it('with K terms, the stratified total is close to the full one, and the weights cover t = 2..T', () => {
    const x0 = normals(21, 0, 2 * 6).map((v) => v * Math.sqrt(c));
    const full = ddpmElbo(gaussianDenoiser, x0, schedule, { samples: 50, seed: 1 });
    const strided = ddpmElbo(gaussianDenoiser, x0, schedule, { samples: 50, seed: 1, terms: 100 });
    expect(strided.ltWeight.reduce((a, b) => a + b, 0)).toBe(T - 1);
    expect([...full.ltWeight].every((w) => w === 1)).toBe(true);
    expect(full.ltAt[T - 2]).toBe(T - 1);
    expect(strided.lt.length).toBeLessThanOrEqual(100);
    expect([...strided.ltWeight.subarray(0, 5)]).toEqual([1, 1, 1, 1, 1]);
    expect(Math.abs(strided.total - full.total)).toBeLessThan(0.03 * Math.abs(full.total));
    expect(() =>
      ddpmElbo(gaussianDenoiser, x0, schedule, { samples: 1, seed: 1, terms: 0 }),
    ).toThrow(/terms/);
  });
});
