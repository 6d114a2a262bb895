import { describe, expect, it } from 'vitest';
import { edmCoefficients } from '../../core/denoisers/edm';
import {
  denoisedFromPrediction,
  predictionFromDenoised,
} from '../../core/denoisers/parameterisation';
import { float64Ops } from '../../core/ops';
import { normals, uniformAt } from '../../core/rng';
import { makeDiscreteVP } from '../../core/schedules/discreteVP';
import {
  batchLoss,
  makeBatch,
  OBJECTIVES,
  predictionOf,
  sampleTimes,
  type TrainingBatch,
} from './objectives';

const schedule = makeDiscreteVP({ kind: 'linear', numTrainTimesteps: 1000 });
const N = 20000;
/** Gaussian data N(0, c²I): the exact denoiser is D*(x, σ) = c²/(c² + σ²)·x. */
const C = 0.7;

function gaussianBatch(objective: (typeof OBJECTIVES)[number], seed: number) {
  const x0 = normals(seed, 1, 2 * N).map((v) => C * v);
  const eps = normals(seed, 2, 2 * N);
  const u = Float64Array.from({ length: N }, (_, i) => uniformAt(seed, 3, i));
  const t = sampleTimes(objective, schedule, u, normals(seed, 4, N));
  return { batch: makeBatch(objective, schedule, x0, eps, t), x0, t };
}

/** The exact prediction at each sample, through the app's own parameterisation adapters. */
function exactOutputs(objective: (typeof OBJECTIVES)[number], batch: TrainingBatch): Float64Array {
  const out = new Float64Array(2 * N);
  for (let i = 0; i < N; i++) {
    const sigma = schedule.sigma(batch.t[i]);
    const s = schedule.scale(batch.t[i]);
    const x = Float64Array.from([batch.xt[2 * i] / s, batch.xt[2 * i + 1] / s]);
    const d = x.map((v) => ((C * C) / (C * C + sigma * sigma)) * v);
    out.set(predictionFromDenoised(float64Ops, predictionOf(objective), x, d, sigma, s), 2 * i);
  }
  return out;
}

/** Mean and standard error of the per-sample directional derivative w·(out − target)·h. */
function directional(batch: TrainingBatch, out: Float64Array, h: (j: number) => number) {
  const g = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    for (let j = 2 * i; j < 2 * i + 2; j++)
      g[i] += batch.weight[i] * (out[j] - batch.target[j]) * h(j);
  }
  const mean = g.reduce((a, b) => a + b, 0) / N;
  const sd = Math.sqrt(g.reduce((a, b) => a + (b - mean) ** 2, 0) / (N - 1));
  return { mean, se: sd / Math.sqrt(N) };
}

describe.each(OBJECTIVES)('objective %s on Gaussian data', (objective) => {
  const { batch } = gaussianBatch(objective, 7);
  const exact = exactOutputs(objective, batch);
  const directions: [string, (j: number) => number][] = [
    ['a constant shift', () => 1],
    ['a rescaling', (j) => exact[j]],
  ];

  it.each(directions)('has zero mean gradient at the exact solution along %s', (_, h) => {
    const g = directional(batch, exact, h);
    expect(Math.abs(g.mean)).toBeLessThan(4 * g.se);
    const shifted = exact.map((v, j) => v + 0.3 * h(j));
    const gs = directional(batch, shifted, h);
    expect(Math.abs(gs.mean)).toBeGreaterThan(10 * gs.se);
  });

  it('gives the exact prediction a lower loss than perturbed ones', () => {
    const base = batchLoss(batch, exact);
    for (const delta of [-0.2, 0.2]) {
      expect(
        batchLoss(
          batch,
          exact.map((v) => v * (1 + delta)),
        ),
      ).toBeGreaterThan(base);
    }
    for (const delta of [-0.2, -0.05, 0.05, 0.2]) {
      expect(
        batchLoss(
          batch,
          exact.map((v) => v + delta),
        ),
      ).toBeGreaterThan(base);
    }
  });
});

describe('EDM objective', () => {
  it("equals Karras et al.'s λ(σ)·‖D − x0‖²/2 with D = c_skip·x + c_out·F, F = −out, σ_data = 1", () => {
    const { batch, x0 } = gaussianBatch('edm', 3);
    const out = normals(11, 0, 2 * N);
    let direct = 0;
    for (let i = 0; i < N; i++) {
      const sigma = schedule.sigma(batch.t[i]);
      const { cSkip, cOut } = edmCoefficients(sigma, 1);
      const lambda = (sigma * sigma + 1) / (sigma * sigma);
      for (let j = 2 * i; j < 2 * i + 2; j++) {
        const x = batch.xt[j] * Math.sqrt(1 + sigma * sigma);
        direct += (lambda * (cSkip * x - cOut * out[j] - x0[j]) ** 2) / (2 * N);
      }
    }
    expect(batchLoss(batch, out)).toBeCloseTo(direct, 4);
  });

  it('draws ln σ from N(−1.2, 1.2²) (Table 1), clipped to the schedule', () => {
    const { t } = gaussianBatch('edm', 5);
    const logs = Array.from(t, (v) => Math.log(schedule.sigma(v)));
    const inside = logs.filter((v) => v > Math.log(schedule.sigma(0)) + 1e-9);
    const mean = logs.reduce((a, b) => a + b, 0) / N;
    expect(mean).toBeGreaterThan(-1.2 - 0.05);
    expect(mean).toBeLessThan(-1.2 + 0.05);
    // P(σ < σ(0) ≈ 0.01) = Φ((ln 0.01 + 1.2)/1.2) ≈ 0.0023
    expect(1 - inside.length / N).toBeCloseTo(0.0023, 2);
  });

  it('saves as a v-network: the v denoiser is EDM preconditioning at σ_data = 1', () => {
    for (const sigma of [0.01, 0.5, 3, 80]) {
      const { cSkip, cOut } = edmCoefficients(sigma, 1);
      const d = denoisedFromPrediction(
        float64Ops,
        'v',
        Float64Array.of(1.3),
        Float64Array.of(-0.4),
        sigma,
      );
      expect(d[0]).toBeCloseTo(cSkip * 1.3 - cOut * -0.4, 12);
    }
  });
});
