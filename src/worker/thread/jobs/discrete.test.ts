import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  decodeName,
  encodeName,
  NAME_MASK,
  namesFromJson,
} from '../../../core/discrete/data/names';
import { DISCRETE_DATA, DISCRETE_T, discreteDataProcess } from '../../../core/discrete/datasets';
import { mdlmElbo } from '../../../core/discrete/mdlm';
import { discreteSampleSeed, timestepGrid, TokenState } from '../../../core/discrete/sampling';
import { transformerDenoiser } from '../../../models/discreteDenoiser';
import {
  MODELS_DIR,
  readShippedModel,
  requireShippedModels,
} from '../../../models/shippedModels.testkit';
import type { TransformerArchitecture } from '../../../models/transformer';
import type {
  DiscreteFrame,
  DiscreteLikelihoodFrame,
  DiscreteSampleJob,
  DiscreteSampleResult,
} from '../../protocol/discrete';
import type { JobContext } from './context';
import { runDiscreteLikelihood } from './discreteLikelihood';
import { discreteProbe } from './discreteProbe';
import { runDiscreteSample } from './discreteSample';

const MODELS_URL = pathToFileURL(MODELS_DIR).href;
const BIN = fileURLToPath(new URL('../../../../bin/diffusion-playground.mjs', import.meta.url));
const NAMES = namesFromJson(
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../../../../public/data/names.json', import.meta.url)),
      'utf8',
    ),
  ),
);

/** The app's origin as the worker sees it: public/models and public/data read from disk. */
async function fileFetch(url: string | URL): Promise<Response> {
  const path = fileURLToPath(String(url));
  return existsSync(path) ? new Response(readFileSync(path)) : new Response(null, { status: 404 });
}

function context<F>(cancelAfter = Infinity) {
  const frames: F[] = [];
  const ctx: JobContext<F> = {
    runId: 1,
    modelsUrl: MODELS_URL,
    isCancelled: () => frames.length >= cancelAfter,
    emit: (_step, _total, frame) => frames.push(frame),
    progress: () => {},
  };
  return { ctx, frames };
}

async function sample(job: DiscreteSampleJob, cancelAfter?: number) {
  const { ctx, frames } = context<DiscreteFrame>(cancelAfter);
  const result = await runDiscreteSample(job, ctx);
  return { frames, result };
}

