import { describe, expect, it } from 'vitest';
import { mixtureDenoiser } from '../denoisers/gaussianMixture';
import { uniformAt } from '../rng';
import { BENCHMARK_MIXTURE } from '../samplers/convergence';
import { makeDiscreteVP } from '../schedules/discreteVP';
import { sampleDataset } from '../data';
import { elboJumpCosts, optimalSubset, subsetSigmas } from './dpSchedule';
import { ddpmElbo } from './elbo';

/** Every descending path T > τ_{K−1} > … > τ_1 > 0 and its summed cost: the brute-force oracle. */
function bruteForce(cost: (t: number, s: number) => number, T: number, K: number) {
  let best = { path: [] as number[], cost: Infinity };
  const choose = (from: number, left: number, picked: number[]) => {
    if (left === 0) {
      const path = [T, ...picked.toReversed(), 0];
      let c = 0;
      for (let j = 0; j + 1 < path.length; j++) c += cost(path[j], path[j + 1]);
      if (c < best.cost) best = { path, cost: c };
      return;
    }
    for (let s = from; s < T; s++) choose(s + 1, left - 1, [...picked, s]);
  };
  choose(1, K - 1, []);
  return best;
}

const schedule = makeDiscreteVP({ kind: 'linear', numTrainTimesteps: 14 });
const T = schedule.numTrainTimesteps;
const x0 = sampleDataset('gaussians8', 64, 1);
const options = { samples: 4, seed: 2 };
const elboCost = elboJumpCosts(mixtureDenoiser(BENCHMARK_MIXTURE), x0, schedule, options);

describe('optimal timestep subsets (Watson et al. 2021, dynamic programming)', () => {
  it.each([1, 2, 3, 5, 8, 14])(
    'equals brute-force enumeration for K = %s of T = 14 (ELBO costs)',
    (K) => {
      const dp = optimalSubset(elboCost, T, K);
      const brute = bruteForce(elboCost, T, K);
      expect(dp.path).toEqual(brute.path);
      expect(dp.cost).toBeCloseTo(brute.cost, 12);
    },
  );

  it('equals brute force on random cost matrices', () => {
    for (let trial = 0; trial < 20; trial++) {
      const cost = (t: number, s: number) => uniformAt(trial, t, s);
      for (const K of [2, 4, 6]) {
        const dp = optimalSubset(cost, 10, K);
        expect(dp.path).toEqual(bruteForce(cost, 10, K).path);
      }
    }
  });

  it('with K = T the jumps are the DDPM bound terms: the cost is ddpmElbo total − L_T', () => {
    const elbo = ddpmElbo(mixtureDenoiser(BENCHMARK_MIXTURE), x0, schedule, options);
    const full = optimalSubset(elboCost, T, T);
    expect(full.path).toEqual(Array.from({ length: T + 1 }, (_, i) => T - i));
    expect(full.cost).toBeCloseTo(elbo.total - elbo.lT, 10);
  });

  it('maps a path to the σ of each diffusers timestep τ − 1, then 0', () => {
    const { path } = optimalSubset(elboCost, T, 3);
    const sigmas = subsetSigmas(schedule, path);
    expect(sigmas).toHaveLength(4);
    expect(sigmas[0]).toBe(schedule.sigma(T - 1));
    expect(sigmas.at(-1)).toBe(0);
  });
});
