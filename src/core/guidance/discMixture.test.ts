import { describe, expect, it } from 'vitest';
import { getDataset } from '../data';
import { gaussianMixtureModel, type GaussianMixture } from '../denoisers/gaussianMixture';
import { float64Host } from '../host';
import { slicedWasserstein1 } from '../metrics/wasserstein';
import { normals } from '../rng';
import { runToEnd } from '../samplers/driver';
import { requireSampler } from '../samplers/registry';
import { discMixtureDenoiser, gaussLegendre, logNormalInterval } from './discMixture';
import { constrainedSamples, shareInside, type Region } from './region';

const mixture = getDataset('gaussians8').mixture as GaussianMixture;
/** Holds the component at angle 0 (centre ≈ (1.405, 0)) and cuts through it. */
const disc: Extract<Region, { kind: 'disc' }> = { kind: 'disc', cx: 1.2, cy: 0.1, radius: 0.4 };

/**
 * E[x0 | x_σ = (x, y), x0 ∈ disc] by brute force: prior × likelihood on a 0.002 grid over the
 * disc's bounding square, midpoint rule, log weights first (far from the data they underflow).
 */
function bruteForce(m: GaussianMixture, r: typeof disc, x: number, y: number, sigma: number) {
  const step = 0.002;
  const cells = Math.ceil((2 * r.radius) / step);
  const logs: number[] = [];
  const at: [number, number][] = [];
  for (let i = 0; i < cells; i++)
    for (let j = 0; j < cells; j++) {
      const a = r.cx - r.radius + (i + 0.5) * step;
      const b = r.cy - r.radius + (j + 0.5) * step;
      if ((a - r.cx) ** 2 + (b - r.cy) ** 2 > r.radius ** 2) continue;
      const comps = m.means.map((mu, k) => {
        const [[c00, c01], [, c11]] = m.covs[k];
        const det = c00 * c11 - c01 * c01;
        const [u, v] = [a - mu[0], b - mu[1]];
        const q = (c11 * u * u - 2 * c01 * u * v + c00 * v * v) / det;
        return Math.log(m.weights[k]) - 0.5 * Math.log(det) - 0.5 * q;
      });
      const top = Math.max(...comps);
      const prior = top + Math.log(comps.reduce((t, l) => t + Math.exp(l - top), 0));
      logs.push(prior - ((x - a) ** 2 + (y - b) ** 2) / (2 * sigma * sigma));
      at.push([a, b]);
    }
  const max = Math.max(...logs);
  let z = 0;
  let mx = 0;
  let my = 0;
  logs.forEach((l, c) => {
    const w = Math.exp(l - max);
    z += w;
    mx += w * at[c][0];
    my += w * at[c][1];
  });
  return [mx / z, my / z];
}

describe('quadrature pieces', () => {
  it('Gauss–Legendre integrates polynomials to degree 2n − 1 exactly and cos over [−1, 1]', () => {
    const { nodes, weights } = gaussLegendre(8);
    const integrate = (f: (x: number) => number) =>
      nodes.reduce((s, x, i) => s + weights[i] * f(x), 0);
    expect(integrate((x) => x ** 14)).toBeCloseTo(2 / 15, 13);
    expect(integrate(Math.cos)).toBeCloseTo(2 * Math.sin(1), 13);
  });

  it('log(Φ(b) − Φ(a)) matches tabulated values, far tails and a vanishing interval', () => {
    // Φ(1) − Φ(−1) = 0.6826894921370859; Φ(−3) − Φ(−4) = 0.0013182267897969 (tabulated).
    expect(logNormalInterval(-1, 1)).toBeCloseTo(Math.log(0.6826894921370859), 6);
    expect(logNormalInterval(3, 4)).toBeCloseTo(Math.log(0.0013182267897969), 5);
    // Φ(−40) − Φ(−41) ≈ φ(40)/40 (the next terms are 1/40² smaller): −800 − log 40 − ½log 2π.
    expect(logNormalInterval(-41, -40)).toBeCloseTo(
      -800 - Math.log(40) - 0.5 * Math.log(2 * Math.PI) - 1 / 1600,
      3,
    );
    const w = 1e-6;
    expect(logNormalInterval(0.5, 0.5 + w)).toBeCloseTo(
      Math.log(w) - 0.5 * 0.5 ** 2 - 0.5 * Math.log(2 * Math.PI),
      5,
    );
  });
});

describe('exact disc guidance for a Gaussian mixture (gaussians8)', () => {
  it('equals E[x0 | x_σ, x0 ∈ disc] by brute-force quadrature of prior × likelihood', () => {
    const guided = discMixtureDenoiser(mixture, disc);
    for (const sigma of [0.02, 0.3, 1.5])
      for (const [x, y] of [
        [1.3, 0.2],
        [0.2, -0.9],
        [-1, 1],
        [2.5, 0.1],
      ]) {
        const d = guided(Float64Array.from([x, y]), sigma);
        const want = bruteForce(mixture, disc, x, y, sigma);
        // 0.002: the grid's own resolution where the posterior is cut sharply by the circle.
        expect(Math.abs(d[0] - want[0])).toBeLessThan(0.002);
        expect(Math.abs(d[1] - want[1])).toBeLessThan(0.002);
      }
  });

  it('is the unconstrained denoiser when the disc holds everything', () => {
    const all = discMixtureDenoiser(mixture, { kind: 'disc', cx: 0, cy: 0, radius: 30 });
    const x = normals(3, 0, 20);
    const plain = gaussianMixtureModel(mixture).denoise(x, 0.7);
    all(x, 0.7).forEach((v, i) => expect(v).toBeCloseTo(plain[i], 8));
  });

  it('samples the mixture inside the disc: DDPM with it matches rejection samples (sliced W1)', () => {
    const n = 1000;
    const sigmas = [...Array.from({ length: 120 }, (_, i) => 80 * (0.002 / 80) ** (i / 119)), 0];
    const { x } = runToEnd({
      host: float64Host,
      sampler: requireSampler('ddpm'),
      params: { variance: 'beta-tilde' },
      grid: { sigmas },
      denoise: discMixtureDenoiser(mixture, disc),
      noise: (key) => normals(11, key, 2 * n),
      x: normals(11, 0, 2 * n).map((v) => v * sigmas[0]),
    });
    const sample = (m: number, seed: number) => getDataset('gaussians8').sample(m, seed);
    const reference = constrainedSamples(sample, disc, n, 1);
    const another = constrainedSamples(sample, disc, n, 2);
    const swd = (a: Float64Array, b: Float64Array) =>
      slicedWasserstein1(a, b, { projections: 64, seed: 5 });
    const floor = swd(reference, another);
    expect(shareInside(disc, x)).toBeGreaterThan(0.99);
    expect(swd(x, reference)).toBeLessThan(2 * floor + 0.01);
    // Means and variances along both axes against the rejection samples (moment test).
    const moments = (s: Float64Array, axis: number) => {
      const v = Array.from({ length: n }, (_, i) => s[2 * i + axis]);
      const mean = v.reduce((a, b) => a + b, 0) / n;
      return [mean, v.reduce((a, b) => a + (b - mean) ** 2, 0) / n];
    };
    for (const axis of [0, 1]) {
      const [m, v] = moments(x, axis);
      const [mr, vr] = moments(reference, axis);
      // 4 standard errors of the difference of two means of n draws.
      expect(Math.abs(m - mr)).toBeLessThan(4 * Math.sqrt((2 * vr) / n));
      expect(Math.abs(v / vr - 1)).toBeLessThan(0.15);
    }
  }, 240_000);
});
