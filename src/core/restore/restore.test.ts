import { describe, expect, it } from 'vitest';
import { gaussianMixtureModel, type GaussianMixture } from '../denoisers/gaussianMixture';
import { float64Host } from '../host';
import { normals } from '../rng';
import { runToEnd } from '../samplers/driver';
import { requireSampler } from '../samplers/registry';
import { ddrm } from './ddrm';
import { dps } from './dps';
import { ilvr } from './ilvr';
import { float64RestoreOps, linearOperator } from './linear';
import { mat } from './matrix';
import { diagOperator, kronOperator, measurementOperator, type OperatorSpec } from './operators';
import { pigdm } from './pigdm';
import { posteriorMixture } from './posterior';
import {
  geometricGrid,
  invert,
  quadratureMoments,
  restoreSamples,
  sampleMoments,
  standardNormalDenoiser,
  standardNormalVjp,
} from './restore.testkit';

const dense = (spec: OperatorSpec): number[][] => {
  const dim = spec.height * spec.width;
  const ops = float64RestoreOps(1);
  const op = linearOperator(spec, ops);
  const cols = Array.from({ length: dim }, (_, j) =>
    op.apply(Float64Array.from({ length: dim }, (_, i) => (i === j ? 1 : 0))),
  );
  return Array.from({ length: cols[0].length }, (_, i) => cols.map((c) => c[i]));
};

describe('measurement operators and their SVDs', () => {
  const settings = { blurSigma: 1, keep: 0.4 };
  it.each(['sr2', 'sr4', 'noise', 'mask'] as const)(
    '%s: U·S·Vᵀ reproduces A on random images, V is orthonormal',
    (id) => {
      const spec = measurementOperator({ id, ...settings }, 8, 8);
      const ops = float64RestoreOps(3);
      const op = linearOperator(spec, ops);
      const x = normals(1, 1, 3 * 64);
      const viaSvd = op.spectralToMeas(ops.mul(op.spectral(spec.singulars), op.toSpectral(x)));
      expect(Math.max(...viaSvd.map((v, i) => Math.abs(v - op.apply(x)[i])))).toBeLessThan(1e-12);
      const back = op.fromSpectral(op.toSpectral(x));
      expect(Math.max(...back.map((v, i) => Math.abs(v - x[i])))).toBeLessThan(1e-12);
    },
  );

  it('f×f average pooling has (H/f)(W/f) singular values, all 1/f (each row: f² entries of 1/f²)', () => {
    for (const [id, f] of [
      ['sr2', 2],
      ['sr4', 4],
    ] as const) {
      const s = measurementOperator({ id, ...settings }, 8, 8).singulars.filter((v) => v > 0);
      expect(s.length).toBe(64 / f ** 2);
      s.forEach((v) => expect(v).toBeCloseTo(1 / f, 12));
    }
  });

  it('Aᵀ is the transpose of A (dense matrices by unit vectors)', () => {
    for (const id of ['sr4', 'blur', 'mask'] as const) {
      const spec = measurementOperator({ id, ...settings }, 4, 4);
      const a = dense(spec);
      const op = linearOperator(spec, float64RestoreOps(1));
      const m = a.length;
      for (let i = 0; i < m; i++) {
        const col = op.adjoint(Float64Array.from({ length: m }, (_, k) => (k === i ? 1 : 0)));
        col.forEach((v, j) => expect(v).toBeCloseTo(a[i][j], 12));
      }
    }
  });

  it('the blur keeps singular values ≥ the cutoff and matches A within the cut part', () => {
    const spec = measurementOperator({ id: 'blur', ...settings }, 8, 8);
    const ops = float64RestoreOps(1);
    const op = linearOperator(spec, ops);
    const x = normals(2, 1, 64);
    const viaSvd = op.spectralToMeas(ops.mul(op.spectral(spec.singulars), op.toSpectral(x)));
    const err = Math.hypot(...viaSvd.map((v, i) => v - op.apply(x)[i]));
    expect(err).toBeLessThan(3e-2 * Math.hypot(...x));
    expect(spec.singulars.filter((s) => s > 0).length).toBeGreaterThan(32);
  });

  it('rejects sizes the pooling does not divide and bad settings by name', () => {
    expect(() => measurementOperator({ id: 'sr4', ...settings }, 6, 6)).toThrow(/divisible by 4/);
    expect(() => measurementOperator({ id: 'mask', blurSigma: 1, keep: 1 }, 4, 4)).toThrow(
      /kept share/,
    );
    expect(() => measurementOperator({ id: 'blur', blurSigma: 0, keep: 0.5 }, 4, 4)).toThrow(
      /blur σ/,
    );
  });
});

