import { describe, expect, it } from 'vitest';
import { getDataset } from '../data';
import { gaussianMixtureModel, type GaussianMixture } from '../denoisers/gaussianMixture';
import { float64Host } from '../host';
import { slicedWasserstein1 } from '../metrics/wasserstein';
import { inverseMills, logNormalCdf } from '../normal';
import { normals } from '../rng';
import { runToEnd } from '../samplers/driver';
import { requireSampler } from '../samplers/registry';
import { halfPlaneMixtureDenoiser } from './halfPlaneMixture';
import { regionCotangent } from './reconstruction';
import { constrainedSamples, shareInside, signedDistance, type Region } from './region';

const mixture = getDataset('gaussians8').mixture as GaussianMixture;
/** Cuts through the components at angles 0 and ±45° (radius ≈ 1.405) and keeps their right side. */
const half: Extract<Region, { kind: 'half' }> = { kind: 'half', angle: 0, offset: 1.1 };

describe('normal tails', () => {
  it('log Φ and φ/Φ match direct evaluation at moderate z and the asymptotics far out', () => {
    const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    // Φ(−1) = 0.15865525393145707, Φ(2) = 0.9772498680518208 (tabulated).
    expect(logNormalCdf(-1)).toBeCloseTo(Math.log(0.15865525393145707), 6);
    expect(logNormalCdf(2)).toBeCloseTo(Math.log(0.9772498680518208), 7);
    expect(inverseMills(-1)).toBeCloseTo(phi(-1) / 0.15865525393145707, 6);
    expect(inverseMills(2)).toBeCloseTo(phi(2) / 0.9772498680518208, 7);
    // z = −40: log Φ = −800 − log 40 − ½log 2π − 1/1600 + O(z⁻⁴), φ/Φ = 40 + 1/40 + O(z⁻³).
    expect(logNormalCdf(-40)).toBeCloseTo(
      -800 - Math.log(40) - 0.5 * Math.log(2 * Math.PI) - 1 / 1600,
      4,
    );
    expect(inverseMills(-40)).toBeCloseTo(40.025, 3);
  });
});

