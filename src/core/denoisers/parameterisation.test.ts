import { describe, expect, it } from 'vitest';
import { float64Ops } from '../ops';
import { subVpProcess, veProcess, vpProcess } from '../schedules/continuous';
import { makeDiscreteVP } from '../schedules/discreteVP';
import type { Process } from '../schedules/process';
import {
  denoiserFromModel,
  PREDICTIONS,
  predictionFromDenoised,
  type Prediction,
  type RawModel,
} from './parameterisation';

/** Data x0 ~ N(m, c²) per coordinate (independent coordinates). */
const m = Float64Array.from([0.3, -1.2, 2.0, 0]);
const c = Float64Array.from([0.5, 1.0, 0.1, 2.5]);
const x = Float64Array.from([0.7, -3.0, 4.5, -0.2]);

/** The exact denoiser in k-diffusion coordinates: E[x0 | x0 + σε = x] = m + c²/(c² + σ²)(x − m). */
const exactDenoiser = (xs: Float64Array, sigma: number) =>
  xs.map((xi, i) => m[i] + (c[i] ** 2 / (c[i] ** 2 + sigma ** 2)) * (xi - m[i]));

/**
 * Exact networks in the process's own coordinates, by Gaussian regression on
 * x_t = s·x0 + s·σ·ε: Var x_t = s²(c² + σ²), Cov(x0, x_t) = s·c², Cov(ε, x_t) = s·σ.
 */
function exactModel(process: Process, prediction: Prediction): RawModel<Float64Array> {
  return (xt, t) => {
    const s = process.scale(t);
    const sigma = process.sigma(t);
    return xt.map((v, i) => {
      const variance = s * s * (c[i] ** 2 + sigma ** 2);
      const centred = v - s * m[i];
      const x0 = m[i] + ((s * c[i] ** 2) / variance) * centred;
      const eps = ((s * sigma) / variance) * centred;
      switch (prediction) {
        case 'eps':
          return eps;
        case 'x0':
          return x0;
        case 'v':
          return (eps - sigma * x0) / Math.sqrt(1 + sigma * sigma);
        case 'score':
          return -centred / variance;
      }
    });
  };
}

function expectClose(a: Float64Array, b: Float64Array, tol = 1e-12) {
  a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(tol * (1 + Math.abs(b[i]))));
}

const cases: Array<[string, Process, number[]]> = [
  [
    'discrete VP (SD scaled_linear)',
    makeDiscreteVP({ kind: 'scaled_linear', betaStart: 0.00085, betaEnd: 0.012 }),
    [0.04, 0.7, 3, 14],
  ],
  ['VP', vpProcess(), [0.05, 1, 20, 150]],
  ['sub-VP', subVpProcess(), [0.05, 1, 20, 150]],
  ['VE', veProcess(), [0.02, 1, 20, 50]],
];

describe.each(cases)('%s', (_name, process, sigmas) => {
  it.each(PREDICTIONS)('an exact %s network gives back the exact denoiser', (prediction) => {
    const denoise = denoiserFromModel(
      float64Ops,
      process,
      prediction,
      exactModel(process, prediction),
    );
    for (const sigma of sigmas) expectClose(denoise(x, sigma), exactDenoiser(x, sigma));
  });

  it.each(PREDICTIONS)(
    'the exact denoiser converts back to the exact %s prediction',
    (prediction) => {
      const model = exactModel(process, prediction);
      for (const sigma of sigmas) {
        const t = process.tOfSigma(sigma);
        const s = process.scale(t);
        const expected = model(
          x.map((v) => s * v),
          t,
        );
        expectClose(
          predictionFromDenoised(float64Ops, prediction, x, exactDenoiser(x, sigma), sigma, s),
          expected,
        );
      }
    },
  );
});

describe('denoiserFromModel', () => {
  it('VP v-prediction is α_t ε − σ_t x0 with α_t² + σ_t² = 1', () => {
    const p = vpProcess();
    const sigma = 2;
    const t = p.tOfSigma(sigma);
    const [alpha, sigmaT] = [p.scale(t), p.scale(t) * sigma];
    expect(alpha * alpha + sigmaT * sigmaT).toBeCloseTo(1, 14);
    const v = predictionFromDenoised(float64Ops, 'v', x, exactDenoiser(x, sigma), sigma);
    const eps = predictionFromDenoised(float64Ops, 'eps', x, exactDenoiser(x, sigma), sigma);
    expectClose(
      v,
      eps.map((e, i) => alpha * e - sigmaT * exactDenoiser(x, sigma)[i]),
    );
  });

  it('feeds the network x_t = sqrt(ᾱ)·x and the continuous timestep, or an integer one when quantized', () => {
    const sd = makeDiscreteVP({ kind: 'linear' });
    const seen: Array<[number, number]> = [];
    const spy: RawModel<Float64Array> = (xt, t) => {
      seen.push([xt[0], t]);
      return new Float64Array(xt.length);
    };
    const sigma = Math.sqrt(sd.sigmas[500] * sd.sigmas[501]);
    denoiserFromModel(float64Ops, sd, 'eps', spy)(Float64Array.of(2), sigma);
    denoiserFromModel(float64Ops, sd, 'eps', spy, { timeOfSigma: (s) => sd.tOfSigma(s, true) })(
      Float64Array.of(2),
      sd.sigmas[500] * 1.0001,
    );
    expect(seen[0][0]).toBeCloseTo(2 / Math.sqrt(1 + sigma * sigma), 14);
    expect(seen[0][1]).toBeCloseTo(500.5, 9);
    expect(seen[1][1]).toBe(500);
  });

  it('does not mutate its input', () => {
    const before = Float64Array.from(x);
    denoiserFromModel(float64Ops, vpProcess(), 'score', exactModel(vpProcess(), 'score'))(x, 3);
    expect(x).toEqual(before);
  });

  it('refuses σ = 0 when converting back', () => {
    expect(() => predictionFromDenoised(float64Ops, 'eps', x, x, 0)).toThrow();
  });
});
