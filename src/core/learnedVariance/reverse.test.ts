import { describe, expect, it } from 'vitest';
import { normals } from '../rng';
import { makeDiscreteVP } from '../schedules/discreteVP';
import { chainStep, reverseChain, type ReverseChain } from './chain';
import { gaussianReverse } from './gaussianData.testkit';
import { ancestralSample, variationalBound, type EpsVarianceModel } from './reverse';
import { vOfVariance } from './variance';

const schedule = makeDiscreteVP({ kind: 'linear' });
const [m, s] = [0.5, 0.4];

/** The exact ε̂ and the closed-form optimal v of Gaussian data N(m, s²), as raw outputs 2v − 1. */
function exactModel(chain: ReverseChain): EpsVarianceModel {
  const stepOf = new Map(Array.from(chain.netTime, (k, i) => [k, chainStep(chain, i + 1)]));
  return (x, netTime) => {
    const step = stepOf.get(netTime)!;
    const exact = gaussianReverse(step, m, s);
    const v = vOfVariance(step, exact.variance);
    return { eps: x.map(exact.eps), varianceOutput: x.map(() => 2 * v - 1) };
  };
}

const variance = (x: Float64Array) => {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  return x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
};

describe('ancestral sampling and the bound with a learned variance, on Gaussian data', () => {
  it('the exact reverse kernels make the bound the true NLL; fixed variances bound it loosely', () => {
    const x0 = normals(5, 0, 10_000).map((z) => m + s * z);
    // −log N(x0; m, s²) of the same points, per point (two dimensions).
    const trueNll =
      x0.reduce((a, x) => a + 0.5 * (Math.log(2 * Math.PI * s * s) + ((x - m) / s) ** 2), 0) /
      (x0.length / 2);
    for (const steps of [10, 25]) {
      const chain = reverseChain(schedule, steps);
      const b = variationalBound(exactModel(chain), chain, x0, 3);
      expect(Math.abs(b.learned - trueNll)).toBeLessThan(0.06);
      expect(b.beta).toBeGreaterThan(b.learned);
      expect(b.betaTilde).toBeGreaterThan(b.learned);
    }
  });

  it("with the learned variance 10 steps sample N(m, s²) but the last step's noise; β̃ narrower, β wider", () => {
    const chain = reverseChain(schedule, 10);
    const model = exactModel(chain);
    const draw = (choice: 'learned' | 'beta' | 'betaTilde') =>
      variance(ancestralSample(model, chain, choice, 5000, 2));
    // Algorithm 2 returns the last step's mean: Var(x0 | x1) is missing from the samples.
    const expected = s * s - gaussianReverse(chainStep(chain, 1), m, s).variance;
    const learned = draw('learned');
    expect(Math.abs(learned - expected)).toBeLessThan(0.06 * expected);
    expect(draw('betaTilde')).toBeLessThan(0.9 * expected);
    expect(draw('beta')).toBeGreaterThan(1.1 * expected);
  });
});
