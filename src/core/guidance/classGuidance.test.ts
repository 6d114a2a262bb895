import { describe, expect, it } from 'vitest';
import { getDataset } from '../data';
import { gaussianMixtureModel, type GaussianMixture } from '../denoisers/gaussianMixture';
import { float64Host } from '../host';
import { slicedWasserstein1 } from '../metrics/wasserstein';
import { normals } from '../rng';
import { runToEnd } from '../samplers/driver';
import { requireSampler } from '../samplers/registry';
import type { Denoiser } from '../samplers/types';
import { classifierGuided, mixtureCfg, mixtureClassifierGradient } from './classGuidance';

const mixture = getDataset('gaussians8').mixture as GaussianMixture;
const exact = gaussianMixtureModel(mixture);

describe('the exact mixture classifier', () => {
  it('its gradient matches central differences of log r_k(x)', () => {
    const grad = mixtureClassifierGradient(mixture, 2);
    const logR = (x: Float64Array, sigma: number) => Math.log(exact.responsibilities(x, sigma)[2]);
    for (const sigma of [0.1, 0.6, 3]) {
      const x = Float64Array.from([0.3, 0.9]);
      const g = grad(x, sigma);
      for (let c = 0; c < 2; c++) {
        const h = 1e-5;
        const up = Float64Array.from(x);
        const down = Float64Array.from(x);
        up[c] += h;
        down[c] -= h;
        expect(g[c]).toBeCloseTo((logR(up, sigma) - logR(down, sigma)) / (2 * h), 4);
      }
    }
  });

  it('refuses a class that is not a component', () => {
    expect(() => mixtureClassifierGradient(mixture, 8)).toThrow(/component 0\.\.7/);
  });
});

describe('classifier guidance and CFG on gaussians8 (class = component)', () => {
  const sample = (denoise: Denoiser<Float64Array>, n: number) => {
    const sigmas = [...Array.from({ length: 200 }, (_, i) => 80 * (0.002 / 80) ** (i / 199)), 0];
    return runToEnd({
      host: float64Host,
      sampler: requireSampler('ddpm'),
      params: { variance: 'beta-tilde' },
      grid: { sigmas },
      denoise,
      noise: (key) => normals(13, key, 2 * n),
      x: normals(13, 0, 2 * n).map((v) => v * sigmas[0]),
    }).x;
  };
  const componentDraws = (k: number, n: number, seed: number) => {
    const z = normals(seed, 0, 2 * n);
    const s = Math.sqrt(mixture.covs[k][0][0]);
    return z.map((v, i) => mixture.means[k][i % 2] + s * v);
  };

  it('at scale 1 samples the exact class-conditional N(μ_k, C_k) (sliced W1 at the two-sample floor)', () => {
    const n = 2000;
    const k = 3;
    const x = sample(classifierGuided(exact.denoise, mixtureClassifierGradient(mixture, k), 1), n);
    const swd = (a: Float64Array, b: Float64Array) =>
      slicedWasserstein1(a, b, { projections: 64, seed: 5 });
    const reference = componentDraws(k, n, 1);
    const floor = swd(componentDraws(k, n, 2), reference);
    expect(swd(x, reference)).toBeLessThan(2 * floor + 0.01);
  });

  it('equals CFG at every scale on the exact model (D_k − D = σ²∇log p(y | x_σ))', () => {
    const x = normals(4, 0, 40).map((v) => 1.5 * v);
    for (const w of [0, 1, 3.5])
      for (const sigma of [0.05, 0.7, 10]) {
        const a = classifierGuided(
          exact.denoise,
          mixtureClassifierGradient(mixture, 5),
          w,
        )(x, sigma);
        const b = mixtureCfg(mixture, exact.denoise, 5, w)(x, sigma);
        a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 9));
      }
  });
});
