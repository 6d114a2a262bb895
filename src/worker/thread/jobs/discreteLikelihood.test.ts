import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { encodeName, NAME_MASK } from '../../../core/discrete/data/names';
import { DISCRETE_T, discreteDataProcess } from '../../../core/discrete/datasets';
import { mdlmElbo } from '../../../core/discrete/mdlm';
import { discreteSampleSeed } from '../../../core/discrete/sampling';
import { transformerDenoiser } from '../../../models/discreteDenoiser';
import { readShippedModel } from '../../../models/shippedModels.testkit';
import type { TransformerArchitecture } from '../../../models/transformer';
import type { DiscreteLikelihoodFrame } from '../../protocol/discrete';
import { context, MODELS_URL, NAMES, onShippedDiscreteModels } from './discreteJob.testkit';
import { runDiscreteLikelihood } from './discreteLikelihood';
import { discreteProbe } from './discreteProbe';

onShippedDiscreteModels();

describe('discrete-likelihood job', () => {
  /** Names scored: 30 keep the exact model's Monte Carlo noise near 1% (20 gave a 6% gap). */
  const N = 30;

  it('gives finite bits per character: AR below the ELBO, the exact model’s ELBO at its true NLL', async () => {
    const { ctx, frames } = context<DiscreteLikelihoodFrame>();
    const job = {
      kind: 'discrete-likelihood',
      network: 'mdlm-names',
      autoregressive: 'ar-names',
      count: N,
      samples: 6,
      seed: 5,
    } as const;
    const r = (await runDiscreteLikelihood(job, ctx))!;
    // Ten frames, a batch of N / 10 names each.
    expect(frames.map((f) => f.done)).toEqual(
      Array.from({ length: 10 }, (_, i) => ((i + 1) * N) / 10),
    );
    expect(frames.at(-1)!.elboBitsPerChar).toBeCloseTo(r.elboBitsPerChar, 12);
    const held = NAMES.heldOut.slice(0, N);
    const chars = held.reduce((n, name) => n + name.length + 1, 0);
    expect(r).toMatchObject({ names: N, chars });
    // The network's ELBO, name by name with the single-sequence denoiser under the same seeds.
    const { json, weights } = readShippedModel('mdlm-names');
    const arch = (json as unknown as { architecture: TransformerArchitecture }).architecture;
    const denoise = transformerDenoiser(weights, arch, { T: DISCRETE_T });
    const proc = discreteDataProcess('names');
    const nats = held.reduce(
      (s, name, i) =>
        s + mdlmElbo(proc, encodeName(name, 12), denoise, 6, discreteSampleSeed(5, i)).mean,
      0,
    );
    tf.dispose(Object.values(weights));
    expect(r.elboBitsPerChar).toBeCloseTo(nats / chars / Math.LN2, 5);
    expect(r.elboStderr).toBeGreaterThan(0);
    expect(r.arBitsPerChar).toBeGreaterThan(1.5);
    expect(r.arBitsPerChar).toBeLessThan(r.elboBitsPerChar);
    // The exact model puts 1/n on each training name: its NLL is log₂ n per name.
    const train = NAMES.train.slice(0, N);
    const trainChars = train.reduce((n, name) => n + name.length + 1, 0);
    expect(r.exactTrain.names).toBe(N);
    expect(r.exactTrain.nllBitsPerChar).toBeCloseTo(
      (N * Math.log2(NAMES.train.length)) / trainChars,
      10,
    );
    // Its reverse process is the true one, so MDLM's continuous-time bound is tight: the ELBO equals
    // the NLL in expectation (any-order autoregression with the true conditionals), here within the
    // Monte Carlo noise of N = 30 names × 6 draws (about 1%).
    expect(Math.abs(r.exactTrain.elboBitsPerChar / r.exactTrain.nllBitsPerChar - 1)).toBeLessThan(
      0.03,
    );
    const gap = r.exactTrain.elboBitsPerChar - r.exactTrain.nllBitsPerChar;
    expect(r.exactTrain.gapStderr).toBeGreaterThan(0);
    expect(Math.abs(gap)).toBeLessThan(4 * r.exactTrain.gapStderr);
  });

  it('refuses more names than the held-out set and an unknown AR model', async () => {
    const job = {
      kind: 'discrete-likelihood',
      network: 'mdlm-names',
      autoregressive: 'ar-names',
      count: 841,
      samples: 2,
      seed: 0,
    } as const;
    await expect(
      runDiscreteLikelihood(job, context<DiscreteLikelihoodFrame>().ctx),
    ).rejects.toThrow(/number of names must be an integer in 1\.\.840, got 841/);
    await expect(
      runDiscreteLikelihood(
        { ...job, count: 2, autoregressive: 'mdlm-names' },
        context<DiscreteLikelihoodFrame>().ctx,
      ),
    ).rejects.toThrow(/"mdlm-names" is not an autoregressive model of names \(shipped: ar-names\)/);
  });
});

describe('discreteProbe', () => {
  const loading = { modelsUrl: MODELS_URL, progress: () => {} };

  it('gives both models’ rows, each a distribution without the mask; known tokens are certain to both', async () => {
    const xt = encodeName('anna', 12).map((t, l) => (l % 3 === 1 ? NAME_MASK : t));
    const probe = await discreteProbe(
      { dataset: 'names', network: 'mdlm-names', xt, t: 600 },
      loading,
    );
    const K = 28;
    for (const rows of [probe.exact, probe.network]) {
      expect(rows).toHaveLength(12 * K);
      for (let l = 0; l < 12; l++) {
        const row = rows.subarray(l * K, l * K + K);
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        expect(row[NAME_MASK]).toBe(0);
      }
    }
    // Unmasked tokens are their own x₀ under both (the network's by SUBS carry-over).
    for (let l = 0; l < 12; l++) {
      if (xt[l] === NAME_MASK) continue;
      expect(probe.exact[l * K + xt[l]]).toBeCloseTo(1, 6);
      expect(probe.network[l * K + xt[l]]).toBe(1);
    }
  });

  it('guided digits of a class; refuses an x_t token out of range', async () => {
    const xt = new Int32Array(64).fill(17);
    const probe = await discreteProbe(
      { dataset: 'digits', network: 'mdlm-digits', classId: 2, guidance: 3, xt, t: 900 },
      loading,
    );
    expect(probe.network.every(Number.isFinite)).toBe(true);
    await expect(
      discreteProbe(
        { dataset: 'digits', network: 'mdlm-digits', xt: xt.fill(18, 0, 1), t: 900 },
        loading,
      ),
    ).rejects.toThrow(/x_t token 18 at position 0 is not in 0\.\.17/);
  });
});