/** The oracle: the CLI's `sample --discrete` in its own Node process (its own loading, its own loop). */
function cliSamples(...argv: string[]): (string | number[])[] {
  const r = spawnSync(process.execPath, [BIN, 'sample', ...argv, '--backend', 'cpu'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`CLI exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout).samples;
}

const base = { sampler: 'mdlm-ancestral', params: {}, seed: 0 } as const;

beforeAll(async () => {
  await tf.setBackend('cpu');
  requireShippedModels(['mdlm-names', 'mdlm-digits', 'ar-names']);
  vi.stubGlobal('fetch', fileFetch);
});
afterAll(() => vi.unstubAllGlobals());

describe('discrete-sample job', () => {
  const ma = encodeName('ma', 12).map((t, l) => (l < 2 ? t : -1));
  const cases: [string, DiscreteSampleJob, string[]][] = [
    [
      'names, exact, infilling "ma"',
      {
        ...base,
        kind: 'discrete-sample',
        dataset: 'names',
        model: 'exact',
        sampler: 'confidence',
        params: { order: 'random' },
        steps: 10,
        count: 5,
        seed: 9,
        fixed: ma,
      },
      [
        '--discrete',
        'names',
        '--sampler',
        'confidence',
        '--param',
        'order=random',
        '--steps',
        '10',
        '-n',
        '5',
        '--seed',
        '9',
        '--prefix',
        'ma',
      ],
    ],
    [
      'names, mdlm-names',
      {
        ...base,
        kind: 'discrete-sample',
        dataset: 'names',
        model: 'mdlm-names',
        params: { cache: false },
        steps: 8,
        count: 6,
        seed: 11,
      },
      [
        '--discrete',
        'names',
        '--model',
        'mdlm-names',
        '--param',
        'cache=false',
        '--steps',
        '8',
        '-n',
        '6',
        '--seed',
        '11',
      ],
    ],
    [
      'digits, exact, class 3',
      {
        ...base,
        kind: 'discrete-sample',
        dataset: 'digits',
        model: 'exact',
        classId: 3,
        steps: 8,
        count: 3,
        seed: 2,
      },
      ['--discrete', 'digits', '--class', '3', '--steps', '8', '-n', '3', '--seed', '2'],
    ],
    [
      'digits, mdlm-digits, class 7, guidance 2',
      {
        ...base,
        kind: 'discrete-sample',
        dataset: 'digits',
        model: 'mdlm-digits',
        sampler: 'remdm',
        params: { eta: 0.05 },
        classId: 7,
        guidance: 2,
        steps: 5,
        count: 2,
        seed: 4,
      },
      [
        '--discrete',
        'digits',
        '--model',
        'mdlm-digits',
        '--sampler',
        'remdm',
        '--param',
        'eta=0.05',
        '--class',
        '7',
        '--guidance',
        '2',
        '--steps',
        '5',
        '-n',
        '2',
        '--seed',
        '4',
      ],
    ],
  ];

  it.each(cases)(
    '%s: x_T then a frame a step to all-unmasked, as the CLI samples',
    async (_, job, argv) => {
      const { frames, result } = await sample(job);
      const { L, levels: mask } = DISCRETE_DATA[job.dataset];
      expect(result).not.toBeNull();
      const r = result as DiscreteSampleResult;
      expect(frames).toHaveLength(job.steps + 1);
      expect(frames.map((f) => f.t)).toEqual(timestepGrid(DISCRETE_T, job.steps));
      const fixedAt = (l: number) => (job.fixed ? job.fixed[l % L] >= 0 : false);
      frames[0].x.forEach((v, i) => expect(v).toBe(fixedAt(i) ? job.fixed![i % L] : mask));
      frames[0].states.forEach((s, i) =>
        expect(s).toBe(fixedAt(i) ? TokenState.fixed : TokenState.masked),
      );
      for (const f of frames) {
        expect(f.x).toHaveLength(job.count * L);
        expect(f.states).toHaveLength(job.count * L);
      }
      expect(frames.map((f) => f.nfe)).toEqual([...frames.map((f) => f.nfe)].sort((a, b) => a - b));
      expect(frames.at(-1)!.x).toEqual(r.x);
      expect(frames.at(-1)!.nfe).toBe(r.nfe);
      expect(r.x.includes(mask)).toBe(false);
      const mine = Array.from({ length: job.count }, (_, j) => {
        const row = r.x.subarray(j * L, j * L + L);
        return job.dataset === 'names' ? decodeName(row) : Array.from(row);
      });
      expect(mine).toEqual(cliSamples(...argv));
    },
  );

  it('stops between steps once cancelled and resolves to null', async () => {
    const job = cases[1][1];
    const { frames, result } = await sample(job, 3);
    expect(result).toBeNull();
    expect(frames).toHaveLength(3);
  });

  it.each([
    [
      'a network of another data set',
      { model: 'mdlm-digits' },
      /"mdlm-digits" is not a model of names; names takes exact, mdlm-names/,
    ],
    ['the AR model', { model: 'ar-names' }, /"ar-names" is not a model of names/],
    ['a class on names', { classId: 1 }, /names has no classes/],
    [
      'a class out of range',
      { dataset: 'digits', classId: 10 },
      /class must be an integer in 0\.\.9, got 10/,
    ],
    [
      'guidance out of range',
      { dataset: 'digits', classId: 1, guidance: 25 },
      /guidance must be in 0\.\.20, got 25/,
    ],
    [
      'fixed of the wrong length',
      { fixed: new Int32Array(5).fill(-1) },
      /5 positions, names has L = 12/,
    ],
    [
      'a fixed mask token',
      { fixed: new Int32Array(12).fill(-1).fill(NAME_MASK, 3, 4) },
      /fixed token 27 at position 3 is not −1 \(free\) or a data token 0\.\.26/,
    ],
    [
      'an unknown sampler',
      { sampler: 'euler' },
      /unknown discrete sampler "euler"; known: d3pm-ancestral/,
    ],
    [
      'an unknown sampler parameter',
      { params: { eta: 1 } },
      /mdlm-ancestral has no parameter "eta"/,
    ],
    [
      'a sampler parameter out of range',
      { sampler: 'remdm', params: { eta: 5 } },
      /remdm: eta=5 is outside 0\.\.1$/,
    ],
    ['no samples', { count: 0 }, /number of samples must be an integer in 1\.\.1024, got 0/],
    ['too many steps', { steps: 1001 }, /steps must be an integer in 1\.\.1000, got 1001/],
  ] as const)('refuses %s, naming it', async (_, change, message) => {
    const job = {
      ...base,
      kind: 'discrete-sample',
      dataset: 'names',
      model: 'exact',
      steps: 4,
      count: 2,
      ...change,
    } as DiscreteSampleJob;
    await expect(sample(job)).rejects.toThrow(message);
  });
});

describe('discrete-likelihood job', () => {
  it('gives finite bits per character: AR below the ELBO, the exact model’s ELBO at its true NLL', async () => {
    const { ctx, frames } = context<DiscreteLikelihoodFrame>();
    const job = {
      kind: 'discrete-likelihood',
      network: 'mdlm-names',
      autoregressive: 'ar-names',
      count: 30,
      samples: 6,
      seed: 5,
    } as const;
    const r = (await runDiscreteLikelihood(job, ctx))!;
    expect(frames.map((f) => f.done)).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
    expect(frames.at(-1)!.elboBitsPerChar).toBeCloseTo(r.elboBitsPerChar, 12);
    const held = NAMES.heldOut.slice(0, 30);
    const chars = held.reduce((n, name) => n + name.length + 1, 0);
    expect(r).toMatchObject({ names: 30, chars });
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
    const train = NAMES.train.slice(0, 30);
    const trainChars = train.reduce((n, name) => n + name.length + 1, 0);
    expect(r.exactTrain.names).toBe(30);
    expect(r.exactTrain.nllBitsPerChar).toBeCloseTo(
      (30 * Math.log2(NAMES.train.length)) / trainChars,
      10,
    );
    // Its reverse process is the true one, so MDLM's continuous-time bound is tight: the ELBO equals
    // the NLL in expectation (any-order autoregression with the true conditionals), here within the
    // Monte Carlo noise of 30 names × 6 draws (about 1%).
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
