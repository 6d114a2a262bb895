import { describe, expect, it } from 'vitest';
import { sampleDataset, sampleMixture } from '../data';
import { exactModel } from '../data/exact';
import { mixtureDivergenceModel } from '../denoisers/divergence';
import { gaussianMixtureModel } from '../denoisers/gaussianMixture';
import { cellWidth } from '../metrics/squareGrid';
import { normals } from '../rng';
import { BENCHMARK_MIXTURE } from '../samplers/convergence';
import {
  exactDivergenceModel,
  logDensityGrid,
  negativeLogLikelihood,
  odeLogDensity,
  type GridChunk,
} from './likelihood';

/** log N(x; 0, diag(v)) per 2D point. */
const diagLogDensity = (x: Float64Array, v: [number, number]) =>
  Float64Array.from({ length: x.length / 2 }, (_, p) =>
    [0, 1].reduce(
      (s, c) => s - x[2 * p + c] ** 2 / (2 * v[c]) - 0.5 * Math.log(2 * Math.PI * v[c]),
      0,
    ),
  );

describe('odeLogDensity (probability-flow ODE, exact divergence)', () => {
  const c: [number, number] = [0.4, 1.7];
  const gaussian = mixtureDivergenceModel({
    weights: [1],
    means: [[0, 0]],
    covs: [
      [
        [c[0], 0],
        [0, c[1]],
      ],
    ],
  });
  const x = normals(11, 0, 40);
  const [sigmaMin, sigmaMax] = [0.002, 80];

  const exactPrior = (y: Float64Array, s: number) =>
    diagLogDensity(y, [c[0] + s * s, c[1] + s * s]);
  const maxError = (logp: Float64Array, expected: Float64Array) =>
    Math.max(...logp.map((v, p) => Math.abs(v - expected[p])));

  it('equals the Gaussian log-density of p_σmin when started from the exact p_σmax, to the solver tolerance', () => {
    const expected = diagLogDensity(x, [c[0] + sigmaMin ** 2, c[1] + sigmaMin ** 2]);
    const standard = odeLogDensity(gaussian, x, { sigmaMin, sigmaMax, logPrior: exactPrior });
    const tight = odeLogDensity(gaussian, x, {
      sigmaMin,
      sigmaMax,
      logPrior: exactPrior,
      rtol: 1e-10,
      atol: 1e-10,
    });
    expect(maxError(standard.logp, expected)).toBeLessThan(1e-4);
    expect(maxError(tight.logp, expected)).toBeLessThan(1e-7);
    expect(tight.nfe).toBeGreaterThan(standard.nfe);
  });

  it("with the samplers' prior N(0, σ_max²I) equals the pushforward Gaussian, variance σ_max²(c + σ_min²)/(c + σ_max²)", () => {
    const v = c.map((ci) => (sigmaMax ** 2 * (ci + sigmaMin ** 2)) / (ci + sigmaMax ** 2)) as [
      number,
      number,
    ];
    const { logp } = odeLogDensity(gaussian, x, { sigmaMin, sigmaMax, rtol: 1e-10, atol: 1e-10 });
    expect(maxError(logp, diagLogDensity(x, v))).toBeLessThan(1e-7);
  });

  it("matches a mixture's analytic log p_σmin: 1e-5 nats at tolerance 1e-8, 5e-4 at 1e-6; 2e-2 from N(0, σ_max²I)", () => {
    const analytic = gaussianMixtureModel(BENCHMARK_MIXTURE);
    const model = mixtureDivergenceModel(BENCHMARK_MIXTURE);
    const points = normals(12, 0, 60);
    const options = { sigmaMin: 0.01, sigmaMax: 80 };
    const expected = analytic.logDensity(points, options.sigmaMin);
    const logPrior = (y: Float64Array, s: number) => analytic.logDensity(y, s);
    expect(
      maxError(
        odeLogDensity(model, points, { ...options, logPrior, rtol: 1e-8, atol: 1e-8 }).logp,
        expected,
      ),
    ).toBeLessThan(1e-5);
    expect(
      maxError(odeLogDensity(model, points, { ...options, logPrior }).logp, expected),
    ).toBeLessThan(5e-4);
    // The samplers' prior ignores the data's mean and spread: a mismatch of order |x_T|·|μ|/σ_max².
    expect(maxError(odeLogDensity(model, points, options).logp, expected)).toBeLessThan(2e-2);
  });
});