/** 4×4 images under N(0, I): the exact posterior is Gaussian (brute-force inverse). */
function gaussianPosterior(spec: OperatorSpec, y: Float64Array, sigmaY: number) {
  const a = dense(spec);
  const d = spec.height * spec.width;
  const precision = Array.from({ length: d }, (_, i) =>
    Array.from(
      { length: d },
      (_, j) => (i === j ? 1 : 0) + a.reduce((s, row) => s + row[i] * row[j], 0) / sigmaY ** 2,
    ),
  );
  const cov = invert(precision);
  const aty = Array.from(
    { length: d },
    (_, j) => a.reduce((s, row, i) => s + row[j] * y[i], 0) / sigmaY ** 2,
  );
  return { mean: cov.map((row) => row.reduce((s, v, j) => s + v * aty[j], 0)), cov };
}

function measure(spec: OperatorSpec, x: Float64Array, sigmaY: number): Float64Array {
  const ops = float64RestoreOps(1);
  const clean = linearOperator(spec, ops).apply(x);
  const n = normals(9, 9, clean.length);
  const mask = spec.mask;
  return clean.map((v, i) => (mask && !mask[i] ? 0 : v + sigmaY * n[i]));
}

describe('ΠGDM on a N(0, I) prior samples the exact Gaussian posterior (its guidance is exact there)', () => {
  it.each([
    ['sr2', 0.1],
    ['mask', 0.05],
  ] as const)('%s, σ_y = %f: mean and variances match the closed form', (id, sigmaY) => {
    const spec = measurementOperator({ id, blurSigma: 1, keep: 0.5 }, 4, 4);
    const y = measure(spec, normals(4, 4, 16), sigmaY);
    const exact = gaussianPosterior(spec, y, sigmaY);
    const cells = 3000;
    const x = restoreSamples({
      solver: pigdm,
      spec,
      y,
      sigmaY,
      cells,
      steps: 400,
      denoise: standardNormalDenoiser,
      vjp: standardNormalVjp,
      params: { eta: 1 },
    });
    const got = sampleMoments(x, 16);
    for (let k = 0; k < 16; k++) {
      const se = Math.sqrt(exact.cov[k][k] / cells);
      expect(Math.abs(got.mean[k] - exact.mean[k])).toBeLessThan(5 * se + 0.01);
      expect(got.cov[k][k] / exact.cov[k][k]).toBeGreaterThan(0.88);
      expect(got.cov[k][k] / exact.cov[k][k]).toBeLessThan(1.12);
    }
  });
});

/** A 2D mixture as a product of two 1D mixtures (so x1 and x2 are independent a priori). */
const productPrior: GaussianMixture = (() => {
  const c1 = [
    { w: 0.4, m: -1.5, v: 0.04 },
    { w: 0.6, m: 1, v: 0.25 },
  ];
  const c2 = [
    { w: 0.3, m: -2, v: 0.09 },
    { w: 0.7, m: 2, v: 0.36 },
  ];
  const comps = c1.flatMap((a) => c2.map((b) => ({ a, b })));
  return {
    weights: comps.map(({ a, b }) => a.w * b.w),
    means: comps.map(({ a, b }) => [a.m, b.m]),
    covs: comps.map(({ a, b }) => [
      [a.v, 0],
      [0, b.v],
    ]),
  };
})();

describe('DDRM and ILVR where the posterior factorises: noiseless observation of x1 under a product prior', () => {
  // Posterior: x1 = y exactly, x2 ~ its prior marginal: mean 0.3·(−2) + 0.7·2 = 0.8,
  // variance 0.3·(0.09 + 4) + 0.7·(0.36 + 4) − 0.8² = 3.639.
  const spec = diagOperator('mask', 1, 2, Float64Array.from([1, 0]));
  const y = Float64Array.from([0.7, 0]);
  // DDRM's η adds noise η·σ_n at every step whatever the step size, which biases it as the steps
  // grow (at η = 0.85, 800 steps: variance 3.33); η = 0 is DDIM, whose limit is the PF-ODE.
  it.each([
    ['DDRM', ddrm, 0],
    ['ILVR', ilvr, 1],
  ] as const)('%s (η = %i): x1 = y, x2 has the marginal mean and variance', (_, solver, eta) => {
    const x = restoreSamples({
      solver,
      spec,
      y,
      sigmaY: 0,
      cells: 4000,
      steps: 400,
      params: { eta },
      denoise: gaussianMixtureModel(productPrior).denoise,
    });
    const got = sampleMoments(x, 2);
    for (let i = 0; i < 4000; i++) expect(x[2 * i]).toBeCloseTo(0.7, 12);
    expect(Math.abs(got.mean[1] - 0.8)).toBeLessThan(0.12);
    expect(got.cov[1][1] / 3.639).toBeGreaterThan(0.92);
    expect(got.cov[1][1] / 3.639).toBeLessThan(1.08);
  });
});

