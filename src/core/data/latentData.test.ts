import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { float64Host } from '../host';
import { normals } from '../rng';
import { runToEnd } from '../samplers/driver';
import { requireSampler } from '../samplers/registry';
import { karrasSigmas } from '../schedules/sigmas';
import { exactLatentModel, parseLatentSet } from './latentData';

const read = (name: string) =>
  readFileSync(new URL(`../../../public/data/${name}`, import.meta.url), 'utf8');

/** Distance from each of `n` query points to its nearest point of `set`, skipping index `skip(q)`. */
function nearestDistances(
  x: Float64Array,
  set: Float64Array,
  dim: number,
  skip: (q: number) => number = () => -1,
): number[] {
  const out: number[] = [];
  for (let q = 0; q < x.length / dim; q++) {
    let best = Infinity;
    for (let i = 0; i < set.length / dim; i++) {
      if (i === skip(q)) continue;
      let d2 = 0;
      for (let k = 0; k < dim; k++) d2 += (x[q * dim + k] - set[i * dim + k]) ** 2;
      best = Math.min(best, d2);
    }
    out.push(Math.sqrt(best));
  }
  return out;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

const files = ['fashion-latent2d.json', 'fashion-latent16d.json', 'digits-latent2d.json'];

describe.each(files)('%s', (file) => {
  const set = parseLatentSet(read(file));

  it('is a credited, labelled, finite encoded training set', () => {
    expect(set.source).toMatch(/Fashion-MNIST|Handwritten Digits/);
    expect(set.licence).not.toBe('');
    expect(set.points.length).toBe(set.count * set.dim);
    expect(set.count).toBeGreaterThanOrEqual(1000);
    expect(set.classNames).toHaveLength(10);
    expect(Math.max(...set.labels)).toBe(9);
  });

  it('many-step sampling with the exact latent denoiser reproduces encoded training points', () => {
    const n = 64;
    const heun = requireSampler('heun');
    const sigmas = karrasSigmas(150, 1e-4, 20);
    const { x } = runToEnd({
      host: float64Host,
      sampler: heun,
      params: heun.defaults,
      grid: { sigmas },
      denoise: exactLatentModel(set).denoise,
      noise: (key) => normals(5, key, set.dim * n),
      x: normals(5, 0, set.dim * n).map((v) => v * sigmas[0]),
    });
    const toSamples = nearestDistances(x, set.points, set.dim);
    // The spacing of the data itself: each training latent's distance to its nearest other one.
    const spacing = nearestDistances(
      set.points.subarray(0, 200 * set.dim),
      set.points,
      set.dim,
      (q) => q,
    );
    // Measured: max 4e-16 over 64 samples (fashion-latent2d; data spacing median 0.04).
    expect(Math.max(...toSamples)).toBeLessThan(1e-9);
    expect(Math.max(...toSamples)).toBeLessThan(0.05 * median(spacing));
    // Not all onto one point: the samples land on many distinct training latents.
    const distinct = new Set(
      toSamples.map((_, q) => x.subarray(q * set.dim, q * set.dim + 1)[0].toFixed(4)),
    );
    expect(distinct.size).toBeGreaterThan(n / 2);
  });

  it('rejects a malformed file', () => {
    expect(() =>
      parseLatentSet(JSON.stringify({ dim: 2, count: 2, latents: [1, 2, 3], labels: [0, 1] })),
    ).toThrow(/expected 2 × 2 latents/);
  });
});
