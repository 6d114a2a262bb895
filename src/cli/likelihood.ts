import { spreadIndices, toBytes } from '../core/lab/bitsPerDim';
import { finish } from '../core/lab/heunLikelihood';
import { trainingDiffusion } from '../models/denoiser2d';
import { MAX_PROBES, unetBitsPerDim } from '../models/imageLikelihood';
import { loadModel } from '../models/loader';
import { isFlowSchedule } from '../models/manifest';
import { loadTestImages } from '../models/testImages';
import { Flags, parseFlags, UsageError } from './args';
import { availableModel, DEFAULT_MODELS_DIR, fileFetch, readManifest } from './modelFiles';
import { useBackend } from './networks';
import { BACKEND_IDS } from './sampleOptions';

const FLAGS = {
  model: 'string',
  n: 'int',
  probes: 'int',
  steps: 'int',
  seed: 'int',
  'elbo-terms': 'int',
  'elbo-samples': 'int',
  models: 'string',
  backend: 'string',
  out: 'string',
} as const;

/**
 * `likelihood --model digits|fashion --n N [--probes P] [--steps S] [--seed S]`: bits per
 * dimension of N test images (spread over the classes) under the image model's unconditional
 * density, by the PF-ODE with Hutchinson's divergence on uniformly dequantised images, and by
 * the DDPM bound with the discretised decoder (docs/LIKELIHOOD.md). `bpd` is the ODE's mean.
 */
export async function likelihoodCommand(argv: readonly string[]): Promise<object> {
  const f = new Flags(parseFlags(argv, FLAGS));
  if (!f.has('model'))
    throw new UsageError('likelihood needs --model (an image model: digits, fashion)');
  const dir = f.string('models', DEFAULT_MODELS_DIR);
  const modelsDir = dir.endsWith('/') ? dir : `${dir}/`;
  const manifest = await readManifest(modelsDir);
  const entry = availableModel(
    manifest,
    f.string('model', ''),
    'unet',
    (ids) => `--model must be an image model of this build (${ids.join(', ') || 'none'})`,
  );
  if (entry.schedule && isFlowSchedule(entry.schedule))
    throw new UsageError(
      `--model ${entry.id} is a flow-matching model; the likelihood needs a diffusion model's VP chain`,
    );
  const n = f.number('n', 8, 1, 1000);
  const probes = f.number('probes', 1, 1, MAX_PROBES);
  const steps = f.number('steps', 50, 1, 1000);
  const seed = f.number('seed', 0, 0, 2 ** 31 - 1);
  const elboTerms = f.number('elbo-terms', 100, 1, 999);
  const elboSamples = f.number('elbo-samples', 1, 1, 64);
  const backend = f.choice('backend', BACKEND_IDS, 'wasm');
  await useBackend(backend);
  const options = { fetch: fileFetch, baseUrl: modelsDir };
  const loaded = await loadModel(entry, options);
  const test = await loadTestImages(entry, options);
  if (n > test.count)
    throw new UsageError(`--n must be at most ${test.count}, the test images ${entry.id} ships`);
  const indices = spreadIndices(test.count, n);
  const dim = test.height * test.width;
  const bytes = new Uint8Array(n * dim);
  indices.forEach((i, k) =>
    bytes.set(toBytes(test.pixels.subarray(i * dim, (i + 1) * dim)), k * dim),
  );
  const t0 = performance.now();
  const r = finish(
    unetBitsPerDim(loaded, bytes, {
      schedule: trainingDiffusion(entry).schedule,
      dim,
      steps,
      seed,
      elboSamples,
      elboTerms,
      probes,
    }),
  );
  const interval = (m: { mean: number; half: number }) => [m.mean - m.half, m.mean + m.half];
  return {
    model: entry.id,
    images: indices,
    bpd: r.odeMean.mean,
    bpdInterval95: interval(r.odeMean),
    elbo: {
      bpd: r.elboMean.mean,
      bpdInterval95: interval(r.elboMean),
      terms: { lT: r.terms.lT, sum: r.terms.sum, l0: r.terms.l0 },
      evaluatedTerms: r.terms.lt.length,
      samples: elboSamples,
    },
    perImage: { ode: [...r.ode], elbo: [...r.elbo] },
    settings: {
      n,
      probes,
      steps,
      seed,
      nfe: r.odeNfe,
      sigmaMin: r.sigmaMin,
      sigmaMax: r.sigmaMax,
      backend,
    },
    seconds: (performance.now() - t0) / 1000,
  };
}
