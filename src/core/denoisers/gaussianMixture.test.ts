import { describe, expect, it } from 'vitest';
import { type GaussianMixture, gaussianMixtureModel, mixtureDenoiser } from './gaussianMixture';

const threeBumps: GaussianMixture = {
  weights: [0.5, 0.3, 0.2],
  means: [
    [-1, 0.5],
    [1.5, -0.5],
    [0, 2],
  ],
  covs: [
    [
      [0.3, 0.1],
      [0.1, 0.2],
    ],
    [
      [0.05, -0.02],
      [-0.02, 0.4],
    ],
    [
      [1, 0],
      [0, 0.01],
    ],
  ],
};

const probe = Float64Array.from([0.3, -0.7, -2, 1, 1.4, 1.9, 0, 0, 4, -3]);

/** Central finite-difference gradient of a per-point scalar field, flat n × d. */
function fdGradient(f: (x: Float64Array) => Float64Array, x: Float64Array, d: number, h = 1e-5) {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const plus = Float64Array.from(x);
    const minus = Float64Array.from(x);
    plus[i] += h;
    minus[i] -= h;
    g[i] = (f(plus)[Math.floor(i / d)] - f(minus)[Math.floor(i / d)]) / (2 * h);
  }
  return g;
}

describe('single Gaussian: closed forms', () => {
  const mu = [0.5, -1];
  const c = [
    [2, 0.6],
    [0.6, 0.5],
  ];
  const model = gaussianMixtureModel({ weights: [1], means: [mu], covs: [c] });

  it.each([0.1, 0.7, 3])('D = μ + C(C + σ²I)⁻¹(x − μ) at σ = %s', (sigma) => {
    const s2 = sigma * sigma;
    const [a, b, dd] = [c[0][0] + s2, c[0][1], c[1][1] + s2];
    const det = a * dd - b * b;
    const inv = [
      [dd / det, -b / det],
      [-b / det, a / det],
    ];
    const out = model.denoise(probe, sigma);
    for (let p = 0; p < probe.length / 2; p++) {
      const r = [probe[2 * p] - mu[0], probe[2 * p + 1] - mu[1]];
      const w = [inv[0][0] * r[0] + inv[0][1] * r[1], inv[1][0] * r[0] + inv[1][1] * r[1]];
      expect(out[2 * p]).toBeCloseTo(mu[0] + c[0][0] * w[0] + c[0][1] * w[1], 12);
      expect(out[2 * p + 1]).toBeCloseTo(mu[1] + c[1][0] * w[0] + c[1][1] * w[1], 12);
    }
  });

  it('log-density is the bivariate normal formula with Σ = C + σ²I', () => {
    const sigma = 0.4;
    const s2 = sigma * sigma;
    const [sx2, sy2, cov] = [c[0][0] + s2, c[1][1] + s2, c[0][1]];
    const rho = cov / Math.sqrt(sx2 * sy2);
    const logp = model.logDensity(probe, sigma);
    for (let p = 0; p < probe.length / 2; p++) {
      const zx = (probe[2 * p] - mu[0]) / Math.sqrt(sx2);
      const zy = (probe[2 * p + 1] - mu[1]) / Math.sqrt(sy2);
      const expected =
        -Math.log(2 * Math.PI * Math.sqrt(sx2 * sy2 * (1 - rho * rho))) -
        (zx * zx - 2 * rho * zx * zy + zy * zy) / (2 * (1 - rho * rho));
      expect(logp[p]).toBeCloseTo(expected, 12);
    }
  });

  it('works in 3D with a full covariance: (C + σ²I)(D − μ) = C(x − μ)', () => {
    const c3 = [
      [1, 0.3, -0.2],
      [0.3, 0.8, 0.1],
      [-0.2, 0.1, 0.5],
    ];
    const mu3 = [1, 0, -1];
    const sigma = 0.6;
    const x = Float64Array.from([0.2, -0.4, 1.1, 3, 2, 1]);
    const out = mixtureDenoiser({ weights: [1], means: [mu3], covs: [c3] })(x, sigma);
    for (let p = 0; p < 2; p++) {
      for (let i = 0; i < 3; i++) {
        let lhs = 0;
        let rhs = 0;
        for (let j = 0; j < 3; j++) {
          lhs += (c3[i][j] + (i === j ? sigma * sigma : 0)) * (out[3 * p + j] - mu3[j]);
          rhs += c3[i][j] * (x[3 * p + j] - mu3[j]);
        }
        expect(lhs).toBeCloseTo(rhs, 12);
      }
    }
  });
});

