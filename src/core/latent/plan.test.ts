import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exactLatentModel, parseLatentSet } from '../data/latentData';
import { float64Host } from '../host';
import { INITIAL_NOISE_KEY, normals } from '../rng';
import { runToEnd } from '../samplers/driver';
import { requireSampler } from '../samplers/registry';
import { karrasSigmas } from '../schedules/sigmas';
import {
  LATENT_SIGMA_MAX,
  LATENT_SIGMA_MIN,
  LATENT_PRIOR_KEY,
  LATENT_SAMPLERS,
  latentGrid,
  latentStartState,
} from './plan';

const digits = parseLatentSet(
  readFileSync(new URL('../../../public/data/digits-latent2d.json', import.meta.url), 'utf8'),
);
const denoise = exactLatentModel(digits).denoise;

function run(sampler: string, steps: number, sigmaStart: number, n = 32, seed = 3) {
  const grid = latentGrid(steps, sigmaStart);
  const { sigmas } = grid;
  const def = requireSampler(sampler);
  return runToEnd({
    host: float64Host,
    sampler: def,
    params: def.defaults,
    grid,
    denoise,
    noise: (key) => normals(seed, key, n * 2),
    x: latentStartState(n, 2, seed, sigmas),
  });
}

describe('the latent run: grid, truncated start, samplers', () => {
  it('σ_start = σ_max is plain sampling: the same grid, start and samples', () => {
    const plainSigmas = karrasSigmas(30, LATENT_SIGMA_MIN, LATENT_SIGMA_MAX);
    expect(latentGrid(30, LATENT_SIGMA_MAX).sigmas).toEqual(plainSigmas);
    const plain = runToEnd({
      host: float64Host,
      sampler: requireSampler('heun'),
      params: requireSampler('heun').defaults,
      grid: { sigmas: plainSigmas, process: latentGrid(30, LATENT_SIGMA_MAX).process },
      denoise,
      noise: (key) => normals(3, key, 64),
      // The plain sampler's start as the scene's: σ_0·ε from the initial stream, σ_0 the grid's first.
      x: normals(3, INITIAL_NOISE_KEY, 64).map((v) => v * plainSigmas[0]),
    });
    expect(Array.from(run('heun', 30, LATENT_SIGMA_MAX).x)).toEqual(Array.from(plain.x));
  });

  it('σ_start = 0 leaves no step and starts at the VAE prior sample', () => {
    const { sigmas } = latentGrid(30, 0);
    expect(sigmas).toEqual([0]);
    expect(Array.from(latentStartState(32, 2, 3, sigmas))).toEqual(
      Array.from(normals(3, LATENT_PRIOR_KEY, 64)),
    );
  });

  it('an intermediate σ_start keeps the grid tail and starts from prior + σ·ε (variance 1 + σ²)', () => {
    const full = karrasSigmas(40, LATENT_SIGMA_MIN, LATENT_SIGMA_MAX);
    const cut = latentGrid(40, 1.5).sigmas;
    expect(cut[0]).toBeLessThanOrEqual(1.5);
    expect(full[full.length - cut.length - 1]).toBeGreaterThan(1.5);
    expect(cut).toEqual(full.slice(full.length - cut.length));
    // Independent N(0, 1) and N(0, σ²): the start's variance is 1 + σ² (sample of 20,000).
    const x = latentStartState(10_000, 2, 9, cut);
    const variance = x.reduce((a, v) => a + v * v, 0) / x.length;
    // Within 4 standard errors of a sample variance, v·√(2/N).
    const v = 1 + cut[0] ** 2;
    expect(Math.abs(variance - v)).toBeLessThan(4 * v * Math.sqrt(2 / x.length));
  });

  it('every registry sampler runs unchanged on the exact latent denoiser and lands near the data', () => {
    expect(LATENT_SAMPLERS.length).toBeGreaterThan(20);
    for (const id of LATENT_SAMPLERS) {
      const r = run(id, 40, LATENT_SIGMA_MAX, 8);
      expect(r.x.every(Number.isFinite), id).toBe(true);
      // Brute-force nearest encoded latent: the data's own spread is ~1, the set's spacing ~0.04.
      for (let i = 0; i < 8; i++) {
        let best = Infinity;
        for (let j = 0; j < digits.count; j++)
          best = Math.min(
            best,
            Math.hypot(
              r.x[2 * i] - digits.points[2 * j],
              r.x[2 * i + 1] - digits.points[2 * j + 1],
            ),
          );
        expect(best, id).toBeLessThan(0.5);
      }
    }
  });
});
