import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireShippedModels } from '../models/shippedModels.testkit';
import { runCli, runCliJson } from './cli.testkit';

requireShippedModels(['fashion-vae2', 'fashion-vae16', 'digits-vae2']);

const training = JSON.parse(
  readFileSync(new URL('../../public/data/fashion-latent2d.json', import.meta.url), 'utf8'),
) as { latents: number[]; indices: number[] };

describe('sample --model fashion-latent2d (exact latent denoiser, decoded)', () => {
  it('returns latents on encoded training points and their decoded images, reproducibly', async () => {
    const args = [
      'sample',
      '--model',
      'fashion-latent2d',
      '-n',
      '6',
      '--steps',
      '60',
      '--seed',
      '3',
    ];
    const out = await runCliJson(...args);
    expect(out.settings).toMatchObject({
      autoencoder: 'fashion-vae2',
      latentDim: 2,
      sampler: 'heun',
    });
    expect(out.latents).toHaveLength(6);
    expect(out.images.pixels).toHaveLength(6);
    expect(out.images.pixels[0]).toHaveLength(28 * 28);
    for (const [i, z] of (out.latents as number[][]).entries()) {
      const { trainingIndex, distance } = out.nearest[i] as {
        trainingIndex: number;
        distance: number;
      };
      expect(distance).toBeLessThan(1e-6);
      const k = training.indices.indexOf(trainingIndex);
      expect(z[0]).toBeCloseTo(training.latents[2 * k], 6);
      expect(z[1]).toBeCloseTo(training.latents[2 * k + 1], 6);
    }
    const pixels = (out.images.pixels as number[][]).flat();
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(255);
    expect(new Set(pixels).size).toBeGreaterThan(50);
    const again = await runCliJson(...args);
    expect(again.latents).toEqual(out.latents);
  });

  it('is listed by `list` with its autoencoder', async () => {
    const out = await runCliJson('list');
    expect(out.models).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'fashion-latent2d',
          kind: 'latent',
          autoencoder: 'fashion-vae2',
        }),
        expect.objectContaining({ id: 'fashion-latent16d', autoencoder: 'fashion-vae16' }),
        expect.objectContaining({ id: 'digits-latent2d', autoencoder: 'digits-vae2' }),
      ]),
    );
  });

  it('names what is wrong on a bad command line', async () => {
    const r = await runCli('sample', '--model', 'fashion-latent3d');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no autoencoder "fashion-vae3".*fashion-vae2/);
    const s = await runCli('sample', '--model', 'fashion-latent2d', '--sampler', 'nope');
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/--sampler must be one of/);
  });
});
