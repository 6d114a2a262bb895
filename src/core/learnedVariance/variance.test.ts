import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { makeDiscreteVP } from '../schedules/discreteVP';
import { chainStep, reverseChain } from './chain';
import { gaussianReverse } from './gaussianData.testkit';
import { gaussianKl, logVariance, meanFromEps, vlbTerm, vOfVariance } from './variance';

const schedule = makeDiscreteVP({ kind: 'linear' });
const full = reverseChain(schedule, 1000);
const short = reverseChain(schedule, 10);

describe('the vlb terms', () => {
  it('the Gaussian KL matches a Monte Carlo estimate of E_q[log q − log p]', () => {
    const n = 200_000;
    const z = normals(3, 1, n);
    const [m1, lv1, m2, lv2] = [0.3, Math.log(0.5), -0.2, Math.log(0.8)];
    const logN = (x: number, m: number, lv: number) => -0.5 * (lv + (x - m) ** 2 / Math.exp(lv));
    let mc = 0;
    for (const e of z) {
      const x = m1 + Math.exp(lv1 / 2) * e;
      mc += (logN(x, m1, lv1) - logN(x, m2, lv2)) / n;
    }
    expect(gaussianKl(m1, lv1, m2, lv2)).toBeCloseTo(mc, 2);
  });

  it('L_{t−1} is the KL from q(x_{t−1} | x_t, x0) (Ho et al. eq. 6–7), sampled directly', () => {
    // Sample x_{t−1} ~ q(x_{t−1} | x0) and x_t ~ q(x_t | x_{t−1}), keep draws near one x_t:
    // instead, draw x_{t−1} from the posterior written out independently of chainStep.
    const [x0, xt, t] = [0.7, 0.4, 5];
    const ab = schedule.alphasCumprod;
    const [abPrev, abNow] = [ab[t - 2], ab[t - 1]];
    const alpha = abNow / abPrev;
    // Bayes: p(x_{t−1} | x0) = N(sqrt(ᾱ_{t−1})x0, 1 − ᾱ_{t−1}), p(x_t | x_{t−1}) = N(sqrt(α)x_{t−1}, 1 − α).
    const precision = 1 / (1 - abPrev) + alpha / (1 - alpha);
    const postMean =
      ((Math.sqrt(abPrev) * x0) / (1 - abPrev) + (Math.sqrt(alpha) * xt) / (1 - alpha)) / precision;
    const postVar = 1 / precision;
    const step = chainStep(full, t);
    const [mean, logVar] = [0.41, logVariance(step, 'learned', 0.3)];
    const n = 200_000;
    const z = normals(4, 1, n);
    const logN = (x: number, m: number, lv: number) => -0.5 * (lv + (x - m) ** 2 / Math.exp(lv));
    let mc = 0;
    for (const e of z) {
      const x = postMean + Math.sqrt(postVar) * e;
      mc += (logN(x, postMean, Math.log(postVar)) - logN(x, mean, logVar)) / n;
    }
    const term = vlbTerm(step, t, x0, xt, mean, logVar);
    expect(Math.abs(term - mc)).toBeLessThan(0.01 * Math.abs(mc) + 1e-3);
  });

  it('the closed-form reverse variance is β at s = 1 and tends to β̃ as s → 0', () => {
    for (const i of [2, 50, 500]) {
      const step = chainStep(full, i);
      expect(gaussianReverse(step, 0, 1).variance).toBeCloseTo(step.beta, 12);
      expect(gaussianReverse(step, 0, 1e-6).variance / step.betaTildeClipped).toBeCloseTo(1, 6);
    }
  });
});

/**
 * The v whose Σ minimises E_{x0, x_t} L_{t−1} with the exact mean, by brute force on a grid,
 * the expectation by Monte Carlo over x0 ~ N(m, s²), x_t ~ q(x_t | x0).
 */
function bruteForceV(step: ReturnType<typeof chainStep>, i: number, m: number, s: number) {
  const n = 20_000;
  const [z0, zt] = [normals(11, i, n), normals(12, i, n)];
  const exact = gaussianReverse(step, m, s);
  const x0 = Float64Array.from(z0, (z) => m + s * z);
  const xt = x0.map((v, j) => Math.sqrt(step.alphaBar) * v + Math.sqrt(1 - step.alphaBar) * zt[j]);
  // The model's mean from the exact ε̂ (eq. 11): the true reverse mean.
  const mean = xt.map((v) => meanFromEps(step, v, exact.eps(v)));
  const loss = (v: number) => {
    const lv = logVariance(step, 'learned', v);
    let sum = 0;
    for (let j = 0; j < n; j++) sum += vlbTerm(step, i, x0[j], xt[j], mean[j], lv);
    return sum;
  };
  // A coarse grid over [−1, 2], then a fine one around its best point.
  let best = NaN;
  for (const [from, to, by] of [
    [-1, 2, 0.05],
    [NaN, NaN, 0.0025],
  ]) {
    const [lo, hi] = Number.isNaN(from) ? [best - 0.05, best + 0.05] : [from, to];
    let bestLoss = Infinity;
    for (let v = lo; v <= hi + 1e-9; v += by) {
      const l = loss(v);
      if (l < bestLoss) [best, bestLoss] = [v, l];
    }
  }
  return best;
}

describe('the learned variance that minimises the bound, on Gaussian data', () => {
  it('the exact ε̂ gives the closed-form reverse mean', () => {
    const step = chainStep(short, 4);
    const exact = gaussianReverse(step, 0.5, 0.3);
    for (const x of [-1, 0.2, 2])
      expect(meanFromEps(step, x, exact.eps(x))).toBeCloseTo(exact.mean(x), 12);
  });

  for (const [chain, name, steps] of [
    [full, 'full chain', [2, 4, 8]],
    [short, '10-step chain', [2, 5, 9]],
  ] as const) {
    it(`brute-force v equals the closed form (${name})`, () => {
      for (const [m, s] of [
        [0, 0.3],
        [1, 0.7],
      ]) {
        for (const i of steps) {
          const step = chainStep(chain, i);
          const closed = vOfVariance(step, gaussianReverse(step, m, s).variance);
          const found = bruteForceV(step, i, m, s);
          expect(Math.abs(found - closed)).toBeLessThan(0.02);
        }
      }
    });
  }
});