describe('exact half-plane guidance for a Gaussian mixture (gaussians8)', () => {
  it('equals E[x0 | x_σ, x0 ∈ R] by brute-force quadrature of prior × likelihood over R', () => {
    const guided = halfPlaneMixtureDenoiser(mixture, half);
    const step = 0.004;
    const cells = Math.round(4.4 / step);
    for (const sigma of [0.05, 0.3, 1.5])
      for (const [x, y] of [
        [1.3, 0.2],
        [0.2, -0.9],
        [-1, 1],
      ]) {
        // Log weights first (far from the data every weight underflows), then normalised sums.
        const logW = new Float64Array(cells * cells).fill(-Infinity);
        let max = -Infinity;
        for (let i = 0; i < cells; i++)
          for (let j = 0; j < cells; j++) {
            const a = -2.2 + (i + 0.5) * step;
            const b = -2.2 + (j + 0.5) * step;
            if (a < half.offset) continue;
            const logs = mixture.means.map((m, k) => {
              const v = mixture.covs[k][0][0];
              return (
                Math.log(mixture.weights[k] / v) - ((a - m[0]) ** 2 + (b - m[1]) ** 2) / (2 * v)
              );
            });
            const top = Math.max(...logs);
            const prior = top + Math.log(logs.reduce((t, l) => t + Math.exp(l - top), 0));
            logW[i * cells + j] = prior - ((x - a) ** 2 + (y - b) ** 2) / (2 * sigma * sigma);
            max = Math.max(max, logW[i * cells + j]);
          }
        let z = 0;
        let mx = 0;
        let my = 0;
        logW.forEach((l, c) => {
          const w = Math.exp(l - max);
          z += w;
          mx += w * (-2.2 + (Math.floor(c / cells) + 0.5) * step);
          my += w * (-2.2 + ((c % cells) + 0.5) * step);
        });
        const d = guided(Float64Array.from([x, y]), sigma);
        // 0.002: the midpoint rule's error on the 0.004 grid where the posterior is cut sharply.
        expect(Math.abs(d[0] - mx / z)).toBeLessThan(0.002);
        expect(Math.abs(d[1] - my / z)).toBeLessThan(0.002);
      }
  });

  it('is the unconstrained denoiser when R holds everything', () => {
    const all = halfPlaneMixtureDenoiser(mixture, { kind: 'half', angle: 1, offset: -100 });
    const x = normals(3, 0, 20);
    const plain = gaussianMixtureModel(mixture).denoise(x, 0.7);
    all(x, 0.7).forEach((v, i) => expect(v).toBeCloseTo(plain[i], 10));
  });

  it('samples the truncated mixture: DDPM with it matches rejection samples (sliced W1)', () => {
    const n = 3000;
    const sigmas = [...Array.from({ length: 200 }, (_, i) => 80 * (0.002 / 80) ** (i / 199)), 0];
    const { x } = runToEnd({
      host: float64Host,
      sampler: requireSampler('ddpm'),
      params: { variance: 'beta-tilde' },
      grid: { sigmas },
      denoise: halfPlaneMixtureDenoiser(mixture, half),
      noise: (key) => normals(11, key, 2 * n),
      x: normals(11, 0, 2 * n).map((v) => v * sigmas[0]),
    });
    const sample = (m: number, seed: number) => getDataset('gaussians8').sample(m, seed);
    const reference = constrainedSamples(sample, half, n, 1);
    const another = constrainedSamples(sample, half, n, 2);
    const swd = (a: Float64Array, b: Float64Array) =>
      slicedWasserstein1(a, b, { projections: 64, seed: 5 });
    const floor = swd(reference, another);
    const unguided = sample(n, 3);
    expect(shareInside(half, x)).toBeGreaterThan(0.99);
    expect(swd(x, reference)).toBeLessThan(2 * floor + 0.01);
    expect(swd(unguided, reference)).toBeGreaterThan(10 * swd(x, reference));
  });
});

describe('regions', () => {
  it('measure signed distance, share inside, and refuse a region without data', () => {
    const disc: Region = { kind: 'disc', cx: 1, cy: 0, radius: 0.5 };
    expect(signedDistance(disc, 1.2, 0)).toBeCloseTo(0.3, 12);
    expect(signedDistance(half, 2, 5)).toBeCloseTo(0.9, 12);
    expect(shareInside(disc, [1, 0, 3, 3])).toBe(0.5);
    const sample = (m: number, seed: number) => getDataset('gaussians8').sample(m, seed);
    expect(() =>
      constrainedSamples(sample, { kind: 'disc', cx: 10, cy: 10, radius: 0.1 }, 10, 1),
    ).toThrow(/holds 0\.00% of the data/);
  });
});

describe('reconstruction guidance (DPS-style) to a region', () => {
  it('on N(0, I) data, where its Gaussian posterior is exact, equals the exact half-plane guidance', () => {
    const region = { kind: 'half', angle: 0.7, offset: 0.4 } as const;
    const exact = halfPlaneMixtureDenoiser(
      {
        weights: [1],
        means: [[0, 0]],
        covs: [
          [
            [1, 0],
            [0, 1],
          ],
        ],
      },
      region,
    );
    const x = normals(4, 0, 12).map((v) => 2 * v);
    for (const sigma of [0.1, 0.8, 5]) {
      // D(x) = x/(1 + σ²), J_D = I/(1 + σ²): the guided denoiser is x̂0 + J_Dᵀg.
      const x0 = x.map((v) => v / (1 + sigma * sigma));
      const g = regionCotangent(region, x0, sigma, 1);
      const want = exact(x, sigma);
      x0.forEach((v, i) => expect(v + g[i] / (1 + sigma * sigma)).toBeCloseTo(want[i], 6));
    }
  });
});