describe('noiseless measurements are reproduced exactly where the solver projects onto them', () => {
  it.each([
    ['DDRM', ddrm, 'sr4'],
    ['DDRM', ddrm, 'mask'],
    ['ILVR', ilvr, 'sr2'],
  ] as const)('%s on %s: A·x̂ = y', (_, solver, id) => {
    const spec = measurementOperator({ id, blurSigma: 1, keep: 0.3 }, 8, 8);
    const y = measure(spec, normals(5, 5, 64), 0);
    const x = restoreSamples({
      solver,
      spec,
      y,
      sigmaY: 0,
      cells: 3,
      steps: 20,
      denoise: standardNormalDenoiser,
    });
    const ops = float64RestoreOps(3);
    const ax = linearOperator(spec, ops).apply(x);
    ax.forEach((v, i) => expect(v).toBeCloseTo(y[i % y.length], 9));
  });
});

describe('the exact posterior of a Gaussian mixture under a linear-Gaussian measurement', () => {
  const prior: GaussianMixture = {
    weights: [0.5, 0.3, 0.2],
    means: [
      [-2, 0],
      [1.5, 1.5],
      [1, -2],
    ],
    covs: [
      [
        [0.3, 0.1],
        [0.1, 0.2],
      ],
      [
        [0.2, 0],
        [0, 0.5],
      ],
      [
        [0.4, -0.15],
        [-0.15, 0.3],
      ],
    ],
  };
  const a = mat(1, 2, (_, j) => (j === 0 ? 1 : 0.5));
  const [y, sigmaY] = [[0.6], 0.4];
  const logPrior = gaussianMixtureModel(prior);
  const density = (u: number, v: number) =>
    Math.exp(logPrior.logDensity(Float64Array.from([u, v]), 0)[0]) *
    Math.exp(-((y[0] - u - 0.5 * v) ** 2) / (2 * sigmaY ** 2));
  const oracle = quadratureMoments(density);
  const posterior = posteriorMixture(prior, a, y, sigmaY);

  it('has the moments of prior × likelihood by brute-force quadrature', () => {
    const w = posterior.weights;
    const mean = [0, 1].map((j) => w.reduce((s, wk, k) => s + wk * posterior.means[k][j], 0));
    mean.forEach((m, j) => expect(m).toBeCloseTo(oracle.mean[j], 4));
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) {
        const second = w.reduce(
          (s, wk, k) =>
            s + wk * (posterior.covs[k][i][j] + posterior.means[k][i] * posterior.means[k][j]),
          0,
        );
        expect(second - mean[i] * mean[j]).toBeCloseTo(oracle.cov[i][j], 4);
      }
  });

  it('guidance with the exact posterior score (its denoiser) samples it: DDPM sample moments', () => {
    const n = 4000;
    const sigmas = geometricGrid(200);
    const { x } = runToEnd({
      host: float64Host,
      sampler: requireSampler('ddpm'),
      params: { variance: 'beta-tilde' },
      grid: { sigmas },
      denoise: gaussianMixtureModel(posterior).denoise,
      noise: (key) => normals(7, key, 2 * n),
      x: normals(7, 0, 2 * n).map((v) => v * sigmas[0]),
    });
    const got = sampleMoments(x, 2);
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(got.mean[j] - oracle.mean[j])).toBeLessThan(
        4 * Math.sqrt(oracle.cov[j][j] / n) + 0.01,
      );
      expect(got.cov[j][j] / oracle.cov[j][j]).toBeGreaterThan(0.9);
      expect(got.cov[j][j] / oracle.cov[j][j]).toBeLessThan(1.1);
    }
  });
});

describe('DPS', () => {
  it('pulls samples toward the measurement: the residual falls far below that of unguided samples', () => {
    const spec = kronOperator(
      'dense',
      mat(1, 1, () => 1),
      mat(2, 4, (i, j) => (Math.floor(j / 2) === i ? 0.5 : 0)),
    );
    const y = Float64Array.from([1.2, -0.8]);
    const residual = (zeta: number) => {
      const x = restoreSamples({
        solver: dps,
        spec,
        y,
        sigmaY: 0,
        cells: 200,
        steps: 100,
        denoise: standardNormalDenoiser,
        vjp: standardNormalVjp,
        params: { zeta },
      });
      const ax = linearOperator(spec, float64RestoreOps(200)).apply(x);
      return Math.sqrt(ax.reduce((s, v, i) => s + (v - y[i % 2]) ** 2, 0) / 200);
    };
    expect(residual(1)).toBeLessThan(0.2 * residual(0));
  });

  it('needs the denoiser’s vector–Jacobian product', () => {
    const spec = measurementOperator({ id: 'sr2', blurSigma: 1, keep: 0.5 }, 4, 4);
    expect(() =>
      restoreSamples({
        solver: dps,
        spec,
        y: new Float64Array(4),
        sigmaY: 0,
        cells: 1,
        steps: 2,
        denoise: standardNormalDenoiser,
      }),
    ).toThrow(/vector–Jacobian/);
  });
});
