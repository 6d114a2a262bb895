import { describe, expect, it } from 'vitest';
import { sampleCounts, TOY, toyProbs } from './discrete.testkit';
import { absorbingProcess, uniformProcess } from './process';
import { confidence } from './samplers/confidence';
import { d3pmAncestral } from './samplers/d3pm-ancestral';
import { mdlmAncestral } from './samplers/mdlm-ancestral';
import { remdm } from './samplers/remdm';
import { semiAr } from './samplers/semi-ar';
import { tauLeaping } from './samplers/tau-leaping';
import { cosineSchedule, mutualInformationSchedule } from './schedules';
import { chiSquareTest } from './stats';

/**
 * Measured p-values: confidence (random order, N = 3) 0.877, infilling 0.100, semi-ar
 * (block 1) 0.958; at 128 steps (in-support cells, share outside in brackets) mdlm 0.840
 * (0.7%), d3pm 0.040 (0.85%), τ-leaping 0.170 (0.8%), remdm η = 0.05 0.134 (1.35%), uniform
 * mixture 0.404 (0.05%).
 */
const SAMPLES = 4000;
const expected = [...toyProbs(), 0];

/** Sampling with the exact denoiser reproduces the training set's empirical distribution. */
describe('samples of the exact model follow the training distribution (chi-square, 4000 samples)', () => {
  const exact = absorbingProcess(5, mutualInformationSchedule(3));

  it('confidence sampler, random order, one token per step (exact any-order autoregression)', () => {
    const counts = sampleCounts(
      confidence,
      { order: 'random', candidate: 'sample', temperature: 0 },
      exact,
      3,
      SAMPLES,
    );
    const test = chiSquareTest(counts, expected);
    expect(test.pValue).toBeGreaterThan(0.001);
    // the same counts against a wrong distribution (weights reversed) fail
    const wrong = [...toyProbs().reverse(), 0];
    expect(chiSquareTest(counts, wrong).pValue).toBeLessThan(1e-6);
  });

  it('infilling: with the middle token fixed to 1, samples follow the conditional distribution', () => {
    const params = { order: 'random', candidate: 'sample', temperature: 0 };
    const counts = sampleCounts(
      confidence,
      params,
      exact,
      3,
      SAMPLES,
      TOY,
      Int32Array.from([-1, 1, -1]),
    );
    // sequences 0, 2 and 5 have x₁ = 1 (weights 1, 3, 6)
    const conditional = [0.1, 0, 0.3, 0, 0, 0.6, 0];
    expect(chiSquareTest(counts, conditional).pValue).toBeGreaterThan(0.001);
  });

  it('semi-autoregressive, block 1 (left to right), one token per step', () => {
    const counts = sampleCounts(
      semiAr,
      { block: 1, order: 'confidence', candidate: 'sample', temperature: 0 },
      exact,
      3,
      SAMPLES,
    );
    const test = chiSquareTest(counts, expected);
    expect(test.pValue).toBeGreaterThan(0.001);
  });

  /**
   * Samplers that reveal tokens in parallel factorise each step over positions, so a step
   * revealing two dependent tokens at once can leave the training set: an O(1/N) error. With
   * 128 steps: under 2% of samples outside, and those inside follow the distribution.
   */
  const fine = absorbingProcess(5, mutualInformationSchedule(128));
  it.each([
    ['mdlm-ancestral', mdlmAncestral, { cache: true }, fine],
    ['d3pm-ancestral', d3pmAncestral, { form: 'eq4' }, fine],
    ['tau-leaping', tauLeaping, {}, fine],
    ['remdm η = 0.05', remdm, { strategy: 'cap', eta: 0.05 }, fine],
    [
      'd3pm-ancestral (mixture), uniform',
      d3pmAncestral,
      { form: 'mixture' },
      uniformProcess(4, cosineSchedule(128)),
    ],
  ] as const)('%s, 128 steps', (_name, def, params, proc) => {
    const counts = sampleCounts(def as never, params as never, proc, 128, 2000);
    const inside = chiSquareTest(counts.slice(0, -1), toyProbs());
    expect(counts[counts.length - 1] / 2000).toBeLessThan(0.02);
    expect(inside.pValue).toBeGreaterThan(0.001);
  });

  it('the share outside the training set falls like 1/N (mdlm-ancestral, 2000 samples)', () => {
    const outside = [16, 64, 256].map((N) => {
      const counts = sampleCounts(
        mdlmAncestral,
        { cache: true },
        absorbingProcess(5, mutualInformationSchedule(N)),
        N,
        2000,
      );
      return counts[counts.length - 1] / 2000;
    });
    expect(outside[0]).toBeGreaterThan(outside[1]);
    expect(outside[1]).toBeGreaterThan(outside[2]);
  });

  it('few parallel steps do not reproduce it (the test can fail)', () => {
    const counts = sampleCounts(mdlmAncestral, { cache: true }, fine, 1, SAMPLES);
    const test = chiSquareTest(counts, expected);
    expect(test.pValue).toBeLessThan(1e-6);
  });
});
