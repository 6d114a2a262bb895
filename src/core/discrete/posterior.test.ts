import { describe, expect, it } from 'vitest';
import { uniformAt } from '../rng';
import { exactDenoiser } from './exact';
import { posterior, reverseProbs } from './posterior';
import {
  absorbingProcess,
  gaussianProcess,
  uniformProcess,
  type CategoricalProcess,
} from './process';
import { cosineSchedule, linearSchedule, mutualInformationSchedule } from './schedules';

/** All 4³ sequences of a 3-token, 4-symbol toy, as digit triples. */
function triples(K: number): number[][] {
  const out: number[][] = [];
  for (let a = 0; a < K; a++)
    for (let b = 0; b < K; b++) for (let c = 0; c < K; c++) out.push([a, b, c]);
  return out;
}

const K = 4;
const T = 12;
const cases: [string, CategoricalProcess][] = [
  ['uniform', uniformProcess(K, cosineSchedule(T))],
  ['absorbing', absorbingProcess(K, mutualInformationSchedule(T))],
  ['gaussian', gaussianProcess(K, linearSchedule(T, 0.05, 0.6))],
];

describe.each(cases)('%s: brute-force enumeration of the joint q(x₀, x_s, x_t)', (_, proc) => {
  const data = proc.mask >= 0 ? triples(K).filter((x) => !x.includes(proc.mask)) : triples(K);
  const weights = data.map((_, j) => 0.1 + uniformAt(7, 0, j));
  const s = 4;
  const t = 9;
  /** The joint over whole sequences: p(x₀) Π_l [Q̄_s]_{x₀,x_s} [Q_{s→t}]_{x_s,x_t}. */
  const joint = (j: number, xs: number[], xt: number[]) =>
    weights[j] *
    [0, 1, 2].reduce(
      (p, l) => p * proc.prob(0, s, data[j][l], xs[l]) * proc.prob(s, t, xs[l], xt[l]),
      1,
    );
  const xts = triples(K);

  it('posterior q(x_s,l | x_t, x₀) is the joint summed over the other positions (D3PM eq. 3)', () => {
    for (const j of [0, 5, data.length - 1]) {
      for (const xt of [xts[3], xts[17], xts[xts.length - 1]]) {
        const sums = [0, 1, 2].map(() => new Float64Array(K));
        let total = 0;
        for (const xs of triples(K)) {
          const q = joint(j, xs, xt);
          total += q;
          for (let l = 0; l < 3; l++) sums[l][xs[l]] += q;
        }
        if (total === 0) continue;
        for (let l = 0; l < 3; l++) {
          const got = posterior(proc, s, t, data[j][l], xt[l]);
          for (let k = 0; k < K; k++) expect(got[k]).toBeCloseTo(sums[l][k] / total, 12);
          let den = 0;
          for (let k = 0; k < K; k++)
            den += proc.prob(0, s, data[j][l], k) * proc.prob(s, t, k, xt[l]);
          expect(den).toBeCloseTo(proc.prob(0, t, data[j][l], xt[l]), 14);
        }
      }
    }
  });

  it('the exact denoiser is the joint posterior p(x₀,l | x_t); the mixture step gives q(x_s,l | x_t)', () => {
    const denoise = exactDenoiser(proc, {
      L: 3,
      tokens: Int32Array.from(data.flat()),
      weights: Float64Array.from(weights),
    });
    for (const xt of [xts[0], xts[21], xts[42], xts[63]]) {
      const x0Marg = [0, 1, 2].map(() => new Float64Array(K));
      const xsMarg = [0, 1, 2].map(() => new Float64Array(K));
      let total = 0;
      data.forEach((x0, j) => {
        for (const xs of triples(K)) {
          const q = joint(j, xs, xt);
          total += q;
          for (let l = 0; l < 3; l++) {
            x0Marg[l][x0[l]] += q;
            xsMarg[l][xs[l]] += q;
          }
        }
      });
      if (total === 0) continue;
      const pred = denoise(Int32Array.from(xt), t);
      for (let l = 0; l < 3; l++) {
        for (let k = 0; k < K; k++) expect(pred[l * K + k]).toBeCloseTo(x0Marg[l][k] / total, 12);
        const p0 = pred.subarray(l * K, l * K + K);
        const mix = reverseProbs(proc, s, t, xt[l], p0, undefined, 'mixture');
        const eq4 = reverseProbs(proc, s, t, xt[l], p0);
        for (let k = 0; k < K; k++) {
          expect(mix[k]).toBeCloseTo(xsMarg[l][k] / total, 12);
          if (proc.kind === 'absorbing') expect(eq4[k]).toBeCloseTo(mix[k], 12);
        }
      }
    }
  });

  it('eq. 4 with the true posterior differs from q(x_s | x_t) off the absorbing process', () => {
    const p0 = Float64Array.from([0.1, 0.2, 0.3, 0.4]);
    const mix = reverseProbs(proc, s, t, 1, p0, undefined, 'mixture');
    const eq4 = reverseProbs(proc, s, t, 1, p0);
    const gap = Math.max(...mix.map((v, k) => Math.abs(v - eq4[k])));
    if (proc.kind === 'absorbing') expect(gap).toBeLessThan(1e-14);
    else expect(gap).toBeGreaterThan(1e-3);
  });
});

describe('exact denoiser constraints', () => {
  const proc = absorbingProcess(4, mutualInformationSchedule(10));
  const data = {
    L: 3,
    tokens: Int32Array.from([0, 1, 2, 0, 2, 2, 1, 1, 0]),
    weights: Float64Array.from([1, 2, 3]),
  };

  it('conditions on fixed positions, and is time-independent on the absorbing process', () => {
    const denoise = exactDenoiser(proc, data, Int32Array.from([0, -1, -1]));
    const xt = Int32Array.from([3, 3, 2]);
    const a = denoise(xt, 3);
    // sequences 0 and 1 start with 0 and end with 2 (weights 1 : 2)
    expect([...a.subarray(4, 8)].map((v) => +v.toFixed(12))).toEqual(
      [0, 1 / 3, 2 / 3, 0].map((v) => +v.toFixed(12)),
    );
    expect(denoise(xt, 8)).toEqual(a);
  });

  it('falls back to the sequences with the fewest impossible positions', () => {
    const denoise = exactDenoiser(proc, data);
    const out = denoise(Int32Array.from([1, 1, 2]), 5);
    // no sequence matches; sequences 0 (1 mismatch) and 2 (1 mismatch at the last token) tie on count
    expect(out[0 * 4 + 0] + out[0 * 4 + 1]).toBeCloseTo(1, 14);
    expect(out.every((v) => Number.isFinite(v))).toBe(true);
  });
});
