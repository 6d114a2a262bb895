import { describe, expect, it } from 'vitest';
import { TOY, toyProbs } from './discrete.testkit';
import { elboExact, elboMonteCarlo, hybridLoss, stepTerm } from './elbo';
import { exactDenoiser } from './exact';
import { mdlmDraws, mdlmElbo, mdlmElboFromProbs, mdlmLoss, mdlmWeight } from './mdlm';
import type { ReverseForm } from './posterior';
import { absorbingProcess, uniformProcess, type CategoricalProcess } from './process';
import { timestepGrid } from './sampling';
import { cosineSchedule, logLinearSchedule, mutualInformationSchedule } from './schedules';

const probs = toyProbs();
const entropy = -probs.reduce((h, p) => h + p * Math.log(p), 0);
const sequences = probs.map((_, j) => TOY.tokens.slice(j * 3, j * 3 + 3));

/** The training set's average negative ELBO (nats) on an N-step grid. */
function bound(proc: CategoricalProcess, N: number, form: ReverseForm): number {
  const denoise = exactDenoiser(proc, TOY);
  const grid = timestepGrid(proc.schedule.T, N);
  return sequences.reduce(
    (sum, x0, j) => sum + probs[j] * elboExact(proc, grid, x0, denoise, form).total,
    0,
  );
}

/**
 * Measured (nats; NLL = entropy of the training set = 1.6624): gaps at N = 1, 2, 4, 8, 16, 64 of
 * 2.122, 0.958, 0.453, 0.220, 0.109, 0.027 (absorbing) and 2.122, 1.262, 0.660, 0.324, 0.159,
 * 0.039 (uniform): about 1/N. MDLM's continuous ELBO 1.661 ± 0.008 (Monte Carlo).
 */
describe('ELBO of the exact model on its training set', () => {
  const steps = [1, 2, 4, 8, 16, 64];
  it.each([
    ['absorbing, mutual information', absorbingProcess(5, mutualInformationSchedule(64)), 'eq4'],
    ['uniform, cosine (mixture form)', uniformProcess(4, cosineSchedule(64)), 'mixture'],
  ] as const)(
    '%s: bounds the true NLL, and the gap shrinks with the steps',
    (_name, proc, form) => {
      const gaps = steps.map((N) => bound(proc, N, form) - entropy);
      for (const g of gaps) expect(g).toBeGreaterThan(0);
      for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeLessThan(gaps[i - 1]);
      expect(gaps[gaps.length - 1]).toBeLessThan(0.1 * gaps[0]);
    },
  );

  it('Monte Carlo estimates converge on the exact terms', () => {
    const proc = absorbingProcess(5, mutualInformationSchedule(16));
    const denoise = exactDenoiser(proc, TOY);
    const grid = timestepGrid(16, 4);
    const exact = elboExact(proc, grid, sequences[2], denoise);
    const mc = elboMonteCarlo(proc, grid, sequences[2], denoise, 4000, 1);
    expect(mc.prior).toBe(exact.prior);
    expect(mc.total).toBeCloseTo(exact.total, 1);
  });

  it("MDLM's continuous-time ELBO is the many-step limit of the discrete one", () => {
    const proc = absorbingProcess(5, logLinearSchedule(256));
    const denoise = exactDenoiser(proc, TOY);
    const discrete = bound(proc, 256, 'eq4');
    let mean = 0;
    let variance = 0;
    sequences.forEach((x0, j) => {
      const r = mdlmElbo(proc, x0, denoise, 20000, 7 + j);
      mean += probs[j] * r.mean;
      variance += (probs[j] * r.stderr) ** 2;
    });
    expect(Math.abs(mean - discrete)).toBeLessThan(4 * Math.sqrt(variance) + 0.01);
    expect(mean).toBeGreaterThan(entropy - 4 * Math.sqrt(variance));
  });
});

describe("MDLM's ELBO on a batch", () => {
  it('equals each sequence estimated on its own under its seed', () => {
    const proc = absorbingProcess(5, logLinearSchedule(100));
    const denoise = exactDenoiser(proc, TOY);
    const x0s = TOY.tokens;
    const samples = 9;
    const draws = mdlmDraws(proc, x0s, 3, samples, (b) => 40 + b);
    const probs = new Float64Array(draws.u.length * 3 * 5);
    draws.u.forEach((u, r) => probs.set(denoise(draws.xt.subarray(r * 3, r * 3 + 3), u), r * 15));
    const batch = mdlmElboFromProbs(proc, x0s, 3, samples, draws, probs);
    expect(batch).toHaveLength(6);
    sequences.forEach((x0, b) =>
      expect(batch[b]).toEqual(mdlmElbo(proc, x0, denoise, samples, 40 + b)),
    );
  });
});

describe('loss terms', () => {
  const proc = absorbingProcess(5, logLinearSchedule(10));
  const x0 = Int32Array.from([0, 1, 2]);
  const xt = Int32Array.from([4, 1, 4]);
  const pred = Float64Array.from([0.5, 0.2, 0.2, 0.1, 0, 0, 1, 0, 0, 0, 0.1, 0.1, 0.7, 0.1, 0]);

  it('L_0 is the masked cross-entropy, and the hybrid loss adds λ times it (D3PM eq. 5)', () => {
    const l0 = stepTerm(proc, 0, 3, x0, xt, pred);
    expect(l0).toBeCloseTo(-Math.log(0.5) - Math.log(0.7), 12);
    const h = hybridLoss(proc, 0, 3, x0, xt, pred, 0.01);
    expect(h.vb).toBe(l0);
    expect(h.ce).toBeCloseTo(-Math.log(0.5) - Math.log(1) - Math.log(0.7), 12);
    expect(h.total).toBeCloseTo(h.vb + 0.01 * h.ce, 14);
  });

  it('MDLM: weight 1/τ for α = 1 − τ, loss over masked positions only', () => {
    expect(mdlmWeight(proc, 2.5)).toBeCloseTo(1 / 0.25, 12);
    expect(mdlmLoss(proc, 2.5, x0, xt, pred)).toBeCloseTo(4 * (-Math.log(0.5) - Math.log(0.7)), 12);
  });
});
