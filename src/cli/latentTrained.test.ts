import { describe, expect, it } from 'vitest';
import { normals } from '../core/rng';
import { requireShippedModels } from '../models/shippedModels.testkit';
import { runCli, runCliJson } from './cli.testkit';
import { PRIOR_KEY, vpRun } from './latentRuns';

requireShippedModels(['mlp-digits-latent2d', 'digits-vae2', 'fashion', 'fashion-classifier']);
requireShippedModels(['mlp-fashion-latent2d', 'mlp-fashion-latent16d', 'fashion-vae16']);

const sample = (...extra: string[]) =>
  runCliJson('sample', '--model', 'mlp-digits-latent2d', '-n', '8', '--seed', '5', ...extra);

describe('sample --model mlp-digits-latent2d (trained latent denoiser)', () => {
  it('with guidance lands next to encoded training digits of the requested class', async () => {
    const out = await sample('--class', '3', '--guidance', '4', '--steps', '20');
    expect(out.settings).toMatchObject({ autoencoder: 'digits-vae2', class: 3, guidance: 4 });
    expect(out.nfe).toBe(20);
    expect(out.images.pixels).toHaveLength(8);
    // The labels of the data set, not of our model: at w = 4 the card measures 99.7% agreement.
    const threes = (out.nearest as { label: string }[]).filter((m) => m.label === '3').length;
    expect(threes).toBeGreaterThanOrEqual(7);
  });

  it('--truncate t=999 is the plain run; --truncate 0 returns the prior sample, no NFE', async () => {
    const plain = await sample('--class', '1', '--steps', '10');
    const fromT = await sample('--class', '1', '--steps', '10', '--truncate', 't=999');
    expect(fromT.latents).toEqual(plain.latents);
    expect(fromT.nfe).toBe(10);
    const none = await sample('--class', '1', '--truncate', '0');
    expect(none.nfe).toBe(0);
    const z = normals(5, PRIOR_KEY, 16);
    (none.latents as number[][]).flat().forEach((v, i) => expect(v).toBeCloseTo(z[i], 6));
  });

  it('--truncate σ runs only the grid steps at or below σ', async () => {
    const { grid } = vpRun('ddim', 10);
    const sigma = 2;
    const out = await sample('--steps', '10', '--truncate', String(sigma));
    expect(out.nfe).toBe(grid.sigmas.filter((s) => s > 0 && s <= sigma).length);
    expect(out.settings.truncate.sigma).toBeLessThanOrEqual(sigma);
  });

  it('refuses a bad class or truncation and is listed', async () => {
    expect((await runCli('sample', '--model', 'mlp-digits-latent2d', '--class', '10')).code).toBe(
      2,
    );
    const bad = await runCli('sample', '--model', 'mlp-digits-latent2d', '--truncate', '-1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--truncate takes a σ ≥ 0/);
    const list = await runCliJson('list');
    expect(list.models).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'mlp-fashion-latent16d', autoencoder: 'fashion-vae16' }),
      ]),
    );
    const mlp = (list.models as { id: string; datasets?: string[] }[]).find((m) => m.id === 'mlp');
    expect(mlp?.datasets).not.toContain('digits-latent2d');
  });
});

describe('latent-compare', () => {
  it('scores pixel, latent and truncated runs; truncation at σ_max is the pixel run', async () => {
    const out = await runCliJson(
      'latent-compare',
      '--per-class',
      '2',
      '--steps',
      '2',
      '--truncate',
      '1000,5',
      '--backend',
      'wasm',
    );
    expect(out.rows).toHaveLength(3);
    for (const row of [...out.rows, ...out.truncation]) {
      expect(row.agreement).toBeGreaterThanOrEqual(0);
      expect(row.agreement).toBeLessThanOrEqual(1);
      expect(Number.isFinite(row.fd) && row.fd >= 0).toBe(true);
    }
    expect(out.rows.map((r: { nfe: number }) => r.nfe)).toEqual([2, 2, 2]);
    const [prior, full, low] = out.truncation;
    expect(prior).toMatchObject({ nfe: 0, sigmaStart: 0 });
    expect(full).toMatchObject({ nfe: 2, agreement: out.rows[0].agreement, fd: out.rows[0].fd });
    expect(low.nfe).toBe(vpRun('ddim', 2).grid.sigmas.filter((s) => s > 0 && s <= 5).length);
    expect(low.nfe).toBe(1);
  }, 300_000);

  it('--truncate-from latent starts from the 16D latent samples: at σ_s = 0 they are that row', async () => {
    const out = await runCliJson(
      'latent-compare',
      '--per-class',
      '2',
      '--steps',
      '2',
      '--truncate-from',
      'latent',
      '--backend',
      'wasm',
    );
    expect(out.truncation).toHaveLength(1);
    const [latent16] = out.rows.slice(1);
    expect(out.truncation[0]).toMatchObject({
      nfe: 0,
      agreement: latent16.agreement,
      fd: latent16.fd,
    });
  }, 300_000);
});
