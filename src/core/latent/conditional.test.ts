import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nearestLatents, parseLatentSet } from '../data/latentData';
import { float64Host } from '../host';
import { normals } from '../rng';
import { runToEnd } from '../samplers/driver';
import { requireSampler } from '../samplers/registry';
import { exactLatentDenoiser } from './conditional';
import { latentGrid, latentStartState } from './plan';

const set = parseLatentSet(
  readFileSync(new URL('../../../public/data/digits-latent2d.json', import.meta.url), 'utf8'),
);

describe('exact conditional latent denoiser', () => {
  it('at σ → 0 returns the nearest latent of the class (brute force)', () => {
    const x = Float64Array.from([0.3, -0.2, 1.1, 0.9]);
    const d = exactLatentDenoiser(set, 4, 1)(x, 1e-4);
    for (let q = 0; q < 2; q++) {
      let best = Infinity;
      let at = -1;
      for (let i = 0; i < set.count; i++) {
        if (set.labels[i] !== 4) continue;
        const d2 =
          (x[2 * q] - set.points[2 * i]) ** 2 + (x[2 * q + 1] - set.points[2 * i + 1]) ** 2;
        if (d2 < best) [best, at] = [d2, i];
      }
      expect(d[2 * q]).toBeCloseTo(set.points[2 * at], 9);
      expect(d[2 * q + 1]).toBeCloseTo(set.points[2 * at + 1], 9);
    }
  });

  it('guidance is the linear extrapolation D_u + w(D_c − D_u)', () => {
    const x = Float64Array.from([0.5, 0.5]);
    const du = exactLatentDenoiser(set, null, 0)(x, 0.7);
    const dc = exactLatentDenoiser(set, 2, 1)(x, 0.7);
    const d3 = exactLatentDenoiser(set, 2, 3)(x, 0.7);
    for (let k = 0; k < 2; k++) expect(d3[k]).toBeCloseTo(du[k] + 3 * (dc[k] - du[k]), 12);
  });

  it('sampling a class lands on latents of that class only', () => {
    const grid = latentGrid(40, 20);
    const n = 24;
    const def = requireSampler('heun');
    const { x } = runToEnd({
      host: float64Host,
      sampler: def,
      params: def.defaults,
      grid,
      denoise: exactLatentDenoiser(set, 7, 1),
      noise: (key) => normals(1, key, 2 * n),
      x: latentStartState(n, 2, 1, grid.sigmas),
    });
    for (const { index, distance } of nearestLatents(set, x)) {
      expect(set.labels[index]).toBe(7);
      expect(distance).toBeLessThan(1e-6);
    }
  });

  it('refuses a class with no latents', () => {
    expect(() => exactLatentDenoiser(set, 12, 1)).toThrow(/no latents of class 12/);
  });
});