describe('Gaussian mixture', () => {
  const model = gaussianMixtureModel(threeBumps);

  it.each([0.05, 0.3, 1, 5])(
    'satisfies Tweedie, D = x + σ²∇log p_σ, by finite differences at σ = %s',
    (sigma) => {
      const grad = fdGradient((x) => model.logDensity(x, sigma), probe, 2);
      const d = model.denoise(probe, sigma);
      const score = model.score(probe, sigma);
      for (let i = 0; i < probe.length; i++) {
        expect(score[i]).toBeCloseTo(grad[i], 4);
        expect(d[i]).toBeCloseTo(probe[i] + sigma * sigma * grad[i], 5);
      }
    },
  );

  it('satisfies Tweedie in 3D (general-d path)', () => {
    const m3 = gaussianMixtureModel({
      weights: [0.6, 0.4],
      means: [
        [0, 0, 0],
        [2, -1, 1],
      ],
      covs: [
        [
          [1, 0.3, 0],
          [0.3, 0.5, 0.1],
          [0, 0.1, 0.7],
        ],
        [
          [0.2, 0, 0],
          [0, 0.3, 0],
          [0, 0, 0.4],
        ],
      ],
    });
    const x = Float64Array.from([1, -0.5, 0.5, 0.1, 0.2, -0.3]);
    const grad = fdGradient((y) => m3.logDensity(y, 0.5), x, 3);
    const score = m3.score(x, 0.5);
    for (let i = 0; i < x.length; i++) expect(score[i]).toBeCloseTo(grad[i], 5);
  });

  it.each([0, 0.2, 1])('the noised density integrates to 1 on a grid at σ = %s', (sigma) => {
    const h = 0.02;
    const side = 700;
    const grid = new Float64Array(2 * side * side);
    for (let i = 0; i < side; i++)
      for (let j = 0; j < side; j++) {
        grid[2 * (i * side + j)] = -7 + (i + 0.5) * h;
        grid[2 * (i * side + j) + 1] = -7 + (j + 0.5) * h;
      }
    const logp = model.logDensity(grid, sigma);
    let mass = 0;
    for (const v of logp) mass += Math.exp(v) * h * h;
    expect(mass).toBeCloseTo(1, 4);
  });

  it('responsibilities sum to 1 and match the logistic closed form for two isotropic components', () => {
    const two = gaussianMixtureModel({
      weights: [0.25, 0.75],
      means: [
        [-1, 0],
        [1, 1],
      ],
      covs: [
        [
          [0.5, 0],
          [0, 0.5],
        ],
        [
          [0.5, 0],
          [0, 0.5],
        ],
      ],
    });
    const sigma = 0.5;
    const v = 0.5 + sigma * sigma;
    const r = two.responsibilities(probe, sigma);
    for (let p = 0; p < probe.length / 2; p++) {
      const [x, y] = [probe[2 * p], probe[2 * p + 1]];
      // log r0/r1 = log(w0/w1) − (|x − μ0|² − |x − μ1|²) / 2v
      const logit =
        Math.log(1 / 3) - ((x + 1) ** 2 + y * y - (x - 1) ** 2 - (y - 1) ** 2) / (2 * v);
      expect(r[2 * p]).toBeCloseTo(1 / (1 + Math.exp(-logit)), 12);
      expect(r[2 * p] + r[2 * p + 1]).toBeCloseTo(1, 14);
    }
  });

  it('is stable far from every component (log-sum-exp): finite values, D pulled to the nearest mode', () => {
    const far = Float64Array.from([1e3, -1e3, -5e2, 4e2]);
    expect(model.logDensity(far, 0.01).every(Number.isFinite)).toBe(true);
    expect(model.denoise(far, 0.01).every(Number.isFinite)).toBe(true);
    const r = model.responsibilities(far, 0.01);
    expect(r.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('tends to the data mean Σ w_k μ_k for large σ, and to x at σ = 0', () => {
    const d = model.denoise(probe, 1e4);
    const mean = [0.5 * -1 + 0.3 * 1.5, 0.5 * 0.5 + 0.3 * -0.5 + 0.2 * 2];
    for (let p = 0; p < probe.length / 2; p++) {
      expect(d[2 * p]).toBeCloseTo(mean[0], 6);
      expect(d[2 * p + 1]).toBeCloseTo(mean[1], 6);
    }
    expect(Array.from(model.denoise(probe, 0))).toEqual(Array.from(probe));
  });

  it('rejects malformed mixtures and states with clear messages', () => {
    expect(() =>
      gaussianMixtureModel({ weights: [0.5, 0.4], means: [[0], [1]], covs: [[[1]], [[1]]] }),
    ).toThrow(/weights sum to 0.9/);
    expect(() => gaussianMixtureModel({ weights: [1], means: [[0, 0]], covs: [[[1]]] })).toThrow(
      /not 2×2/,
    );
    expect(() => model.denoise(Float64Array.from([1, 2, 3]), 1)).toThrow(/not a multiple of dim 2/);
    expect(() => model.denoise(probe, -1)).toThrow(/σ must be finite and ≥ 0/);
  });
});