describe('logDensityGrid', () => {
  const model = mixtureDivergenceModel(BENCHMARK_MIXTURE);
  const grid = { size: 40, extent: 3 };
  const options = { sigmaMin: 0.1, sigmaMax: 40, rtol: 1e-5, atol: 1e-5 };
  const gen = logDensityGrid(model, grid, options, 16);
  const chunks: GridChunk[] = [];
  let r = gen.next();
  for (; !r.done; r = gen.next()) chunks.push(r.value);
  const logp = r.value;

  it('covers the rows in chunks with rising progress', () => {
    expect(chunks.map((ch) => [ch.rowStart, ch.rows])).toEqual([
      [0, 16],
      [16, 16],
      [32, 8],
    ]);
    expect(chunks.at(-1)!.fraction).toBe(1);
    expect(logp.subarray(16 * 40, 32 * 40)).toEqual(chunks[1].logp);
  });

  it('is a normalised density: Σ exp(log p)·cell² ≈ 1', () => {
    const mass = logp.reduce((s, v) => s + Math.exp(v), 0) * cellWidth(grid) ** 2;
    expect(mass).toBeGreaterThan(0.995);
    expect(mass).toBeLessThan(1.005);
  });
});

describe('negativeLogLikelihood', () => {
  it('of held-out Gaussian data is the cross-entropy ½log det(2πΣ) + ½tr(Σ⁻¹C), Σ = C + σ²I (within sampling error)', () => {
    const c = 0.5;
    const mixture = {
      weights: [1],
      means: [[0, 0]],
      covs: [
        [
          [c, 0],
          [0, c],
        ],
      ],
    };
    const data = sampleMixture(mixture, 400, 3);
    const sigmaMin = 0.05;
    const { nll } = negativeLogLikelihood(mixtureDivergenceModel(mixture), data, {
      sigmaMin,
      sigmaMax: 40,
    });
    const v = c + sigmaMin ** 2;
    expect(nll).toBeCloseTo(Math.log(2 * Math.PI * v) + c / v, 0);
    expect(Math.abs(nll - (Math.log(2 * Math.PI * v) + c / v))).toBeLessThan(0.15);
  });
});

describe('exactDivergenceModel', () => {
  it("denoises exactly like the data set's exact model, for a mixture and for a point set", () => {
    const points = normals(2, 0, 10);
    for (const id of ['gaussians8', 'moons']) {
      const ours = exactDivergenceModel(id).evaluate(points, 0.3).denoised;
      const theirs = exactModel(id).model.denoise(points, 0.3);
      for (let i = 0; i < points.length; i++) expect(ours[i]).toBeCloseTo(theirs[i], 12);
    }
  });
});

describe("the app's exact mixture models", () => {
  it.each(['gaussians8', 'gaussians25'])(
    '%s: held-out log p by the ODE (exact prior, tolerance 1e-6) within 1e-3 nats of the analytic log p at every point',
    (id) => {
      const analytic = exactModel(id).model;
      const data = sampleDataset(id, 200, 31);
      const options = { sigmaMin: 0.002, sigmaMax: 80 };
      const { logp } = odeLogDensity(exactDivergenceModel(id), data, {
        ...options,
        logPrior: (y, s) => analytic.logDensity(y, s),
      });
      const expected = analytic.logDensity(data, options.sigmaMin);
      const worst = Math.max(...logp.map((v, p) => Math.abs(v - expected[p])));
      expect(worst).toBeLessThan(1e-3);
    },
  );
});
